import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { ID_PATTERN } from '@mesas/domain';
import { CommandOptionsDto, IsCalendarDate, IsId, IsText } from '../http/validation';

export class ProposeMesaRequest extends CommandOptionsDto {
  @IsId("the new mesa's id; made by the server when absent", true)
  mesaId?: string;

  @IsText(200, 'name of the mesa, e.g. "Mesa Ejecutiva Forestal"')
  name!: string;

  @ApiProperty({ enum: ['sector', 'factor'] })
  @IsIn(['sector', 'factor'])
  kind!: 'sector' | 'factor';

  @IsText(200, 'the sector or factor it works on')
  scope!: string;

  @ApiPropertyOptional({ enum: ['national', 'regional'], default: 'national' })
  @IsOptional()
  @IsIn(['national', 'regional'])
  level?: 'national' | 'regional';

  @IsText(200, 'the region, for a regional mesa', true)
  region?: string;

  @IsText(200, 'the minister-level sponsor, e.g. "PRODUCE"')
  convener!: string;

  @ApiPropertyOptional({ enum: [7, 14], default: 14 })
  @IsOptional()
  @IsIn([7, 14])
  cadenceDays?: 7 | 14;
}

export class AssessViabilityRequest extends CommandOptionsDto {
  @ApiProperty({ description: 'is there private demand, and can the public side deliver?' })
  @IsBoolean()
  viable!: boolean;

  @IsText(4000, 'the reasoning of the assessment')
  notes!: string;
}

export class LaunchMesaRequest extends CommandOptionsDto {}

export class JoinParticipantRequest extends CommandOptionsDto {
  @IsId("the participant's id within the mesa")
  participantId!: string;

  @IsText(200, 'name, or the role held ("Representante de …")')
  name!: string;

  @IsText(200, 'the association, entity or team represented')
  organisation!: string;

  @ApiProperty({ enum: ['private', 'public', 'dedicated_team', 'high_level'] })
  @IsIn(['private', 'public', 'dedicated_team', 'high_level'])
  role!: 'private' | 'public' | 'dedicated_team' | 'high_level';
}

export class HoldSessionRequest extends CommandOptionsDto {
  @ApiProperty({ enum: ['regular', 'inter_session'] })
  @IsIn(['regular', 'inter_session'])
  type!: 'regular' | 'inter_session';

  @IsCalendarDate('the day the session was held')
  heldOn!: string;

  @ApiProperty({ type: [String], description: 'participant ids present' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'each attendee must be a participant id' })
  attendees!: string[];

  @ApiPropertyOptional({ type: [String], description: 'problems discussed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'each problem id must match the id pattern' })
  problemIds?: string[];

  @IsText(4000, 'what was reported and agreed', true)
  summary?: string;
}

export class LeaveRequest extends CommandOptionsDto {
  @IsText(1000, 'why the participant left', true)
  reason?: string;
}

export class TransferMesaRequest extends CommandOptionsDto {
  @IsText(200, 'the new convener, e.g. "MINAGRI"')
  convener!: string;

  @IsText(2000, 'why the mesa moves')
  reason!: string;
}

export class CloseMesaRequest extends CommandOptionsDto {
  @IsText(2000, 'why the mesa closes')
  reason!: string;
}
