import { EventEmitter } from 'node:events';
import type { Client, ClientBase, Pool } from 'pg';
import type { ConsumerLease, LeaseProvider } from '../catch-up';
import {
  AppendResult,
  ConcurrencyError,
  DuplicateEventError,
  EventStore,
  ExpectedVersion,
  JsonObject,
  LogCheckpoint,
  NewEvent,
  ReadAllResult,
  StoredEvent,
} from '../event-store.port';
import { parseLogCheckpoint } from '../log-checkpoint-syntax';
import { PostgresAdvisoryLeases } from './postgres-advisory-leases';
import { GroupRow, PendingAppend, nextGroupSize, resultOf } from './postgres-append-group';
import { EVENT_ID_UNIQUE, VERSION_MISMATCH, ddl } from './postgres-event-schema';
import { COLUMNS, EventRow, toStored } from './postgres-event-rows';
import {
  PostgresConnectionOptions,
  UNIQUE_VIOLATION,
  constraintOf,
  ensureSchema,
  openClient,
  openPool,
  quoteIdent,
  schemaNameOf,
  sqlState,
} from './postgres-connection';

export interface PostgresEventStoreOptions extends PostgresConnectionOptions {
  /** connections in the pool (default 10): appends in flight at once */
  readonly poolSize?: number;
  readonly clock?: () => Date;
  /**
   * How long `readAll` waits for older transactions still in flight before it returns only
   * what is already safe to read (default 1000 ms). Bounds how stale a read right after an
   * append can be; it never lets a reader pass an open transaction.
   */
  readonly horizonWaitMs?: number;
  /** LISTEN for other processes' appends to wake `onAppended` listeners (default true) */
  readonly listen?: boolean;
}

/** The NOTIFY channel of every schema; the payload names the schema that was appended to. */
const CHANNEL = 'mesas_events';

/** A place in the log order: the committing transaction's id, then the position within it. */
interface LogPlace {
  readonly transactionId: bigint;
  readonly position: bigint;
}

const START: LogPlace = { transactionId: 0n, position: 0n };

function compare(a: LogPlace, b: LogPlace): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  return a.position === b.position ? 0 : a.position < b.position ? -1 : 1;
}

/** The opaque checkpoint of this adapter: `transaction:position`. */
function checkpointOf(place: LogPlace): LogCheckpoint {
  return `${place.transactionId}:${place.position}`;
}

/**
 * The server store: events in PostgreSQL, written through node-postgres.
 *
 * Concurrency is enforced by the database, never by reading first: "no stream" inserts the
 * stream's row (a unique violation means another writer created it), an exact version is a
 * conditional `UPDATE ... WHERE version = $expected` (no row means it moved), and
 * (stream, version) and event ids are unique. All events of one append are one transaction.
 *
 * The global log is ordered by (transaction id, position), and `readAll` returns only events
 * of transactions older than the oldest one still running (`pg_snapshot_xmin`). Sequence values
 * are taken before commit, so a plain "position > last" reader can pass a position whose
 * transaction commits later and never see it; here no transaction can commit below the
 * horizon a reader has passed, so every committed event is read exactly once, in one order.
 * `globalPosition` stays the sequence value: unique, increasing within a stream, but across
 * concurrent transactions not necessarily increasing in log order. See
 * docs/decisions/0002-postgres-global-order.md.
 */
