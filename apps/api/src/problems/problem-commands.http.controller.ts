import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import {
  CommandResult,
  ExecuteProblemCommand,
  ProblemIntent,
  RequestContext,
} from '../commands/command-messages';
import { CommandContext } from '../http/command-context.decorator';
import { IdParamPipe, newId } from '../http/id-param.pipe';
import {
  AssignTaskRequest,
  CancelTaskRequest,
  ClassifyProblemRequest,
  CompleteTaskRequest,
  DecideEscalationRequest,
  EscalateRequest,
  FilterProblemRequest,
  MoveDeadlineRequest,
  PrioritizeProblemRequest,
  ProposeSolutionRequest,
  RaiseProblemRequest,
  RecordImpactRequest,
  ReopenProblemRequest,
  ReportProgressRequest,
  ResolveProblemRequest,
} from './problem-commands.request.dto';

/** A problem's life in the matrix: each route maps its body to one command. */
@ApiTags('problems (commands)')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller()
export class ProblemCommandsController {
  constructor(private readonly commands: CommandBus) {}

  private send(
    problemId: string,
    intent: ProblemIntent,
    context: RequestContext,
    resultId = problemId,
    mesaId: string | null = null,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new ExecuteProblemCommand(problemId, mesaId, intent, context, resultId),
    );
  }

  @Post('mesas/:mesaId/problems')
  @HttpCode(201)
  raise(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: RaiseProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    const problemId = body.problemId ?? newId();
    return this.send(
      problemId,
      {
        type: 'RaiseProblem',
        data: {
          mesaId,
          problemId,
          title: body.title,
          description: body.description ?? null,
          barrier: body.barrier,
          raisedBy: body.raisedBy,
        },
      },
      context,
      problemId,
      mesaId,
    );
  }

  @Post('problems/:problemId/classify')
  @HttpCode(201)
  classify(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: ClassifyProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'ClassifyProblem', data: { ownership: body.ownership, rootCause: body.rootCause } },
      context,
    );
  }

  @Post('problems/:problemId/filter')
  @HttpCode(201)
  filter(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: FilterProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'FilterProblem', data: { decision: body.decision, reason: body.reason ?? null } },
      context,
    );
  }

  @Post('problems/:problemId/prioritize')
  @HttpCode(201)
  prioritize(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: PrioritizeProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(problemId, { type: 'PrioritizeProblem', data: { rank: body.rank } }, context);
  }

  @Post('problems/:problemId/solutions')
  @HttpCode(201)
  propose(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: ProposeSolutionRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'ProposeSolution', data: { text: body.text, rationale: body.rationale ?? null } },
      context,
    );
  }

  @Post('problems/:problemId/tasks')
  @HttpCode(201)
  assign(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: AssignTaskRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    const taskId = body.taskId ?? newId('task');
    return this.send(
      problemId,
      {
        type: 'AssignTask',
        data: {
          taskId,
          title: body.title,
          responsibleEntity: body.responsibleEntity,
          dueOn: body.dueOn,
        },
      },
      context,
      taskId,
    );
  }

  @Post('problems/:problemId/tasks/:taskId/progress')
  @HttpCode(201)
  progress(
    @Param('problemId', IdParamPipe) problemId: string,
    @Param('taskId', IdParamPipe) taskId: string,
    @Body() body: ReportProgressRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'ReportTaskProgress', data: { taskId, note: body.note } },
      context,
      taskId,
    );
  }

  @Post('problems/:problemId/tasks/:taskId/deadline')
  @HttpCode(201)
  moveDeadline(
    @Param('problemId', IdParamPipe) problemId: string,
    @Param('taskId', IdParamPipe) taskId: string,
    @Body() body: MoveDeadlineRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'MoveTaskDeadline', data: { taskId, dueOn: body.dueOn, reason: body.reason } },
      context,
      taskId,
    );
  }

  @Post('problems/:problemId/tasks/:taskId/complete')
  @HttpCode(201)
  complete(
    @Param('problemId', IdParamPipe) problemId: string,
    @Param('taskId', IdParamPipe) taskId: string,
    @Body() body: CompleteTaskRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'CompleteTask', data: { taskId, outcome: body.outcome ?? null } },
      context,
      taskId,
    );
  }

  @Post('problems/:problemId/tasks/:taskId/cancel')
  @HttpCode(201)
  cancel(
    @Param('problemId', IdParamPipe) problemId: string,
    @Param('taskId', IdParamPipe) taskId: string,
    @Body() body: CancelTaskRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'CancelTask', data: { taskId, reason: body.reason } },
      context,
      taskId,
    );
  }

  @Post('problems/:problemId/escalate')
  @HttpCode(201)
  escalate(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: EscalateRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'EscalateProblem', data: { reason: body.reason, note: body.note ?? null } },
      context,
    );
  }

  @Post('problems/:problemId/escalation/decision')
  @HttpCode(201)
  decide(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: DecideEscalationRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'DecideEscalation', data: { decision: body.decision, decidedBy: body.decidedBy } },
      context,
    );
  }

  @Post('problems/:problemId/resolve')
  @HttpCode(201)
  resolve(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: ResolveProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      problemId,
      { type: 'ResolveProblem', data: { outcome: body.outcome } },
      context,
    );
  }

  @Post('problems/:problemId/reopen')
  @HttpCode(201)
  reopen(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: ReopenProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(problemId, { type: 'ReopenProblem', data: { reason: body.reason } }, context);
  }

  @Post('problems/:problemId/impact')
  @HttpCode(201)
  impact(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: RecordImpactRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    const { indicator, unit, before, after } = body;
    return this.send(
      problemId,
      { type: 'RecordImpact', data: { indicator, unit, before, after } },
      context,
    );
  }
}
