/**
 * The event store port: what the application needs from any store, in the store's own terms.
 * Adapters (SQLite, PostgreSQL, EventStoreDB) map their client's types to these and never let
 * them out of their folder.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What the writer expects the stream to look like; versions count events from 1. */
export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'exact'; readonly version: number };

export const ExpectedVersion = {
  any: { kind: 'any' } as ExpectedVersion,
  noStream: { kind: 'no_stream' } as ExpectedVersion,
  streamExists: { kind: 'stream_exists' } as ExpectedVersion,
  exact: (version: number): ExpectedVersion =>
    version === 0 ? { kind: 'no_stream' } : { kind: 'exact', version },
};

export function describeExpected(expected: ExpectedVersion): string {
  return expected.kind === 'exact' ? `version ${expected.version}` : expected.kind;
}

/** Who and why: kept with every event, shown to auditors, never to the public history. */
export interface EventMetadata {
  /** the token's subject */
  readonly actor: string;
  /** the role (and public entity) the actor acted in */
  readonly actorRole?: string;
  readonly actorEntity?: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** one id per command (the idempotency key's digest when the client sent one) */
  readonly commandId: string;
  /** digest of the request that produced the event: the same key with another body is refused */
  readonly requestHash?: string;
  /** the id the command's response named (a server-made id is found again on a retry) */
  readonly resultId?: string;
  /** the mesa session where the decision was taken */
  readonly sessionId?: string;
}

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** business time, ISO-8601 UTC */
  readonly occurredAt: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface StoredEvent extends NewEvent {
  readonly streamId: string;
  /** 1 for a stream's first event */
  readonly streamVersion: number;
  /**
   * The event's public position (docs/API.md's "position"): unique, and increasing within a stream.
   * In SQLite and EventStoreDB it also increases in log order; in PostgreSQL concurrent
   * transactions may commit out of sequence order, so the log is ordered by the adapter's own
   * checkpoint and positions are compared through `covers`, never by `<`.
   */
  readonly globalPosition: bigint;
  /** when the store took it, ISO-8601 UTC */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** the stream's version after the append */
  readonly streamVersion: number;
  readonly events: readonly StoredEvent[];
}

/**
 * Where a reader of the global log stands. Opaque outside the adapter that made it: a SQLite
 * position, a PostgreSQL (transaction, position) pair, an EventStoreDB commit/prepare pair.
 * `null` means "before the first event".
 */
export type LogCheckpoint = string;

export interface ReadAllResult {
  readonly events: readonly StoredEvent[];
  /** the checkpoint after the last event returned (the one given when none was returned) */
  readonly checkpoint: LogCheckpoint | null;
}

export interface EventStore {
  /**
   * Appends all events atomically, or none: throws `ConcurrencyError` when the stream is not
   * as expected, `DuplicateEventError` when an event id is already stored.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult>;
  /** The stream's events in version order; empty when the stream does not exist. */
  readStream(streamId: string): Promise<StoredEvent[]>;
  /**
   * The stream's events after `version` (those whose streamVersion is greater), in version
   * order: how a reader holding the stream's state at `version` catches up (the command path's
   * aggregate cache). Optional: an adapter that can read a stream's tail without its head offers
   * it; callers without it read the whole stream.
   */
  readStreamAfter?(streamId: string, version: number): Promise<StoredEvent[]>;
  /**
   * Up to `limit` events after the checkpoint, in log order. A reader that always continues
   * from the returned checkpoint sees every committed event exactly once, in the same order.
   */
  readAll(after: LogCheckpoint | null, limit: number): Promise<ReadAllResult>;
  /** Whether a reader at `checkpoint` has seen the event at `position` (and all before it). */
  covers(checkpoint: LogCheckpoint | null, position: bigint): Promise<boolean>;
  /**
   * The position of the last event a reader at `checkpoint` has read (0 before the first): a
   * value that `covers(checkpoint, it)` accepts, to show clients as a read model's position.
   */
  positionOf(checkpoint: LogCheckpoint | null): bigint;
  /** The events one command appended, for idempotent retries. */
  findByCommandId(commandId: string): Promise<StoredEvent[]>;
  /** How many events a reader at `checkpoint` has still to read. */
  lagOf(checkpoint: LogCheckpoint | null): Promise<number>;
  /**
   * A hint that new events may be readable: readers wake up on it instead of polling fast.
   * Not a delivery channel: readers still read through `readAll`.
   */
  onAppended(listener: () => void): () => void;
  /**
   * How another thread of this process can read the same log by itself (`openThreadLog`), or
   * null. Optional: a store that cannot be opened twice (in memory, or behind a connection
   * this process alone holds) does not offer it, and its readers stay on the caller's thread.
   */
  threadLog?(): ThreadLogSpec | null;
  close(): Promise<void>;
}

/** The stream was not at the expected version: reread, decide again, retry. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      `stream ${streamId} was expected at ${describeExpected(expected)} but is at version ${actual}`,
    );
    this.name = 'ConcurrencyError';
  }
}

/** An event id is already in the store (a retried command, or a bug). */
export class DuplicateEventError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored`);
    this.name = 'DuplicateEventError';
  }
}

/** Checks an expected version against the stream's actual version (0: no stream). */
export function matchesExpected(expected: ExpectedVersion, actual: number): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    case 'exact':
      return actual === expected.version;
  }
}

/**
 * What a worker thread needs to read a store's log by itself, as plain data: the SQLite file
 * (read-only there) and, when the store upcasts what it reads, the module export that holds its
 * upcasters (`withUpcasting`'s `named`), so the thread reads exactly what `readAll` answers.
 */
export interface ThreadLogSpec {
  readonly kind: 'sqlite';
  readonly filename: string;
  readonly upcasters: { readonly module: string; readonly name: string } | null;
}
