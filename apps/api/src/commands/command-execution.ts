import { CommandMeta, currentSchemaVersion } from '@mesas/domain';
import {
  ConcurrencyError,
  EventStore,
  ExpectedVersion,
  JsonObject,
  NewEvent,
  StoredEvent,
} from '@mesas/event-store';
import type { CommandResult, RequestContext } from './command-messages';
import { CONFLICT_RETRY, ConflictRetryPolicy } from './conflict-retry';
import { commandIdOf, eventIdFor, previousResult, resultOf } from './idempotency';

export interface Decision {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly { type: string; data: unknown; occurredAt: string }[];
  /** told the stored events once the append committed (the handler's cache folds them in) */
  readonly appended?: (events: readonly StoredEvent[]) => void;
}

/** What one decision may do, and says it did. */
export interface Attempt {
  /**
   * Whether the stream appended to may be taken from the cache unread (`StreamStates.cached`):
   * true for a request's first decision only.
   */
  readonly trustCache: boolean;
  /** set by the decision when it did take a state from the cache unread */
  usedCache: boolean;
}

/**
 * The one write path of every command: read the stream, decide, append at the version read.
 * A concurrent writer makes the append fail; then, after a random wait that grows with each try
 * (`conflict-retry.ts`), the stream is read and the command decided again (its rules checked
 * against the new state), a bounded number of times before giving up with 409.
 * Under an Idempotency-Key, any failure is first checked against the key: when a concurrent
 * attempt with the same key committed, every attempt answers with its result (one set of events).
 *
 * The first decision may take the appended stream's state from the handler's cache unread
 * (`Attempt.trustCache`; decision 0025). A cached state behind the stream can only make that
 * decision fail: its append at the cached version is refused (a conflict, retried as any other),
 * or the decision throws — then it is made again at once on the state read from the store, and
 * that decision's outcome, whatever it is, is the answer. Later decisions read the store.
 */
export async function executeCommand(
  store: EventStore,
  context: RequestContext,
  resultId: string,
  decide: (meta: CommandMeta, attempt: Attempt) => Promise<Decision>,
  options: { readonly now?: () => Date; readonly retry?: ConflictRetryPolicy } = {},
): Promise<CommandResult> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? CONFLICT_RETRY;
  const commandId = commandIdOf(context);
  const earlier = await previousResult(store, context, commandId, resultId);
  if (earlier) return earlier;

  let trustCache = true;
  for (let attempt = 1; ; attempt++) {
    const tried: Attempt = { trustCache, usedCache: false };
    trustCache = false;
    const clock = now().toISOString();
    const meta: CommandMeta = {
      occurredAt: context.occurredAt ?? clock,
      now: clock,
      actor: context.actor,
      ...(context.sessionId !== undefined ? { sessionId: context.sessionId } : {}),
    };
    try {
      const decision = await decide(meta, tried);
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
      decision.appended?.(appended.events);
      return resultOf(appended.events, resultId);
    } catch (error) {
      // Another attempt under the same key may have committed after our look-up: before our
      // read (we then decided on a state that already holds its events, e.g. "already
      // resolved"), or before our append (a conflict, or a duplicate event id). Its result is
      // this request's result, whatever this attempt concluded.
      const first = await previousResult(store, context, commandId, resultId);
      if (first) return first;
      if (tried.usedCache && !(error instanceof ConcurrencyError)) {
        // decided on a cached state that may be behind the stream: decide again on the store's,
        // at once and without counting a try (the stream may not have been contended at all)
        attempt--;
        continue;
      }
      if (!(error instanceof ConcurrencyError) || attempt >= retry.attempts) throw error;
    }
    const wait = retry.delayMs(attempt + 1);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
