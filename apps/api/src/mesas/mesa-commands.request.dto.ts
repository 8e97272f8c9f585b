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
import { INPUT_LIMITS } from '../http/input-limits';
import { CommandOptionsDto, IsCalendarDate, IsId, IsLine, IsText } from '../http/validation';

export class ProposeMesaRequest extends CommandOptionsDto {
  @IsId("the new mesa's id; made by the server when absent", true)
  mesaId?: string;

  @IsLine(INPUT_LIMITS.name, 'name of the mesa, e.g. "Mesa Ejecutiva Forestal"')
  name!: string;

  @ApiProperty({ enum: MESA_KINDS })
  @IsIn(MESA_KINDS)
  kind!: MesaKind;

  @IsLine(INPUT_LIMITS.name, 'the sector or factor it works on')
  scope!: string;

  @ApiPropertyOptional({ enum: MESA_LEVELS, default: 'national' })
  @IsOptional()
  @IsIn(MESA_LEVELS)
  level?: MesaLevel;

  @IsLine(INPUT_LIMITS.name, 'the region, for a regional mesa', true)
  region?: string;

  @IsLine(INPUT_LIMITS.name, 'the minister-level sponsor, e.g. "PRODUCE"')
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

  @IsText(INPUT_LIMITS.text, 'the reasoning of the assessment')
  notes!: string;
}

export class LaunchMesaRequest extends CommandOptionsDto {}

export class JoinParticipantRequest extends CommandOptionsDto {
  @IsId("the participant's id within the mesa")
  participantId!: string;

  @IsLine(INPUT_LIMITS.name, 'name, or the role held ("Representante de …")')
  name!: string;

  @IsLine(INPUT_LIMITS.name, 'the association, entity or team represented')
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
  @ArrayMaxSize(INPUT_LIMITS.list)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'each value in attendees must be a participant id' })
  attendees!: string[];

  @ApiPropertyOptional({ type: [String], description: 'problems discussed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INPUT_LIMITS.list)
  @IsString({ each: true })
  @Matches(ID_PATTERN, {
    each: true,
    message: `each value in problemIds must match ${ID_PATTERN.source}`,
  })
  problemIds?: string[];

  @IsText(INPUT_LIMITS.text, 'what was reported and agreed', true)
  summary?: string;
}

export class LeaveRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.reason, 'why the participant left', true)
  reason?: string;
}

export class TransferMesaRequest extends CommandOptionsDto {
  @IsLine(INPUT_LIMITS.name, 'the new convener, e.g. "MINAGRI"')
  convener!: string;

  @IsText(INPUT_LIMITS.reason, 'why the mesa moves')
  reason!: string;
}

export class CloseMesaRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.reason, 'why the mesa closes')
  reason!: string;
}
