import { Inject, Injectable } from '@nestjs/common';
import {
  MesaEvent,
  MesaState,
  ProblemEvent,
  ProblemState,
  evolveMesa,
  evolveProblem,
  initialMesaState,
  initialProblemState,
} from '@mesas/domain';
import type { EventStore, StoredEvent } from '@mesas/event-store';
import { EVENT_STORE } from '@mesas/runtime';

const asDomain = <E>(e: StoredEvent): E =>
  ({ type: e.type, data: e.data, occurredAt: e.occurredAt }) as unknown as E;

/** A stream folded into its aggregate's state, with the version it was read at. */
export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
  /**
   * Taken from the cache without asking the store (`StreamStates.cached`): possibly behind the
   * stream, which only the writer of the stream may accept (see `executeCommand`).
   */
  readonly unverified?: boolean;
}

/** Streams whose states one cache keeps, the least recently used dropped first. */
export const CACHED_STREAMS = 10_000;

/**
 * The folded states of the streams commands were decided on, each with its version (decision
 * 0025). States are immutable (the deciders fold copy-on-write) and a stream's events never
 * change, so the state of a stream at a version is the same whoever folded it: an entry can be
 * behind the stream (another process appended), never wrong about the version it names.
 *
 * - `read` is what a fresh read of the whole stream would give, for the cost of reading the
 *   events after the cached version (none, usually), where the store can read a stream's tail
 *   (`readStreamAfter`); elsewhere it reads the whole stream, as without a cache.
 * - `cached` is the entry as it is, without asking the store: only for the stream a command
 *   appends to, whose append at the version decided on refuses a stale one (ConcurrencyError);
 *   `executeCommand` then decides again on `read`, and does so too when a decision on a
 *   cached state throws, so that a stale state can cost a retry, never an answer.
 * - `appended` folds the events of an append of this process into the state it was decided
 *   on, so the next command on the stream needs no read at all.
 */
export class StreamStates<S, E> {
  /** insertion order is recency: an entry used is moved to the end */
  private readonly entries = new Map<string, Loaded<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly evolve: (state: S, event: E) => S,
    private readonly initial: S,
    private readonly capacity: number = CACHED_STREAMS,
  ) {}

  /** The stream's state as the store has it now. */
  async read(streamId: string): Promise<Loaded<S>> {
    const entry = this.entries.get(streamId);
    if (entry && this.store.readStreamAfter) {
      const newer = await this.store.readStreamAfter(streamId, entry.version);
      const caughtUp = this.fold(entry, newer);
      if (caughtUp) return this.remember(streamId, caughtUp);
    }
    const events = await this.store.readStream(streamId);
    return this.remember(
      streamId,
      this.fold({ state: this.initial, version: 0 }, events) ?? {
        // a stream whose versions do not run 1, 2, 3… is not one this store writes: fold it as is
        state: events.map(asDomain<E>).reduce(this.evolve, this.initial),
        version: events.length === 0 ? 0 : events[events.length - 1].streamVersion,
      },
    );
  }

  /** The cached state, unread (`unverified`); read from the store when there is none. */
  async cached(streamId: string): Promise<Loaded<S>> {
    const entry = this.entries.get(streamId);
    if (!entry) return this.read(streamId);
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return { ...entry, unverified: true };
  }

  /** An append of this process, decided on `from`, stored `events`. */
  appended(streamId: string, from: Loaded<S>, events: readonly StoredEvent[]): void {
    const next = this.fold(from, events);
    if (next) this.remember(streamId, next);
    else this.entries.delete(streamId);
  }

  /** Drops a stream's entry (the next `read` reads it whole). */
  forget(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }

  /** `from` followed by `events`, or null when they do not continue it version by version. */
  private fold(from: Loaded<S>, events: readonly StoredEvent[]): Loaded<S> | null {
    let { state, version } = from;
    for (const event of events) {
      if (event.streamVersion !== version + 1) return null;
      state = this.evolve(state, asDomain<E>(event));
      version = event.streamVersion;
    }
    return state === from.state && !from.unverified ? from : { state, version };
  }

  private remember(streamId: string, loaded: Loaded<S>): Loaded<S> {
    if (loaded.version === 0) return loaded;
    const entry = this.entries.get(streamId);
    // concurrent reads and appends may finish in any order: an entry never moves back
    if (entry && entry.version > loaded.version) return loaded;
    this.entries.delete(streamId);
    this.entries.set(streamId, loaded);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return loaded;
  }
}

/** The command handlers' caches: one for mesa streams, one for problem streams. */
@Injectable()
export class AggregateStates {
  readonly mesas: StreamStates<MesaState, MesaEvent>;
  readonly problems: StreamStates<ProblemState, ProblemEvent>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.mesas = new StreamStates(store, evolveMesa, initialMesaState);
    this.problems = new StreamStates(store, evolveProblem, initialProblemState);
  }
}
