import { RuleViolation } from './domain-errors';
import type { Role } from './vocabularies';

export interface Actor {
  readonly sub: string;
  readonly role: Role;
  /** the public entity a `public_rep` acts for */
  readonly entity?: string;
  /** when set, the actor may act in this mesa only */
  readonly mesaId?: string;
}

/**
 * What every command carries besides its data. Deciders never read a clock: `now` comes in
 * with the command so that the "not in the future" rule is a pure function of its inputs.
 */
export interface CommandMeta {
  /** business time: when it happened in the mesa (ISO-8601, UTC) */
  readonly occurredAt: string;
  /** the server's clock when the command arrived (ISO-8601, UTC) */
  readonly now: string;
  readonly actor: Actor;
  /** the mesa session where this was decided, if any */
  readonly sessionId?: string;
}

/** Every domain event records when it occurred in business time. */
export interface DomainEvent<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly occurredAt: string;
}

/**
 * Business time within a stream never goes backwards and never runs ahead of the clock, so a
 * stream's events are ordered by `occurredAt` and "the state as of T" is a prefix of the stream.
 */
export function assertBusinessTime(meta: CommandMeta, lastOccurredAt: string | null): void {
  const at = Date.parse(meta.occurredAt);
  if (Number.isNaN(at)) throw new RuleViolation(`occurredAt ${meta.occurredAt} is not a date-time`);
  if (at > Date.parse(meta.now)) {
    throw new RuleViolation(`occurredAt ${meta.occurredAt} is in the future`);
  }
  if (lastOccurredAt !== null && at < Date.parse(lastOccurredAt)) {
    throw new RuleViolation(
      `occurredAt ${meta.occurredAt} is earlier than the stream's last event (${lastOccurredAt})`,
    );
  }
}

/** Exhaustiveness check: a new command or event type that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
