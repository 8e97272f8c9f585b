import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  NotFound,
  authorize,
  authorizeRole,
  decideMesa,
  mesaStreamId,
  problemStreamId,
} from '@mesas/domain';
import { EventStore, ExpectedVersion } from '@mesas/event-store';
import { EVENT_STORE } from '@mesas/runtime';
import { ApiMetrics } from '../observability/api-metrics';
import { executeCommand } from './command-execution';
import { COMMAND_RETRY, ConflictRetryPolicy } from './conflict-retry';
import { CommandResult, ExecuteMesaCommand } from './command-messages';
import { AggregateStates } from './aggregate-state';

/**
 * Read the mesa stream, decide, append at the version read; on the first decision the mesa may
 * come from the cache unread (the append checks it; `executeCommand`). The problems a session
 * lists are context, read from the store.
 */
@CommandHandler(ExecuteMesaCommand)
export class MesaCommandHandler implements ICommandHandler<ExecuteMesaCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_RETRY) private readonly retry: ConflictRetryPolicy,
    private readonly metrics: ApiMetrics,
    private readonly states: AggregateStates,
  ) {}

  execute(message: ExecuteMesaCommand): Promise<CommandResult> {
    return this.metrics.timeCommand(message.intent.type, () => this.run(message));
  }

  private run({ mesaId, intent, context, resultId }: ExecuteMesaCommand): Promise<CommandResult> {
    authorizeRole(context.actor, intent.type);
    return executeCommand(
      this.store,
      context,
      resultId,
      async (meta, attempt) => {
        const streamId = mesaStreamId(mesaId);
        const loaded = attempt.trustCache
          ? await this.states.mesas.cached(streamId)
          : await this.states.mesas.read(streamId);
        if (loaded.unverified) attempt.usedCache = true;
        const { state, version } = loaded;
        if (state.status === null && intent.type !== 'ProposeMesa') {
          throw new NotFound(`unknown mesa ${mesaId}`);
        }
        authorize(context.actor, intent.type, { mesaId });
        const command =
          intent.type === 'HoldSession'
            ? {
                ...intent,
                data: { ...intent.data, problemMesas: await this.mesasOf(intent.data.problemIds) },
                meta,
              }
            : { ...intent, meta };
        return {
          streamId,
          expected: ExpectedVersion.exact(version),
          events: decideMesa(command, state),
          appended: (events) => this.states.mesas.appended(streamId, loaded, events),
        };
      },
      { retry: this.retry },
    );
  }

  /** The mesa of each problem a session lists (null when there is no such problem). */
  private async mesasOf(problemIds: readonly string[]): Promise<Record<string, string | null>> {
    const found: Record<string, string | null> = {};
    for (const id of problemIds) {
      found[id] = (await this.states.problems.read(problemStreamId(id))).state.mesaId;
    }
    return found;
  }
}
