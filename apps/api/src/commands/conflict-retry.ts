/**
 * How a command that lost a race to another writer of its stream tries again. The store's
 * optimistic check makes the loser reread, decide again and append; if every loser does so at
 * once they collide again, round after round, and only one of them wins each round. Waiting a
 * random time first (exponential backoff with "full jitter": uniform in [0, min(cap, base·2^n)])
 * spreads the retries out, so most of them find the stream quiet.
 *
 * Guaranteed bounds: at most `attempts` decisions per request, and at most the sum of the caps
 * of the waits (`maxTotalDelayMs`) spent waiting, so a request under contention answers 201 or
 * 409 within a known time.
 */
export interface ConflictRetryPolicy {
  /** decisions per request, the first one included */
  readonly attempts: number;
  /** how long to wait before decision `attempt` (2, 3, …) */
  delayMs(attempt: number): number;
}

export interface FullJitterOptions {
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

export function fullJitter(
  options: FullJitterOptions,
  random: () => number = Math.random,
): ConflictRetryPolicy {
  return {
    attempts: options.attempts,
    delayMs: (attempt) => random() * ceilingMs(options, attempt),
  };
}

/** The largest wait before decision `attempt`. */
export function ceilingMs(options: FullJitterOptions, attempt: number): number {
  return Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 2));
}

/** The most a request can wait in all, whatever the dice say. */
export function maxTotalDelayMs(options: FullJitterOptions): number {
  let total = 0;
  for (let attempt = 2; attempt <= options.attempts; attempt++)
    total += ceilingMs(options, attempt);
  return total;
}

/** What every command uses: 10 decisions, waits of at most 10, 20, 40, … 1000 ms (≤ 3.27 s in all). */
export const CONFLICT_RETRY_OPTIONS: FullJitterOptions = { attempts: 10, baseMs: 10, capMs: 1000 };
export const CONFLICT_RETRY: ConflictRetryPolicy = fullJitter(CONFLICT_RETRY_OPTIONS);

/** The policy before backoff (five immediate tries), kept to measure against in the benchmark. */
export const IMMEDIATE_RETRY: ConflictRetryPolicy = { attempts: 5, delayMs: () => 0 };

/** DI token: the policy the command handlers use (CONFLICT_RETRY unless overridden). */
export const COMMAND_RETRY = Symbol('COMMAND_RETRY');
