import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
  ConcurrencyError,
  DuplicateEventError,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  ReadAllResult,
  StoredEvent,
  ThreadLogSpec,
  matchesExpected,
} from '../event-store.port';
import { parseLogCheckpoint } from '../log-checkpoint-syntax';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS es_streams (
  stream_id TEXT PRIMARY KEY,
  version   INTEGER NOT NULL CHECK (version > 0)
);
CREATE TABLE IF NOT EXISTS es_events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT NOT NULL UNIQUE,
  stream_id       TEXT NOT NULL,
  stream_version  INTEGER NOT NULL,
  type            TEXT NOT NULL,
  schema_version  INTEGER NOT NULL,
  occurred_at     TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  command_id      TEXT NOT NULL,
  data            TEXT NOT NULL,
  metadata        TEXT NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS es_events_command ON es_events (command_id);
`;

const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at, data, metadata';

/** A page of the log after a position. */
const READ_ALL = `SELECT ${EVENT_COLUMNS} FROM es_events WHERE global_position > ? ORDER BY global_position LIMIT ?`;

/** A row of READ_ALL as an array, in EVENT_COLUMNS order. */
type PageRow = [
  globalPosition: number,
  eventId: string,
  streamId: string,
  streamVersion: number,
  type: string,
  schemaVersion: number,
  occurredAt: string,
  recordedAt: string,
  data: string,
  metadata: string,
];
type PageStatement = Database.Statement<[bigint, number], PageRow>;

/**
 * The log read in pages (catch-up, rebuilds): integers as numbers, not BigInts, which costs a
 * third of the read (a position stays exact up to 2^53: toStoredFromPage checks), and rows as
 * arrays, not objects, which costs a quarter less again.
 */
function pageStatement(db: Database.Database): PageStatement {
  return db.prepare<[bigint, number], PageRow>(READ_ALL).safeIntegers(false).raw(true);
}

interface EventRow {
  global_position: number | bigint;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  data: string;
  metadata: string;
}

/** Appends written in one transaction at most; more wait for the next one. */
const MAX_GROUP = 256;

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** the database file; ':memory:' for a throwaway store */
  readonly filename: string;
  readonly clock?: () => Date;
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an append that
 * returned survives a power cut. Concurrency is enforced by the database, not by this process:
 * each append runs in one IMMEDIATE transaction that moves the stream's version with a
 * compare-and-set, and (stream, version) and event ids are unique. Global positions are SQLite
 * row ids: a single writer at a time commits them in increasing order, so a reader that
 * continues from the last position it saw never skips one.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly clock: () => Date;
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  /** writeAppend as a nested transaction: a savepoint inside the group's transaction */
  private readonly appendOne: Database.Transaction<
    (request: PendingAppend, recordedAt: string) => AppendResult
  >;
  private readonly pending: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.defaultSafeIntegers(true);
    this.db.exec(SCHEMA);
    this.clock = options.clock ?? (() => new Date());
    this.statements = this.prepare();
    this.appendOne = this.db.transaction((request: PendingAppend, recordedAt: string) =>
      this.writeAppend(request, recordedAt),
    );
    this.appended.setMaxListeners(0);
  }

  private prepare() {
    const db = this.db;
    return {
      version: db.prepare<[string], { version: bigint }>(
        'SELECT version FROM es_streams WHERE stream_id = ?',
      ),
      createStream: db.prepare('INSERT INTO es_streams (stream_id, version) VALUES (?, ?)'),
      moveStream: db.prepare(
        'UPDATE es_streams SET version = ? WHERE stream_id = ? AND version = ?',
      ),
      insert: db.prepare(
        `INSERT INTO es_events (event_id, stream_id, stream_version, type, schema_version,
           occurred_at, recorded_at, command_id, data, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      stream: db.prepare<[string], EventRow>(
        'SELECT * FROM es_events WHERE stream_id = ? ORDER BY stream_version',
      ),
      streamAfter: db.prepare<[string, number], EventRow>(
        'SELECT * FROM es_events WHERE stream_id = ? AND stream_version > ? ORDER BY stream_version',
      ),
      all: pageStatement(db),
      byCommand: db.prepare<[string], EventRow>(
        'SELECT * FROM es_events WHERE command_id = ? ORDER BY global_position',
      ),
      head: db.prepare<[], { head: bigint | null }>(
        'SELECT MAX(global_position) AS head FROM es_events',
      ),
    };
  }

  /**
   * Group commit: appends that arrive in the same turn of the event loop (concurrent commands)
   * are queued and written in one IMMEDIATE transaction with one fsync. Each keeps its own
   * expected-version check and its own outcome: it runs in a savepoint of its own, so a
   * conflict or a duplicate id rolls back that append alone and the others commit. Appends of
   * one batch run in arrival order, each seeing the ones before it, exactly as if they had
   * committed one by one; none resolves before the transaction holding it is durable.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes the queued appends, at most MAX_GROUP per transaction, then settles each. */
  private flush(): void {
    this.flushScheduled = false;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, MAX_GROUP);
      const outcomes: ({ ok: AppendResult } | { error: unknown })[] = [];
      try {
        const recordedAt = this.clock().toISOString();
        this.db
          .transaction(() => {
            for (const request of group) {
              try {
                // a nested transaction function runs in a savepoint, rolled back if it throws
                outcomes.push({ ok: this.appendOne(request, recordedAt) });
              } catch (error) {
                outcomes.push({ error: translateConstraint(error, request) });
              }
            }
          })
          .immediate();
      } catch (error) {
        // the transaction itself failed (disk full, I/O error): nothing of this group is stored
        for (const request of group) request.reject(error);
        continue;
      }
      if (outcomes.some((o) => 'ok' in o)) this.appended.emit('appended');
      group.forEach((request, i) => {
        const outcome = outcomes[i];
        if ('ok' in outcome) request.resolve(outcome.ok);
        else request.reject(outcome.error);
      });
    }
  }

  /** One append of a group: the version check, the stream's move and the inserts. */
  private writeAppend(request: PendingAppend, recordedAt: string): AppendResult {
    const { streamId, events, expected } = request;
    const s = this.statements;
    const row = s.version.get(streamId);
    const actual = row ? Number(row.version) : 0;
    if (!matchesExpected(expected, actual)) {
      throw new ConcurrencyError(streamId, expected, actual);
    }
    const next = actual + events.length;
    if (actual === 0) s.createStream.run(streamId, next);
    else if (s.moveStream.run(next, streamId, actual).changes !== 1) {
      throw new ConcurrencyError(streamId, expected, actual);
    }
    const stored = events.map((event, i): StoredEvent => {
      const streamVersion = actual + i + 1;
      const info = s.insert.run(
        event.eventId,
        streamId,
        streamVersion,
        event.type,
        event.schemaVersion,
        event.occurredAt,
        recordedAt,
        event.metadata.commandId,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
      return {
        ...event,
        streamId,
        streamVersion,
        globalPosition: BigInt(info.lastInsertRowid),
        recordedAt,
      };
    });
    return { streamVersion: next, events: stored };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.statements.stream.all(streamId).map(toStored);
  }

  async readStreamAfter(streamId: string, version: number): Promise<StoredEvent[]> {
    return this.statements.streamAfter.all(streamId, version).map(toStored);
  }

  async readAll(after: LogCheckpoint | null, limit: number): Promise<ReadAllResult> {
    return readPage(this.statements.all, after, limit);
  }

  async covers(checkpoint: LogCheckpoint | null, position: bigint): Promise<boolean> {
    return positionOf(checkpoint) >= position;
  }

  positionOf(checkpoint: LogCheckpoint | null): bigint {
    return positionOf(checkpoint);
  }

  async findByCommandId(commandId: string): Promise<StoredEvent[]> {
    return this.statements.byCommand.all(commandId).map(toStored);
  }

  /**
   * The head's position minus the checkpoint's: positions here run 1, 2, 3… without a gap
   * (AUTOINCREMENT never reuses a number, rows are never deleted, and an append rolled back,
   * alone in its savepoint or with its whole group, takes its numbers back with it), so this is
   * the number of events after the checkpoint, read from the primary key's last entry instead of
   * counted (a count over a million rows blocked the process for seconds per scrape).
   */
  async lagOf(checkpoint: LogCheckpoint | null): Promise<number> {
    const head = this.statements.head.get()?.head ?? null;
    if (head === null) return 0;
    return Math.max(0, Number(BigInt(head) - positionOf(checkpoint)));
  }

  /** A file can be opened again, read-only, by another thread; a store in memory cannot. */
  threadLog(): ThreadLogSpec | null {
    const { filename } = this.options;
    if (filename === ':memory:' || filename === '') return null;
    return { kind: 'sqlite', filename, upcasters: null };
  }

  onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }

  async close(): Promise<void> {
    // appends already accepted are written (or refused) before the file closes
    if (this.db.open) this.flush();
    this.appended.removeAllListeners();
    if (this.db.open) this.db.close();
  }
}

