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

export interface CatchUpOptions {
  readonly name: string;
  readonly batchSize?: number;
  /** how long to sleep when idle and no append was signalled (other processes' appends) */
  readonly pollMs?: number;
  readonly onError?: (error: unknown) => void;
  /** run only while holding this lease (see ConsumerLease); none: always run */
  readonly lease?: ConsumerLease | null;
  /** how often a subscription without the lease tries to take it (default 1 s) */
  readonly leaseRetryMs?: number;
}

/**
 * A checkpointed consumer of the global log: reads after its checkpoint, hands each batch to its
 * handler, and waits for appends when caught up. Batches are handled one at a time, awaited,
 * in log order; after a failure it reloads its checkpoint and reads the batch again, so the
 * handler sees each event at least once and, when it writes its checkpoint with its effect,
 * applies it exactly once. With a lease it runs only while it holds it, and reloads its
 * checkpoint each time it takes the lease over (another process may have moved it).
 */
export class CatchUpSubscription {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private checkpoint: LogCheckpoint | null = null;
  private readonly waiters = new Set<() => void>();
  private failures = 0;
  /** set by an append signal, so that one arriving mid-read is not slept through */
  private signalled = false;
  /** waiting for the lease: append signals do not wake it */
  private standby = false;

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
      if (!this.standby) this.wake?.();
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
    /** whether `checkpoint` was read since this subscription last (re)started consuming */
    let loaded = false;
    try {
      while (this.running) {
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
          const page = await this.store.readAll(this.checkpoint, batchSize);
          if (page.events.length === 0) {
            await this.idle();
            continue;
          }
          await this.handler.handle(page.events, this.checkpoint, page.checkpoint);
          this.checkpoint = page.checkpoint;
          this.failures = 0;
          for (const waiter of [...this.waiters]) waiter();
        } catch (error) {
          this.failures++;
          this.options.onError?.(error);
          await this.sleep(Math.min(5000, 100 * 2 ** Math.min(this.failures, 6)));
          // the handler may have moved the checkpoint elsewhere (or another process did)
          loaded = false;
        }
      }
    } finally {
      this.standby = false;
      if (lease) await lease.release().catch((error: unknown) => this.options.onError?.(error));
    }
  }

  private idle(): Promise<void> {
    if (this.signalled) return Promise.resolve();
    return this.sleep(this.options.pollMs ?? 1000);
  }

  private sleep(ms: number): Promise<void> {
    // stop() may have been called while a batch was in hand: do not sleep through it
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
