import { CommandMeta, currentSchemaVersion } from '@mesas/domain';
import {
  ConcurrencyError,
  EventStore,
  ExpectedVersion,
  JsonObject,
  NewEvent,
} from '@mesas/event-store';
import type { CommandResult, RequestContext } from './command-messages';
import { CONFLICT_RETRY, ConflictRetryPolicy } from './conflict-retry';
import { commandIdOf, eventIdFor, previousResult, resultOf } from './idempotency';

export interface Decision {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly { type: string; data: unknown; occurredAt: string }[];
}

/**
 * The one write path of every command: read the stream, decide, append at the version read.
 * A concurrent writer makes the append fail; then, after a random wait that grows with each try
 * (`conflict-retry.ts`), the stream is read and the command decided again (its rules checked
 * against the new state), a bounded number of times before giving up with 409.
 * Under an Idempotency-Key, any failure is first checked against the key: when a concurrent
 * attempt with the same key committed, every attempt answers with its result (one set of events).
 */
export async function executeCommand(
  store: EventStore,
  context: RequestContext,
  resultId: string,
  decide: (meta: CommandMeta) => Promise<Decision>,
  options: { readonly now?: () => Date; readonly retry?: ConflictRetryPolicy } = {},
): Promise<CommandResult> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? CONFLICT_RETRY;
  const commandId = commandIdOf(context);
  const earlier = await previousResult(store, context, commandId, resultId);
  if (earlier) return earlier;

  for (let attempt = 1; ; attempt++) {
    const clock = now().toISOString();
    const meta: CommandMeta = {
      occurredAt: context.occurredAt ?? clock,
      now: clock,
      actor: context.actor,
      ...(context.sessionId !== undefined ? { sessionId: context.sessionId } : {}),
    };
    try {
      const decision = await decide(meta);
      const events = decision.events.map((e, i): NewEvent => ({
        eventId: eventIdFor(context, commandId, i),
        type: e.type,
        schemaVersion: currentSchemaVersion(e.type),
        occurredAt: e.occurredAt,
        data: e.data as JsonObject,
        metadata: {
          actor: context.actor.sub,
          actorRole: context.actor.role,
          ...(context.actor.entity !== undefined ? { actorEntity: context.actor.entity } : {}),
          correlationId: context.correlationId,
          causationId: null,
          commandId,
          requestHash: context.requestHash,
          resultId,
          ...(context.sessionId !== undefined ? { sessionId: context.sessionId } : {}),
        },
      }));
      const appended = await store.append(decision.streamId, events, decision.expected);
      return resultOf(appended.events, resultId);
    } catch (error) {
      // Another attempt under the same key may have committed after our look-up: before our
      // read (we then decided on a state that already holds its events, e.g. "already
      // resolved"), or before our append (a conflict, or a duplicate event id). Its result is
      // this request's result, whatever this attempt concluded.
      const first = await previousResult(store, context, commandId, resultId);
      if (first) return first;
      if (!(error instanceof ConcurrencyError) || attempt >= retry.attempts) throw error;
    }
    const wait = retry.delayMs(attempt + 1);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
