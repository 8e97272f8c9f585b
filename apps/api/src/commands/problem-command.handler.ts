import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  NotFound,
  ProblemCommand,
  authorize,
  authorizeRole,
  decideProblem,
  problemStreamId,
} from '@mesas/domain';
import { EventStore, ExpectedVersion } from '@mesas/event-store';
import { EVENT_STORE } from '@mesas/runtime';
import { ApiMetrics } from '../observability/api-metrics';
import { executeCommand } from './command-execution';
import { COMMAND_RETRY, ConflictRetryPolicy } from './conflict-retry';
import { CommandResult, ExecuteProblemCommand } from './command-messages';
import { loadMesa, loadProblem } from './aggregate-state';

/**
 * Read the problem stream and its mesa, decide, append to the problem stream at the version
 * read. The mesa is context, not part of the write: a mesa closed an instant earlier by another
 * request is seen on the next command, which is as consistent as two streams allow.
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
      async (meta) => {
        const problem = await loadProblem(this.store, problemId);
        const mesaId = message.mesaId ?? problem.state.mesaId;
        if (mesaId === null) throw new NotFound(`unknown problem ${problemId}`);
        const mesa = await loadMesa(this.store, mesaId);
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
          streamId: problemStreamId(problemId),
          expected: ExpectedVersion.exact(problem.version),
          events: decideProblem(command, { problem: problem.state, mesa: mesa.state }),
        };
      },
      { retry: this.retry },
    );
  }
}
