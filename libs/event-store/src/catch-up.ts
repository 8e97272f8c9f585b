import { EventStore, LogCheckpoint, StoredEvent } from './event-store.port';

export interface CatchUpHandler {
  /** Where this consumer stands, read from the same place its effects are written. */
  loadCheckpoint(): Promise<LogCheckpoint | null>;
  /**
   * Applies a batch and moves the checkpoint from `from` to `to` in the same transaction (or,
   * for a side effect like publishing, only after the effect was acknowledged). Throwing leaves
   * the checkpoint where it was: the batch is read again.
   */
  handle(
    events: readonly StoredEvent[],
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
  ): Promise<void>;
}

/**
 * "Only one process runs this consumer" (server profile: a PostgreSQL advisory lock). Without a
 * lease every subscription runs; with one, a subscription that does not hold it stays idle and
 * retries, so a standby takes over when the holder dies. A lease keeps the others idle; it is
 * not what makes effects exactly-once (the handler's checkpoint compare-and-set is).
 */
export interface ConsumerLease {
  /**
   * Takes the lease, or confirms it is still held: false when another process holds it.
   * Throws when it cannot tell (the database is unreachable).
   */
  acquire(): Promise<boolean>;
  /** Gives it up, so that a standby can take over at once. */
  release(): Promise<void>;
}

/** A store that can hand out leases by consumer name (the PostgreSQL stores can). */
export interface LeaseProvider {
  leaseFor(name: string): ConsumerLease | null;
}

/** The lease `source` offers for `name`, or null when it offers none (SQLite: one process). */
export function leaseOf(source: unknown, name: string): ConsumerLease | null {
  if (typeof source !== 'object' || source === null) return null;
  const provider = source as Partial<LeaseProvider>;
  return typeof provider.leaseFor === 'function' ? provider.leaseFor(name) : null;
}

/** How a consumer retries a batch that fails (decision 0014). */
export interface RetryPolicy {
  /**
   * failures of a batch before it is narrowed to single events, and of one event before the
   * consumer is stalled at it (default 5)
   */
  readonly attempts?: number;
  /** first backoff; it doubles with each failure, with jitter (default 200 ms) */
  readonly baseMs?: number;
  /** longest backoff while retrying (default 30 s) */
  readonly maxMs?: number;
  /** how often a stalled consumer tries its event again, with jitter (default 60 s) */
  readonly stalledRetryMs?: number;
  /**
   * Narrow a failing batch to single events to find the one that fails (default true). Off for
   * consumers whose failures are not about an event (a broker that is down): the stall then
   * names the batch's first event.
   */
  readonly narrow?: boolean;
}

/** The event a consumer cannot get past, and why: what an operator needs to act. */
export interface ConsumerStall {
  /** the event's public position, as a decimal string */
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  /** the last error the handler threw on it */
  readonly error: string;
  /** when the consumer first stalled on it (ISO-8601 UTC) */
  readonly since: string;
  /** tries so far, the first `attempts` ones included */
  readonly attempts: number;
}

/** A failure that is not (yet) attributed to an event: reading the log, or a batch being retried. */
export interface ConsumerFailure {
  readonly error: string;
  /** consecutive failures */
  readonly failures: number;
  /** first of these failures (ISO-8601 UTC) */
  readonly since: string;
}

export interface ConsumerStatus {
  /**
   * `running`: consuming (possibly retrying, see `failing`); `stalled`: stopped at `stalledAt`,
   * retried slowly; `standby`: another process holds the lease; `stopped`: not started.
   */
  readonly state: 'running' | 'stalled' | 'standby' | 'stopped';
  readonly checkpoint: LogCheckpoint | null;
  readonly stalledAt?: ConsumerStall;
  readonly failing?: ConsumerFailure;
}

