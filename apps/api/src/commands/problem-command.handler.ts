import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  NotFound,
  ProblemCommand,
  authorize,
  authorizeRole,
  decideProblem,
  mesaStreamId,
  problemStreamId,
} from '@mesas/domain';
import { EventStore, ExpectedVersion } from '@mesas/event-store';
import { EVENT_STORE } from '@mesas/runtime';
import { ApiMetrics } from '../observability/api-metrics';
import { executeCommand } from './command-execution';
import { COMMAND_RETRY, ConflictRetryPolicy } from './conflict-retry';
import { CommandResult, ExecuteProblemCommand } from './command-messages';
import { AggregateStates } from './aggregate-state';

/**
 * Read the problem stream and its mesa, decide, append to the problem stream at the version
 * read. The mesa is context, not part of the write: a mesa closed an instant earlier by another
 * request is seen on the next command, which is as consistent as two streams allow. The mesa is
 * therefore always read from the store (caught up from its cached state); the problem, which the
 * append checks, may come from the cache unread on the first decision (`executeCommand`).
 */
@CommandHandler(ExecuteProblemCommand)
export class ProblemCommandHandler implements ICommandHandler<
  ExecuteProblemCommand,
  CommandResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_RETRY) private readonly retry: ConflictRetryPolicy,
    private readonly metrics: ApiMetrics,
    private readonly states: AggregateStates,
  ) {}

  execute(message: ExecuteProblemCommand): Promise<CommandResult> {
    return this.metrics.timeCommand(message.intent.type, () => this.run(message));
  }

  private run(message: ExecuteProblemCommand): Promise<CommandResult> {
    const { problemId, intent, context, resultId } = message;
    authorizeRole(context.actor, intent.type);
    return executeCommand(
      this.store,
      context,
      resultId,
      async (meta, attempt) => {
        const streamId = problemStreamId(problemId);
        const problem = attempt.trustCache
          ? await this.states.problems.cached(streamId)
          : await this.states.problems.read(streamId);
        if (problem.unverified) attempt.usedCache = true;
        const mesaId = message.mesaId ?? problem.state.mesaId;
        if (mesaId === null) throw new NotFound(`unknown problem ${problemId}`);
        const mesa = await this.states.mesas.read(mesaStreamId(mesaId));
        if (mesa.state.status === null) throw new NotFound(`unknown mesa ${mesaId}`);
        const taskId = 'taskId' in intent.data ? intent.data.taskId : undefined;
        authorize(context.actor, intent.type, {
          mesaId,
          ...(taskId !== undefined
            ? { responsibleEntity: problem.state.tasks[taskId]?.responsibleEntity }
            : {}),
        });
        const command = { ...intent, meta } as ProblemCommand;
        return {
          streamId,
          expected: ExpectedVersion.exact(problem.version),
          events: decideProblem(command, { problem: problem.state, mesa: mesa.state }),
          appended: (events) => this.states.problems.appended(streamId, problem, events),
        };
      },
      { retry: this.retry },
    );
  }
}