export class PostgresEventStore implements EventStore, LeaseProvider {
  private readonly appended = new EventEmitter();
  private readonly clock: () => Date;
  private readonly t: { streams: string; events: string; appendGroup: string };
  /** transaction id of a stored position: immutable once committed, so cached */
  private readonly transactionIds = new Map<bigint, bigint>();
  private listener: Client | null = null;
  private listenRetry: NodeJS.Timeout | null = null;
  private leases: PostgresAdvisoryLeases | null = null;
  private closed = false;
  private notifying = false;
  private readonly waiting: PendingAppend[] = [];
  /** sizes of the groups being written */
  private readonly groupsInFlight: number[] = [];
  private notifyAgain = false;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    const s = quoteIdent(schema);
    this.t = {
      streams: `${s}.es_streams`,
      events: `${s}.es_events`,
      appendGroup: `${s}.mesas_append_group`,
    };
    this.clock = options.clock ?? (() => new Date());
    this.appended.setMaxListeners(0);
  }

  /** Connects, and creates the schema and tables when they are missing. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = schemaNameOf(options);
    const pool = openPool(options, options.poolSize ?? 10);
    try {
      await ensureSchema(
        pool,
        schema,
        ddl(quoteIdent(schema)),
        ['es_streams', 'es_events'],
        ['mesas_append_group'],
      );
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, schema, options);
  }

  /**
   * Group commit: while a group is being written, the appends that arrive wait and then go
   * together as the next group — one round trip, one transaction, one commit for all of them,
   * each keeping its own expected-version check and its own outcome (see appendGroupFunction).
   * Groups are formed and started by nextGroupSize; with little load a group holds one append
   * and nothing waits. None resolves before its transaction has committed.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.push({ streamId, events, expected, resolve, reject });
      this.writeGroups();
    });
  }

  private writeGroups(): void {
    for (;;) {
      const size = nextGroupSize(this.waiting.length, this.groupsInFlight);
      if (size === 0) return;
      const group = this.waiting.splice(0, size);
      this.groupsInFlight.push(size);
      void this.writeGroup(group).finally(() => {
        this.groupsInFlight.splice(this.groupsInFlight.indexOf(size), 1);
        this.writeGroups();
      });
    }
  }

  private async writeGroup(group: readonly PendingAppend[]): Promise<void> {
    const recordedAt = this.clock().toISOString();
    let rows: GroupRow[];
    try {
      rows = await this.write(this.pool, group, recordedAt);
    } catch (error) {
      // The group's transaction failed as a whole, so nothing of it is stored. One append must
      // not sink the others (data the server refuses, a deadlock): alone, each gets its own
      // outcome, in the group's order.
      if (group.length === 1) {
        group[0].reject(
          await this.translate(error, group[0].streamId, group[0].expected, group[0].events),
        );
        return;
      }
      for (const request of group) await this.writeGroup([request]);
      return;
    }
    let stored = false;
    for (const [i, request] of group.entries()) {
      const mine = rows.filter((r) => r.idx === i);
      const failure = mine.find((r) => r.outcome !== 'ok');
      if (failure) {
        request.reject(await this.failureOf(failure, request));
        continue;
      }
      stored = true;
      request.resolve(resultOf(request, mine, recordedAt));
    }
    if (stored) {
      this.appended.emit('appended');
      this.notifyOtherProcesses();
    }
  }

  private groupItemOf({ streamId, events, expected }: PendingAppend): JsonObject {
    return {
      lock: `mesas-stream/${this.schema}/${streamId}`,
      stream: streamId,
      kind: expected.kind,
      expected: expected.kind === 'exact' ? expected.version : null,
      events: events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        occurredAt: e.occurredAt,
        commandId: e.metadata.commandId,
        data: e.data,
        metadata: e.metadata as unknown as JsonObject,
      })),
    };
  }

  private async failureOf(row: GroupRow, request: PendingAppend): Promise<Error> {
    if (row.outcome === 'duplicate') {
      const found = row.detail ? /\(event_id\)=\((.*)\)/.exec(row.detail) : null;
      return new DuplicateEventError(found?.[1] ?? request.events.map((e) => e.eventId).join(', '));
    }
    return new ConcurrencyError(
      request.streamId,
      request.expected,
      await this.currentVersion(request.streamId),
    );
  }

  /**
   * The append's statements run in a transaction that is left open: `commit` makes it durable
   * and visible, `rollback` drops it. `append` is this followed by `commit`. Exposed so a test
   * can hold a transaction open the way a slow writer does (it has its position and has not
   * committed); production code calls `append`.
   */
  async beginAppend(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<{ result: AppendResult; commit(): Promise<void>; rollback(): Promise<void> }> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const recordedAt = this.clock().toISOString();
    const request: PendingAppend = {
      streamId,
      events,
      expected,
      resolve: () => undefined,
      reject: () => undefined,
    };
    const client = await this.pool.connect();
    let result: AppendResult;
    try {
      await client.query('BEGIN');
      const rows = await this.write(client, [request], recordedAt);
      const failure = rows.find((r) => r.outcome !== 'ok');
      if (failure) throw await this.failureOf(failure, request);
      result = resultOf(request, rows, recordedAt);
    } catch (error) {
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(broken);
      throw await this.translate(error, streamId, expected, events);
    }
    let done = false;
    const finish = async (statement: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
      if (done) throw new Error('this append was already finished');
      done = true;
      try {
        await client.query(statement);
        client.release();
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        throw await this.translate(error, streamId, expected, events);
      }
      if (statement === 'COMMIT') {
        this.appended.emit('appended');
        this.notifyOtherProcesses();
      }
    };
    return { result, commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
  }

  /**
   * Wakes the readers of other processes (LISTEN) after a commit. Not inside the append's
   * transaction: PostgreSQL serialises the commits of transactions that NOTIFY on one global
   * lock, which would queue every append behind the previous one's fsync. Sent after COMMIT on
   * its own (a read-only statement: no WAL, no fsync), and coalesced: while one is in flight,
   * any number of further commits send just one more after it. A lost notification costs a
   * reader latency, never an event (readers poll as a fallback and always read through readAll).
   */
  private notifyOtherProcesses(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.pool
      .query({
        name: 'mesas-notify',
        text: 'SELECT pg_notify($1, $2)',
        values: [CHANNEL, this.schema],
      })
      .catch(() => undefined)
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain && !this.closed) {
          this.notifyAgain = false;
          this.notifyOtherProcesses();
        }
      });
  }

  /**
   * One call of mesas_append_group: a row per event stored, or one per append refused. A named
   * statement: each connection parses and plans it once (the pool belongs to this store, so the
   * name always means this text).
   */
  private async write(
    client: ClientBase | Pool,
    group: readonly PendingAppend[],
    recordedAt: string,
  ): Promise<GroupRow[]> {
    const { rows } = await client.query<GroupRow>({
      name: 'mesas-append-group',
      text: `SELECT idx, outcome, global_position::text AS global_position, stream_version,
         transaction_id, detail
       FROM ${this.t.appendGroup}($1::json, $2)`,
      values: [JSON.stringify(group.map((request) => this.groupItemOf(request))), recordedAt],
    });
    return rows;
  }

  /** A unique violation is a lost race or a duplicate event id; say which, with the version. */
  private async translate(
    error: unknown,
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
  ): Promise<unknown> {
    const lostRace = error instanceof ConcurrencyError || sqlState(error) === VERSION_MISMATCH;
    if (!lostRace && sqlState(error) !== UNIQUE_VIOLATION) return error;
    if (constraintOf(error) === EVENT_ID_UNIQUE) {
      const detail = (error as { detail?: unknown }).detail;
      const found = typeof detail === 'string' ? /\(event_id\)=\((.*)\)/.exec(detail) : null;
      return new DuplicateEventError(found?.[1] ?? events.map((e) => e.eventId).join(', '));
    }
    return new ConcurrencyError(streamId, expected, await this.currentVersion(streamId));
  }

  /** Only for an error's message: the decision was the database's. */
  private currentVersion(streamId: string): Promise<number> {
    return this.pool
      .query<{ version: number }>(`SELECT version FROM ${this.t.streams} WHERE stream_id = $1`, [
        streamId,
      ])
      .then((r) => r.rows[0]?.version ?? 0)
      .catch(() => -1);
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map(toStored);
  }

  /** The stream's events after `version` (a cached state's tail; the same index as readStream). */
  /**
   * Reads of the same stream after the same version asked in one turn of the event loop share
   * one query, sent once they have all been asked (setImmediate): it starts after each of them,
   * so each gets the stream as it was when it asked, or newer. Concurrent commands on problems
   * of one mesa each read that mesa's tail: one round trip serves them all.
   */
  readStreamAfter(streamId: string, version: number): Promise<StoredEvent[]> {
    const key = `${version}\n${streamId}`;
    const scheduled = this.tailReads.get(key);
    if (scheduled !== undefined) return scheduled.then((events) => events.slice());
    const read = new Promise<StoredEvent[]>((resolve, reject) =>
      setImmediate(() => {
        this.tailReads.delete(key);
        this.pool
          .query<EventRow>(
            `SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
            [streamId, version],
          )
          .then(({ rows }) => resolve(rows.map(toStored)), reject);
      }),
    );
    this.tailReads.set(key, read);
    return read.then((events) => events.slice());
  }

  /** tail reads scheduled and not yet sent, by version and stream */
  private readonly tailReads = new Map<string, Promise<StoredEvent[]>>();

  /**
   * Events after the checkpoint in (transaction id, position) order, only from transactions
   * below the snapshot's xmin: everything there has committed or aborted, and every transaction
   * still to come has a larger id, so nothing can ever appear behind the returned checkpoint.
   * When committed events wait above the horizon (an older transaction is still open), it waits
   * up to `horizonWaitMs` for that transaction, so a read right after an append sees it unless
   * another writer holds a transaction open that long.
   */
  async readAll(after: LogCheckpoint | null, limit: number): Promise<ReadAllResult> {
    const from = after === null ? START : await this.placeOf(after);
    const deadline = Date.now() + (this.options.horizonWaitMs ?? 1000);
    let pause = 2;
    for (;;) {
      const { rows } = await this.pool.query<EventRow & { safe: boolean }>(
        `SELECT ${COLUMNS}, e.transaction_id < h.horizon AS safe
         FROM ${this.t.events} e, (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) h
         WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
         ORDER BY e.transaction_id, e.global_position
         LIMIT $3`,
        [from.transactionId.toString(), from.position.toString(), limit],
      );
      const cut = rows.findIndex((r) => !r.safe);
      const safe = cut === -1 ? rows : rows.slice(0, cut);
      if (cut === -1 || safe.length === limit || Date.now() >= deadline || this.closed) {
        const last = safe[safe.length - 1];
        for (const r of safe) this.remember(BigInt(r.global_position), BigInt(r.transaction_id));
        return {
          events: safe.map(toStored),
          checkpoint: last
            ? checkpointOf({
                transactionId: BigInt(last.transaction_id),
                position: BigInt(last.global_position),
              })
            : after,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 50);
    }
  }

  async covers(checkpoint: LogCheckpoint | null, position: bigint): Promise<boolean> {
    if (checkpoint === null) return false;
    const transactionId = await this.transactionOf(position);
    if (transactionId === null) return false;
    return compare({ transactionId, position }, await this.placeOf(checkpoint)) <= 0;
  }

  positionOf(checkpoint: LogCheckpoint | null): bigint {
    if (checkpoint === null) return 0n;
    const match = /^\d+:(\d+)$/.exec(checkpoint);
    if (!match) throw new Error(`not a PostgreSQL log checkpoint: ${checkpoint}`);
    return BigInt(match[1]);
  }

  async findByCommandId(commandId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.t.events} WHERE command_id = $1 ORDER BY global_position`,
      [commandId],
    );
    return rows.map(toStored);
  }

  async lagOf(checkpoint: LogCheckpoint | null): Promise<number> {
    const from = checkpoint === null ? START : await this.placeOf(checkpoint);
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.t.events}
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
      [from.transactionId.toString(), from.position.toString()],
    );
    return Number(rows[0].n);
  }

  /**
   * In-process appends signal at once; other processes' appends arrive by LISTEN/NOTIFY on a
   * connection of its own, opened with the first listener and reopened when it drops (a
   * reopen signals too, since notifications may have been missed meanwhile).
   */
  onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    if (this.options.listen !== false) this.listen();
    return () => this.appended.off('appended', listener);
  }

  /** A lease by consumer name in this schema (e.g. for a publisher that must run once). */
  leaseFor(name: string): ConsumerLease {
    this.leases ??= new PostgresAdvisoryLeases(this.options);
    return this.leases.lease(name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.removeAllListeners();
    if (this.listenRetry) clearTimeout(this.listenRetry);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.leases?.close();
    await this.pool.end();
  }

  /** Resolves a checkpoint; a bare position (a number a command returned) is accepted too. */
  private async placeOf(checkpoint: LogCheckpoint): Promise<LogPlace> {
    const pair = parseLogCheckpoint('postgres', checkpoint);
    if (pair) return { transactionId: pair[0], position: pair[1] };
    if (/^\d{1,20}$/.test(checkpoint)) {
      const position = BigInt(checkpoint);
      if (position === 0n) return START;
      const transactionId = await this.transactionOf(position);
      if (transactionId === null) throw new Error(`no event is stored at position ${checkpoint}`);
      return { transactionId, position };
    }
    throw new Error(`not a PostgreSQL log checkpoint: ${checkpoint}`);
  }

  private async transactionOf(position: bigint): Promise<bigint | null> {
    const known = this.transactionIds.get(position);
    if (known !== undefined) return known;
    const { rows } = await this.pool.query<{ transaction_id: string }>(
      `SELECT transaction_id::text AS transaction_id FROM ${this.t.events}
       WHERE global_position = $1`,
      [position.toString()],
    );
    if (rows.length === 0) return null;
    const transactionId = BigInt(rows[0].transaction_id);
    this.remember(position, transactionId);
    return transactionId;
  }

  private remember(position: bigint, transactionId: bigint): void {
    if (this.transactionIds.size >= 10_000) {
      const oldest = this.transactionIds.keys().next();
      if (!oldest.done) this.transactionIds.delete(oldest.value);
    }
    this.transactionIds.set(position, transactionId);
  }

  private listen(): void {
    if (this.listener || this.listenRetry || this.closed) return;
    const client = openClient(this.options);
    this.listener = client;
    const lost = (): void => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed || this.appended.listenerCount('appended') === 0) return;
      this.listenRetry = setTimeout(() => {
        this.listenRetry = null;
        this.listen();
      }, 1000);
      this.listenRetry.unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload === this.schema) {
        this.appended.emit('appended');
      }
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (this.listener === client) this.appended.emit('appended');
      })
      .catch(lost);
  }
}