export interface CatchUpOptions {
  readonly name: string;
  readonly batchSize?: number;
  /** how long to sleep when idle and no append was signalled (other processes' appends) */
  readonly pollMs?: number;
  /** every error, as it happens (for logs); the consumer handles it itself */
  readonly onError?: (error: unknown) => void;
  /** run only while holding this lease (see ConsumerLease); none: always run */
  readonly lease?: ConsumerLease | null;
  /** how often a subscription without the lease tries to take it (default 1 s) */
  readonly leaseRetryMs?: number;
  readonly retry?: RetryPolicy;
  /**
   * Errors that mean "another consumer moved the checkpoint first" (a compare-and-set lost):
   * the checkpoint is reloaded at once, and they never count towards a stall.
   */
  readonly isConflict?: (error: unknown) => boolean;
  /**
   * Told when the consumer stalls on an event (and again after each slow retry that fails), and
   * with null when it gets past it; where the host records it durably. Its errors go to onError.
   */
  readonly onStall?: (stall: ConsumerStall | null) => Promise<void> | void;
  /** for tests: the source of jitter (default Math.random) */
  readonly random?: () => number;
}

/** `ms` scaled into [ms/2, ms): never zero (no hot loop), never in lockstep with another process. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms / 2 + (ms / 2) * random());
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A checkpointed consumer of the global log: reads after its checkpoint, hands each batch to its
 * handler, and waits for appends when caught up. Batches are handled one at a time, awaited,
 * in log order; after a failure it reloads its checkpoint and reads the batch again, so the
 * handler sees each event at least once and, when it writes its checkpoint with its effect,
 * applies it exactly once. With a lease it runs only while it holds it, and reloads its
 * checkpoint each time it takes the lease over (another process may have moved it).
 *
 * A batch that keeps failing never makes it skip an event, nor spin (decision 0014): it retries
 * with exponential backoff and jitter; after `attempts` failures it narrows the batch to single
 * events, so the events before the failing one are applied and the failing one is named; after
 * `attempts` failures of that one event the consumer is `stalled` at it (`status().stalledAt`,
 * `onStall`) and tries it again every `stalledRetryMs`, so a cause that goes away (a database
 * back up, a fixed deployment) resumes it without an operator, and one that does not stays
 * visible.
 */
export class CatchUpSubscription {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private checkpoint: LogCheckpoint | null = null;
  private readonly waiters = new Set<() => void>();
  /** set by an append signal, so that one arriving mid-read is not slept through */
  private signalled = false;
  /** waiting for the lease: append signals do not wake it */
  private standby = false;
  private stall: ConsumerStall | null = null;
  private failing: ConsumerFailure | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly handler: CatchUpHandler,
    private readonly options: CatchUpOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const unsubscribe = this.store.onAppended(() => {
      this.signalled = true;
      if (!this.standby && !this.stall) this.wake?.();
    });
    this.loop = this.run().finally(unsubscribe);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  get position(): LogCheckpoint | null {
    return this.checkpoint;
  }

  /** Running and (when it has a lease) holding it. */
  get active(): boolean {
    return this.running && !this.standby;
  }

  status(): ConsumerStatus {
    const state = !this.running
      ? 'stopped'
      : this.standby
        ? 'standby'
        : this.stall
          ? 'stalled'
          : 'running';
    return {
      state,
      checkpoint: this.checkpoint,
      ...(this.stall ? { stalledAt: this.stall } : {}),
      ...(this.failing && !this.stall ? { failing: this.failing } : {}),
    };
  }

