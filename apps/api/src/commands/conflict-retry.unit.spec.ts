import {
  ConcurrencyError,
  EventStore,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
} from '@mesas/event-store';
import { executeCommand } from './command-execution';
import type { RequestContext } from './command-messages';
import { CONFLICT_RETRY_OPTIONS, ceilingMs, fullJitter, maxTotalDelayMs } from './conflict-retry';

const options = { attempts: 6, baseMs: 10, capMs: 50 };

describe('conflict retries: exponential backoff with full jitter', () => {
  it('waits at most base·2^(n−2) before decision n, capped', () => {
    expect([2, 3, 4, 5, 6].map((n) => ceilingMs(options, n))).toEqual([10, 20, 40, 50, 50]);
    expect(maxTotalDelayMs(options)).toBe(170);
  });

  it('draws each wait uniformly below its ceiling (full jitter)', () => {
    const draws = [0, 0.5, 0.999];
    let i = 0;
    const policy = fullJitter(options, () => draws[i++ % draws.length]);
    expect([2, 3, 4].map((n) => policy.delayMs(n))).toEqual([0, 10, 39.96]);
  });

  it('what commands use is bounded: 10 decisions, at most 3.27 s of waiting in all', () => {
    expect(CONFLICT_RETRY_OPTIONS.attempts).toBe(10);
    expect(maxTotalDelayMs(CONFLICT_RETRY_OPTIONS)).toBe(3270);
    const policy = fullJitter(CONFLICT_RETRY_OPTIONS);
    for (let n = 2; n <= 10; n++) {
      for (let k = 0; k < 100; k++) {
        const wait = policy.delayMs(n);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(ceilingMs(CONFLICT_RETRY_OPTIONS, n));
      }
    }
  });
});

describe('executeCommand under conflicts', () => {
  const context: RequestContext = {
    actor: { sub: 'ana', role: 'coordinator' },
    requestHash: 'h',
    correlationId: 'c',
  };

  /** A store whose appends lose the race `conflicts` times, then succeed. */
  function racingStore(conflicts: number): { store: EventStore; appends: () => number } {
    let appends = 0;
    const store = {
      async append(streamId: string, events: readonly NewEvent[]) {
        appends++;
        if (appends <= conflicts) throw new ConcurrencyError(streamId, ExpectedVersion.exact(1), 2);
        const stored: StoredEvent[] = events.map((e, i) => ({
          ...e,
          streamId,
          streamVersion: 2 + i,
          globalPosition: BigInt(10 + i),
          recordedAt: e.occurredAt,
        }));
        return { streamVersion: 2 + events.length - 1, events: stored };
      },
    } as Partial<EventStore> as EventStore;
    return { store, appends: () => appends };
  }

  const decision = async () => ({
    streamId: 'problem-p',
    expected: ExpectedVersion.exact(1),
    events: [{ type: 'ProblemPrioritized', data: { rank: 1 }, occurredAt: 'now' }],
  });

  it('decides again after each conflict, waiting what the policy says first', async () => {
    const { store, appends } = racingStore(3);
    const asked: number[] = [];
    const result = await executeCommand(store, context, 'p', decision, {
      retry: { attempts: 5, delayMs: (n) => (asked.push(n), 0) },
    });
    expect(result).toEqual({ id: 'p', streamId: 'problem-p', version: 2, position: '10' });
    expect(appends()).toBe(4);
    expect(asked).toEqual([2, 3, 4]);
  });

  it('gives up with the conflict after the last attempt', async () => {
    const { store, appends } = racingStore(100);
    await expect(
      executeCommand(store, context, 'p', decision, {
        retry: { attempts: 4, delayMs: () => 1 },
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(appends()).toBe(4);
  });

  it('does not retry what is not a conflict', async () => {
    let decisions = 0;
    await expect(
      executeCommand(
        racingStore(0).store,
        context,
        'p',
        async () => {
          decisions++;
          throw new Error('a rule');
        },
        { retry: { attempts: 5, delayMs: () => 0 } },
      ),
    ).rejects.toThrow('a rule');
    expect(decisions).toBe(1);
  });
});
