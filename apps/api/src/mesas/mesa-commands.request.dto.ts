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
import {
  CADENCE_DAYS,
  CadenceDays,
  ID_PATTERN,
  MESA_KINDS,
  MESA_LEVELS,
  MesaKind,
  MesaLevel,
  PARTICIPANT_ROLES,
  ParticipantRole,
  SESSION_TYPES,
  SessionType,
} from '@mesas/domain';
import { CommandOptionsDto, IsCalendarDate, IsId, IsText } from '../http/validation';

export class ProposeMesaRequest extends CommandOptionsDto {
  @IsId("the new mesa's id; made by the server when absent", true)
  mesaId?: string;

  @IsText(200, 'name of the mesa, e.g. "Mesa Ejecutiva Forestal"')
  name!: string;

  @ApiProperty({ enum: MESA_KINDS })
  @IsIn(MESA_KINDS)
  kind!: MesaKind;

  @IsText(200, 'the sector or factor it works on')
  scope!: string;

  @ApiPropertyOptional({ enum: MESA_LEVELS, default: 'national' })
  @IsOptional()
  @IsIn(MESA_LEVELS)
  level?: MesaLevel;

  @IsText(200, 'the region, for a regional mesa', true)
  region?: string;

  @IsText(200, 'the minister-level sponsor, e.g. "PRODUCE"')
  convener!: string;

  @ApiPropertyOptional({ enum: CADENCE_DAYS, default: 14 })
  @IsOptional()
  @IsIn(CADENCE_DAYS)
  cadenceDays?: CadenceDays;
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

  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role!: ParticipantRole;
}

export class HoldSessionRequest extends CommandOptionsDto {
  @ApiProperty({ enum: SESSION_TYPES })
  @IsIn(SESSION_TYPES)
  type!: SessionType;

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
