import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommandContract, ApiCommandResult } from '../http/openapi-shapes';
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
@ApiCommandContract()
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
  @ApiOperation({
    summary: 'Raise a problem',
    description:
      "A participant's bottleneck enters the mesa (ProblemRaised); raisedBy must be a participant. Coordinator or private representative.",
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Classify a problem',
    description:
      'Who owns it (MP/YP) and its root cause; may be repeated, the latest counts. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Accept or reject a problem',
    description:
      'The filter: accepted problems enter the matrix; a rejection needs a reason. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Prioritise a problem',
    description: 'Gives an accepted problem its rank in the mesa. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  prioritize(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: PrioritizeProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(problemId, { type: 'PrioritizeProblem', data: { rank: body.rank } }, context);
  }

  @Post('problems/:problemId/solutions')
  @ApiOperation({
    summary: 'Propose or revise the solution',
    description:
      'The first call proposes (revision 1), later calls revise it. Coordinator, private or public representative.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Assign a task',
    description:
      'A concrete action on an accepted problem, with a responsible public entity and a fixed deadline. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Report progress on a task',
    description:
      'A note from the responsible entity (a public representative of that entity) or the coordinator.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: "Move a task's deadline",
    description:
      'A new due date with the reason; the original deadline stays in the record. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Complete a task',
    description: "The task is done; by its entity's public representative or the coordinator.",
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Cancel a task',
    description: 'The task is dropped, with the reason. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Escalate a problem',
    description:
      'Sends an accepted problem to the high level for a decision; one pending escalation at a time. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Decide an escalation',
    description: "The high level's decision on the pending escalation. High level only.",
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Resolve a problem',
    description:
      'The bottleneck was removed, with the outcome; not for a rejected or already resolved problem. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
  @ApiOperation({
    summary: 'Reopen a problem',
    description: 'A resolved problem is open again, with the reason. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  reopen(
    @Param('problemId', IdParamPipe) problemId: string,
    @Body() body: ReopenProblemRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(problemId, { type: 'ReopenProblem', data: { reason: body.reason } }, context);
  }

  @Post('problems/:problemId/impact')
  @ApiOperation({
    summary: 'Record impact',
    description: 'An indicator measured before and after the solution. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
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
