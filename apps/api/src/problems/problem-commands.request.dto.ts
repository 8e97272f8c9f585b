import { ApiProperty } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
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
import { CommandOptionsDto, IsCalendarDate, IsId, IsText } from '../http/validation';

export class RaiseProblemRequest extends CommandOptionsDto {
  @IsId("the new problem's id; made by the server when absent", true)
  problemId?: string;

  @IsText(300, 'the bottleneck, in one line')
  title!: string;

  @IsText(8000, 'what blocks the sector, and how', true)
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
    maxLength: 2000,
  })
  @ValidateIf((o: FilterProblemRequest) => o.decision === 'rejected' || o.reason !== undefined)
  @IsString({ message: 'reason is required when the problem is rejected' })
  @IsNotEmpty({ message: 'reason is required when the problem is rejected' })
  @MaxLength(2000)
  reason?: string;
}

export class PrioritizeProblemRequest extends CommandOptionsDto {
  @ApiProperty({ minimum: 1, description: '1 moves the needle most' })
  @IsInt()
  @Min(1)
  rank!: number;
}

export class ProposeSolutionRequest extends CommandOptionsDto {
  @IsText(8000, 'the potential solution')
  text!: string;

  @IsText(4000, 'why (for a revision: what execution taught)', true)
  rationale?: string;
}

export class AssignTaskRequest extends CommandOptionsDto {
  @IsId("the new task's id; made by the server when absent", true)
  taskId?: string;

  @IsText(300, 'the concrete action')
  title!: string;

  @IsText(100, 'code of the responsible public entity, e.g. SERFOR')
  responsibleEntity!: string;

  @IsCalendarDate('the fixed deadline')
  dueOn!: string;
}

export class ReportProgressRequest extends CommandOptionsDto {
  @IsText(4000, 'what was reported')
  note!: string;
}

export class MoveDeadlineRequest extends CommandOptionsDto {
  @IsCalendarDate('the new deadline')
  dueOn!: string;

  @IsText(2000, 'why it moves')
  reason!: string;
}

export class CompleteTaskRequest extends CommandOptionsDto {
  @IsText(4000, 'what was delivered', true)
  outcome?: string;
}

export class CancelTaskRequest extends CommandOptionsDto {
  @IsText(2000, 'why it was cancelled')
  reason!: string;
}

export class EscalateRequest extends CommandOptionsDto {
  @ApiProperty({ enum: ESCALATION_REASONS })
  @IsIn(ESCALATION_REASONS)
  reason!: EscalationReason;

  @IsText(4000, 'context for the higher-level body', true)
  note?: string;
}

export class DecideEscalationRequest extends CommandOptionsDto {
  @IsText(4000, 'what the higher-level body decided')
  decision!: string;

  @IsText(200, 'who decided (e.g. "Consejo de Ministros")')
  decidedBy!: string;
}

export class ResolveProblemRequest extends CommandOptionsDto {
  @IsText(4000, 'how the bottleneck was removed')
  outcome!: string;
}

export class ReopenProblemRequest extends CommandOptionsDto {
  @IsText(2000, 'why it is open again')
  reason!: string;
}

export class RecordImpactRequest extends CommandOptionsDto {
  @IsText(200, 'what was measured, e.g. "plantation registration time"')
  indicator!: string;

  @IsText(50, 'unit, e.g. "days"')
  unit!: string;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  before!: number;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  after!: number;
}