/**
 * The log of a SQLite store read on a read-only connection of its own: what another thread
 * opens from `SqliteEventStore.threadLog()`. `readAll` answers as the store's does (WAL mode:
 * it reads committed events only, without blocking the store's writer).
 */
export class SqliteLogReader {
  private readonly db: Database.Database;
  private readonly page: PageStatement;
  private readonly toStored: (row: PageRow) => StoredEvent;

  /**
   * `metadata`, when given, names the only metadata members the reader needs: the events'
   * metadata then holds those alone, and is parsed only when its text names one of them
   * (parsing every event's metadata is a seventh of the read).
   */
  constructor(filename: string, options: { readonly metadata?: readonly string[] } = {}) {
    this.db = new Database(filename, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.page = pageStatement(this.db);
    const pick = options.metadata ? metadataPicker(options.metadata) : undefined;
    this.toStored = pick ? (row) => toStoredFromPage(row, pick) : toStoredFromPage;
  }

  readAll(after: LogCheckpoint | null, limit: number): ReadAllResult {
    return readPage(this.page, after, limit, this.toStored);
  }

  close(): void {
    this.db.close();
  }
}

function readPage(
  statement: PageStatement,
  after: LogCheckpoint | null,
  limit: number,
  toStored: (row: PageRow) => StoredEvent = toStoredFromPage,
): ReadAllResult {
  const events = statement.all(positionOf(after), limit).map((row) => toStored(row));
  const last = events[events.length - 1];
  return { events, checkpoint: last ? last.globalPosition.toString() : after };
}

function positionOf(checkpoint: LogCheckpoint | null): bigint {
  if (checkpoint === null) return 0n;
  const numbers = parseLogCheckpoint('sqlite', checkpoint);
  if (!numbers) throw new Error(`not a SQLite log checkpoint: ${checkpoint}`);
  return numbers[0];
}

function toStored(row: EventRow): StoredEvent {
  if (typeof row.global_position === 'number' && !Number.isSafeInteger(row.global_position)) {
    throw new RangeError(`global position ${row.global_position} is beyond 2^53`);
  }
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: BigInt(row.global_position),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}

/** Reads only the members `names` of a metadata text (see SqliteLogReader). */
function metadataPicker(names: readonly string[]): (text: string) => EventMetadata {
  const quoted = names.map((name) => JSON.stringify(name));
  return (text) => {
    // a member's name appears quoted in the text: without any, nothing to parse
    if (!quoted.some((q) => text.includes(q))) return {} as EventMetadata;
    const all = JSON.parse(text) as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const name of names) if (name in all) picked[name] = all[name];
    return picked as unknown as EventMetadata;
  };
}

