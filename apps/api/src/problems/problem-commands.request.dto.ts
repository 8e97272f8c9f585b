import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Min, ValidateIf } from 'class-validator';
import {
  BARRIERS,
  Barrier,
  ESCALATION_REASONS,
  EscalationReason,
  FILTER_DECISIONS,
  FilterDecision,
  OWNERSHIPS,
  Ownership,
  ROOT_CAUSES,
  RootCause,
} from '@mesas/domain';
import { INPUT_LIMITS } from '../http/input-limits';
import {
  CommandOptionsDto,
  IsCalendarDate,
  IsId,
  IsLine,
  IsText,
  IsTextOf,
} from '../http/validation';

export class RaiseProblemRequest extends CommandOptionsDto {
  @IsId("the new problem's id; made by the server when absent", true)
  problemId?: string;

  @IsLine(INPUT_LIMITS.name, 'the bottleneck, in one line')
  title!: string;

  @IsText(INPUT_LIMITS.text, 'what blocks the sector, and how', true)
  description?: string;

  @ApiProperty({ enum: BARRIERS })
  @IsIn(BARRIERS)
  barrier!: Barrier;

  @IsId('the participant who raised it')
  raisedBy!: string;
}

export class ClassifyProblemRequest extends CommandOptionsDto {
  @ApiProperty({
    enum: OWNERSHIPS,
    description: "MP: the state must act; YP: the firms' own problem",
  })
  @IsIn(OWNERSHIPS)
  ownership!: Ownership;

  @ApiProperty({ enum: ROOT_CAUSES })
  @IsIn(ROOT_CAUSES)
  rootCause!: RootCause;
}

export class FilterProblemRequest extends CommandOptionsDto {
  @ApiProperty({ enum: FILTER_DECISIONS })
  @IsIn(FILTER_DECISIONS)
  decision!: FilterDecision;

  @ApiProperty({
    required: false,
    description: 'required when rejected (e.g. a subsidy request)',
    maxLength: INPUT_LIMITS.reason,
  })
  @ValidateIf((o: FilterProblemRequest) => o.decision === 'rejected' || o.reason !== undefined)
  @IsString({ message: 'reason is required when the problem is rejected' })
  @IsNotEmpty({ message: 'reason is required when the problem is rejected' })
  @IsTextOf('text', INPUT_LIMITS.reason)
  reason?: string;
}

export class PrioritizeProblemRequest extends CommandOptionsDto {
  @ApiProperty({ minimum: 1, description: '1 moves the needle most' })
  @IsInt()
  @Min(1)
  rank!: number;
}

export class ProposeSolutionRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.text, 'the potential solution')
  text!: string;

  @IsText(INPUT_LIMITS.text, 'why (for a revision: what execution taught)', true)
  rationale?: string;
}

export class AssignTaskRequest extends CommandOptionsDto {
  @IsId("the new task's id; made by the server when absent", true)
  taskId?: string;

  @IsLine(INPUT_LIMITS.name, 'the concrete action')
  title!: string;

  @IsLine(INPUT_LIMITS.code, 'code of the responsible public entity, e.g. SERFOR')
  responsibleEntity!: string;

  @IsCalendarDate('the fixed deadline')
  dueOn!: string;
}

export class ReportProgressRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.text, 'what was reported')
  note!: string;
}

export class MoveDeadlineRequest extends CommandOptionsDto {
  @IsCalendarDate('the new deadline')
  dueOn!: string;

  @IsText(INPUT_LIMITS.reason, 'why it moves')
  reason!: string;
}

export class CompleteTaskRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.text, 'what was delivered', true)
  outcome?: string;
}

export class CancelTaskRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.reason, 'why it was cancelled')
  reason!: string;
}

export class EscalateRequest extends CommandOptionsDto {
  @ApiProperty({ enum: ESCALATION_REASONS })
  @IsIn(ESCALATION_REASONS)
  reason!: EscalationReason;

  @IsText(INPUT_LIMITS.text, 'context for the higher-level body', true)
  note?: string;
}

export class DecideEscalationRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.text, 'what the higher-level body decided')
  decision!: string;

  @IsLine(INPUT_LIMITS.name, 'who decided (e.g. "Consejo de Ministros")')
  decidedBy!: string;
}

export class ResolveProblemRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.text, 'how the bottleneck was removed')
  outcome!: string;
}

export class ReopenProblemRequest extends CommandOptionsDto {
  @IsText(INPUT_LIMITS.reason, 'why it is open again')
  reason!: string;
}

export class RecordImpactRequest extends CommandOptionsDto {
  @IsLine(INPUT_LIMITS.name, 'what was measured, e.g. "plantation registration time"')
  indicator!: string;

  @IsLine(INPUT_LIMITS.unit, 'unit, e.g. "days"')
  unit!: string;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  before!: number;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  after!: number;
}