  /** Resolves once the handler has applied the event at `position` (for read-your-writes). */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.store.covers(this.checkpoint, position))) {
      const left = deadline - Date.now();
      if (left <= 0 || !this.running) return false;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 200));
        this.waiters.add(done);
      });
    }
    return true;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const lease = this.options.lease ?? null;
    const retry = this.options.retry ?? {};
    const attempts = Math.max(1, retry.attempts ?? 5);
    const random = this.options.random ?? Math.random;
    const backoff = (failures: number): number =>
      withJitter(
        Math.min(retry.maxMs ?? 30_000, (retry.baseMs ?? 200) * 2 ** Math.min(failures - 1, 20)),
        random,
      );
    /** whether `checkpoint` was read since this subscription last (re)started consuming */
    let loaded = false;
    /** failures in a row of the batch at the current checkpoint (reset by any progress) */
    let failures = 0;
    /** batches of one event still to apply after a larger batch failed (narrowing it down) */
    let narrowing = 0;
    try {
      while (this.running) {
        let events: readonly StoredEvent[];
        let next: LogCheckpoint | null;
        try {
          if (lease && !(await lease.acquire())) {
            this.standby = true;
            loaded = false;
            await this.sleep(this.options.leaseRetryMs ?? 1000);
            continue;
          }
          this.standby = false;
          if (!loaded) {
            this.checkpoint = await this.handler.loadCheckpoint();
            loaded = true;
          }
          this.signalled = false;
          const page = await this.store.readAll(this.checkpoint, narrowing > 0 ? 1 : batchSize);
          events = page.events;
          next = page.checkpoint;
        } catch (error) {
          // the log or the checkpoint cannot be read: no event to blame, back off and retry
          this.noteFailure(error, ++failures);
          await this.sleep(backoff(failures));
          loaded = false;
          continue;
        }
        if (events.length === 0) {
          // Nothing new, and no append signalled for a whole poll: the stored checkpoint may
          // have moved meanwhile without a commit of this consumer failing to say so (a rebuild
          // swapped in behind it, another process went ahead), so read it again.
          if (await this.idle()) loaded = false;
          continue;
        }
        try {
          await this.handler.handle(events, this.checkpoint, next);
        } catch (error) {
          if (this.options.isConflict?.(error)) {
            // another consumer got there first: take its checkpoint, nothing is wrong
            loaded = false;
            continue;
          }
          failures++;
          this.noteFailure(error, failures);
          if (events.length > 1 && failures >= attempts && retry.narrow !== false) {
            // one of these events fails every time: apply them one by one to find it
            narrowing = events.length;
            failures = 0;
          } else if (failures >= attempts) {
            await this.markStalled(events[0], error, failures);
          }
          await this.sleep(
            this.stall ? withJitter(retry.stalledRetryMs ?? 60_000, random) : backoff(failures),
          );
          // the handler may have moved the checkpoint elsewhere (or another process did)
          loaded = false;
          continue;
        }
        this.checkpoint = next;
        failures = 0;
        this.failing = null;
        if (narrowing > 0) narrowing--;
        if (this.stall) await this.clearStall();
        for (const waiter of [...this.waiters]) waiter();
      }
    } finally {
      this.standby = false;
      if (lease) await lease.release().catch((error: unknown) => this.options.onError?.(error));
    }
  }

  private noteFailure(error: unknown, failures: number): void {
    this.options.onError?.(error);
    this.failing = {
      error: errorMessage(error),
      failures,
      since: failures === 1 || !this.failing ? new Date().toISOString() : this.failing.since,
    };
  }

  private async markStalled(event: StoredEvent, error: unknown, attempts: number): Promise<void> {
    const same = this.stall?.eventId === event.eventId;
    this.stall = {
      position: event.globalPosition.toString(),
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      error: errorMessage(error),
      since: same && this.stall ? this.stall.since : new Date().toISOString(),
      attempts,
    };
    this.failing = null;
    await this.report(this.stall);
  }

  private async clearStall(): Promise<void> {
    this.stall = null;
    await this.report(null);
  }

  private async report(stall: ConsumerStall | null): Promise<void> {
    try {
      await this.options.onStall?.(stall);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Waits for an append or the poll; true when the whole poll passed without a signal. */
  private idle(): Promise<boolean> {
    if (this.signalled) return Promise.resolve(false);
    return this.sleep(this.options.pollMs ?? 1000);
  }

  /** Sleeps `ms`, or until woken; true when it slept the whole time. */
  private sleep(ms: number): Promise<boolean> {
    // stop() may have been called while a batch was in hand: do not sleep through it
    if (!this.running) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(true);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve(false);
      };
    });
  }
}
