import {
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamSubscription, Position } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
  ConcurrencyError,
  DuplicateEventError,
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  ReadAllResult,
  StoredEvent,
} from '../event-store.port';
import {
  COMMAND_ROUTED,
  EsdbRecord,
  MappedRecord,
  OUR_STREAM_PREFIXES,
  commandStreamOf,
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  fromEsdbRecord,
  isOurStream,
  toEsdbEvent,
  toExpectedRevision,
  versionOfRevision,
} from './esdb-mapping';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  readonly connectionString: string;
  /** told when the live subscription that wakes readers drops (it is opened again) */
  readonly onError?: (error: unknown) => void;
}

/** How many `$all` events one read asks for while looking for ours. */
const SCAN_PAGE = 512;
/** `lagOf` counts exactly up to this many events, then answers this number (a lower bound). */
export const LAG_COUNT_CAP = 10_000;
/** first delay before reopening a dropped live subscription; doubles per failure, up to 30 s */
const LIVE_RETRY_MS = 1000;
const LIVE_RETRY_MAX_MS = 30_000;

/**
 * The event store on EventStoreDB / KurrentDB through `@eventstore/db-client` 6.x. What it
 * guarantees, and where EventStoreDB differs from the SQL adapters:
 *
 * - An append is one atomic write to one stream, checked by the server against the expected
 *   revision (port version v ↔ last revision v - 1); a failed check is a `ConcurrencyError`.
 * - EventStoreDB does not keep event ids unique across streams, and answers a repeated append
 *   of the same ids at the same expected revision with success and no write. The adapter
 *   therefore (1) routes each command id to one stream through a small index stream, written
 *   BEFORE the events with "no stream" (so a command id used on two streams is refused, and
 *   `findByCommandId` knows where to look), (2) checks that stream for the ids when the command
 *   was seen before, and (3) tags each append with an id in the metadata, so that the server's
 *   idempotent no-op is recognised on read-back and reported as `DuplicateEventError`.
 *   See docs/decisions/0004-esdb-idempotency.md.
 * - The global log is `$all` in commit order; `globalPosition` is the commit position, unique
 *   per event for everything written through gRPC. `readAll` filters `$all` to our streams on
 *   this side, because the 6.x client's `readAll` takes no server-side filter.
 * - `onAppended` is fed by a live `subscribeToAll` filtered to our streams, so a process is
 *   woken by other processes' appends too; it is only a hint, readers read through `readAll`.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly appended = new EventEmitter();
  private live: AllStreamSubscription | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private liveFailures = 0;
  private closed = false;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.appended.setMaxListeners(0);
  }

  /** Opens a store and fails fast, with the address in the message, when the server is not there. */
  static async connect(
    options: EsdbEventStoreOptions,
    timeoutMs = 10_000,
  ): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(options);
    // streaming reads carry no deadline in the 6.x client, hence the timer
    const read = store.client.readAll({ maxCount: 1, direction: FORWARDS });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([drain(read), timeout]);
    } catch (error) {
      await read.cancel();
      await store.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `EventStoreDB at ${redact(options.connectionString)} did not answer a read of $all: ${reason}`,
      );
    } finally {
      clearTimeout(timer);
    }
    return store;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expectedRevision = toExpectedRevision(expected);
    await this.routeCommands(streamId, events);
    const appendId = randomUUID();
    let nextRevision: bigint;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) => jsonEvent(toEsdbEvent(event, appendId))),
        { expectedRevision },
      );
      nextRevision = result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new ConcurrencyError(streamId, expected, versionOfRevision(error.actualVersion));
      }
      throw error;
    }
    // The append answer has one position for the whole write; each event's own position (and
    // `created`) comes from reading the events back, which also shows whose write they are.
    const first = nextRevision - BigInt(events.length - 1);
    const stored = (await this.records(streamId, first, events.length)).map(fromEsdbRecord);
    const sent = events.map((e) => e.eventId);
    if (stored.length !== events.length || stored.some((m, i) => m.event.eventId !== sent[i])) {
      throw new Error(
        `EventStoreDB acknowledged an append to ${streamId} at revision ${nextRevision} but the events read back are not the ones sent`,
      );
    }
    if (stored.some((m) => m.appendId !== appendId)) {
      // The server answered an idempotent repeat of an earlier write: nothing was appended.
      throw new DuplicateEventError(sent.join(', '));
    }
    this.appended.emit('appended');
    return { streamVersion: versionOfRevision(nextRevision), events: stored.map((m) => m.event) };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return (await this.records(streamId)).map((r) => fromEsdbRecord(r).event);
  }

  async readAll(after: LogCheckpoint | null, limit: number): Promise<ReadAllResult> {
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new RangeError(`limit must be >= 1, not ${limit}`);
    const events: StoredEvent[] = [];
    let last: Position | null = null;
    for await (const mapped of this.ourEventsAfter(
      after === null ? null : decodeCheckpoint(after),
    )) {
      events.push(mapped.event);
      last = mapped.position;
      if (events.length >= limit) break;
    }
    return { events, checkpoint: last === null ? after : encodeCheckpoint(last) };
  }

  async covers(checkpoint: LogCheckpoint | null, position: bigint): Promise<boolean> {
    const commit = checkpoint === null ? 0n : decodeCheckpoint(checkpoint).commit;
    return commit >= position;
  }

  positionOf(checkpoint: LogCheckpoint | null): bigint {
    return checkpoint === null ? 0n : decodeCheckpoint(checkpoint).commit;
  }

  async findByCommandId(commandId: string): Promise<StoredEvent[]> {
    const found: StoredEvent[] = [];
    for (const streamId of await this.routedStreams(commandId)) {
      const events = await this.readStream(streamId);
      found.push(...events.filter((e) => e.metadata.commandId === commandId));
    }
    return found.sort((a, b) =>
      a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0,
    );
  }

  /**
   * Counts our events after the checkpoint by reading them (EventStoreDB keeps no count of a
   * filtered `$all`): exact up to `LAG_COUNT_CAP`, which it answers beyond that.
   */
  async lagOf(checkpoint: LogCheckpoint | null): Promise<number> {
    const events = this.ourEventsAfter(checkpoint === null ? null : decodeCheckpoint(checkpoint));
    let lag = 0;
    try {
      while (lag < LAG_COUNT_CAP && !(await events.next()).done) lag++;
    } finally {
      await events.return(undefined);
    }
    return lag;
  }

  onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    if (!this.closed && this.live === null && this.retryTimer === null) this.startLive();
    return () => {
      this.appended.off('appended', listener);
      if (this.appended.listenerCount('appended') === 0)
        void this.stopLive().catch(this.options.onError);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.removeAllListeners();
    await this.stopLive();
    await this.client.dispose();
  }

  /**
   * Binds each command id of the batch to this stream, or refuses the batch. The index entry is
   * written first and with "no stream", so that of two writers of one command id only one owns
   * it; a command id already bound here is a retry, whose ids must not be in the stream yet.
   */
  private async routeCommands(streamId: string, events: readonly NewEvent[]): Promise<void> {
    const commandIds = [...new Set(events.map((e) => e.metadata.commandId))];
    let existing: Set<string> | null = null;
    for (const commandId of commandIds) {
      try {
        await this.client.appendToStream(
          commandStreamOf(commandId),
          jsonEvent({ type: COMMAND_ROUTED, data: { streamId } }),
          { expectedRevision: NO_STREAM },
        );
        continue;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
      const ofCommand = events
        .filter((e) => e.metadata.commandId === commandId)
        .map((e) => e.eventId);
      const routed = await this.routedStreams(commandId);
      if (!routed.includes(streamId)) {
        // the command id already belongs to another stream: its ids are, or will be, there
        throw new DuplicateEventError(ofCommand.join(', '));
      }
      existing ??= new Set((await this.records(streamId)).map((r) => r.id));
      const repeated = ofCommand.filter((id) => existing?.has(id));
      if (repeated.length > 0) throw new DuplicateEventError(repeated.join(', '));
    }
  }

  private async routedStreams(commandId: string): Promise<string[]> {
    const streams = new Set<string>();
    for (const record of await this.records(commandStreamOf(commandId))) {
      const data = record.data as { streamId?: unknown } | null;
      if (record.type === COMMAND_ROUTED && typeof data?.streamId === 'string')
        streams.add(data.streamId);
    }
    return [...streams];
  }

  /** A stream's recorded events (all, or `count` from `fromRevision`); none when it does not exist. */
  private async records(
    streamId: string,
    fromRevision?: bigint,
    count?: number,
  ): Promise<EsdbRecord[]> {
    const out: EsdbRecord[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: fromRevision ?? START,
        direction: FORWARDS,
        resolveLinkTos: false,
        ...(count !== undefined ? { maxCount: count } : {}),
      });
      for await (const resolved of read) {
        if (resolved.event) out.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /**
   * Our events after `floor`, in `$all` order. A forward read of `$all` includes the event AT
   * its start position, so everything at or before the floor is skipped; each page continues
   * from the last event seen, ours or not.
   */
  private async *ourEventsAfter(floor: Position | null): AsyncGenerator<MappedRecord> {
    let from = floor;
    for (;;) {
      const read = this.client.readAll({
        fromPosition: from ?? START,
        maxCount: SCAN_PAGE,
        direction: FORWARDS,
        resolveLinkTos: false,
      });
      let seen = 0;
      let finished = false;
      try {
        for await (const resolved of read) {
          seen++;
          const event = resolved.event;
          if (!event) continue;
          if (from !== null && comparePositions(event.position, from) <= 0) continue;
          from = event.position;
          if (isOurStream(event.streamId)) yield fromEsdbRecord(event);
        }
        finished = true;
      } finally {
        if (!finished) await read.cancel();
      }
      if (seen < SCAN_PAGE) return;
    }
  }

  private startLive(): void {
    const subscription = this.client.subscribeToAll({
      fromPosition: END,
      filter: streamNameFilter({ prefixes: [...OUR_STREAM_PREFIXES] }),
    });
    this.live = subscription;
    void this.pump(subscription);
  }

  /** Turns each live event into a wake-up; opens the subscription again when it drops. */
  private async pump(subscription: AllStreamSubscription): Promise<void> {
    try {
      for await (const resolved of subscription) {
        this.liveFailures = 0;
        if (resolved.event) this.appended.emit('appended');
      }
    } catch (error) {
      if (this.live === subscription) this.options.onError?.(error);
    }
    if (this.live !== subscription) return; // stopped on purpose
    this.live = null;
    if (this.closed || this.appended.listenerCount('appended') === 0) return;
    const delay = Math.min(
      LIVE_RETRY_MAX_MS,
      LIVE_RETRY_MS * 2 ** Math.min(this.liveFailures++, 5),
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed || this.live !== null || this.appended.listenerCount('appended') === 0)
        return;
      this.startLive();
      // appends made while it was down were not signalled: let the readers look
      this.appended.emit('appended');
    }, delay);
    this.retryTimer.unref();
  }

  private async stopLive(): Promise<void> {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const subscription = this.live;
    this.live = null;
    if (subscription === null) return;
    try {
      await subscription.unsubscribe();
    } catch {
      // the call is being dropped anyway; destroying the stream below ends its reader
    } finally {
      subscription.destroy();
    }
  }
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const item of iterable) void item;
}

/** The connection string without a password, for error messages. */
function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