function toStoredFromPage(
  row: PageRow,
  metadata: (text: string) => EventMetadata = JSON.parse,
): StoredEvent {
  const position = row[0];
  if (!Number.isSafeInteger(position)) {
    throw new RangeError(`global position ${position} is beyond 2^53`);
  }
  return {
    eventId: row[1],
    type: row[4],
    schemaVersion: row[5],
    occurredAt: row[6],
    recordedAt: row[7],
    streamId: row[2],
    streamVersion: row[3],
    globalPosition: BigInt(position),
    data: JSON.parse(row[8]),
    metadata: metadata(row[9]),
  };
}

/**
 * A unique-constraint failure is a lost race or a duplicate id; say which. The error is read by
 * its shape, not with `instanceof`: better-sqlite3's native binding builds its errors with the
 * class registered by the first copy of the module a process loaded, which under jest (a module
 * registry per test file) is not this file's `Error`.
 */
function translateConstraint(
  error: unknown,
  { streamId, expected, events }: PendingAppend,
): unknown {
  const shape = error as { code?: unknown; message?: unknown } | null;
  if (typeof shape !== 'object' || shape === null || typeof shape.code !== 'string') return error;
  const message = typeof shape.message === 'string' ? shape.message : '';
  if (!shape.code.startsWith('SQLITE_CONSTRAINT')) {
    // keep SQLite's own code in sight: an append that failed for another reason is not a race
    shape.message = `append to ${streamId} failed (${shape.code}): ${message}`;
    return error;
  }
  if (message.includes('es_events.event_id')) {
    return new DuplicateEventError(events.map((e) => e.eventId).join(', '));
  }
  return new ConcurrencyError(streamId, expected, -1);
}
