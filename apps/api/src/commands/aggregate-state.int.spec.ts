import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  RuleViolation,
  ProblemEvent,
  ProblemState,
  evolveProblem,
  initialProblemState,
} from '@mesas/domain';
import {
  ConcurrencyError,
  EventStore,
  ExpectedVersion,
  NewEvent,
  SqliteEventStore,
} from '@mesas/event-store';
import { StreamStates } from './aggregate-state';
import { Attempt, executeCommand } from './command-execution';
import type { RequestContext } from './command-messages';

/**
 * The command path's aggregate cache (decision 0025): a state taken from it may be behind the
 * stream (another process appended), and that must only ever cost a retry or a read, never a
 * wrong answer.
 */
describe('StreamStates: cached aggregate states', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-states-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const occurredAt = '2015-09-30T15:00:00.000Z';
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt,
    data: { mesaId: 'm', problemId: 'p', ...data } as NewEvent['data'],
    metadata: { actor: 'ana', correlationId: 'c', causationId: null, commandId: randomUUID() },
  });
  const raised = () =>
    event('ProblemRaised', { title: 't', description: null, barrier: 'red_tape' });
  const accepted = () => event('ProblemFiltered', { decision: 'accepted', reason: null });
  const revised = (revision: number) =>
    event('SolutionRevised', { revision, text: `r${revision}`, rationale: null });
  /** What a read of the whole stream folds to: what every cached state must equal. */
  const fresh = async (s: EventStore, streamId: string): Promise<ProblemState> =>
    (await s.readStream(streamId))
      .map(
        (e) =>
          ({ type: e.type, data: e.data, occurredAt: e.occurredAt }) as unknown as ProblemEvent,
      )
      .reduce(evolveProblem, initialProblemState);
  const states = (s: EventStore = store, capacity?: number) =>
    new StreamStates<ProblemState, ProblemEvent>(s, evolveProblem, initialProblemState, capacity);

  it('read catches up from the cached version, reading only the newer events', async () => {
    const cache = states();
    await store.append('problem-p', [raised(), accepted()], ExpectedVersion.noStream);
    expect(await cache.read('problem-p')).toEqual({
      state: await fresh(store, 'problem-p'),
      version: 2,
    });
    // another process appends: the cache does not know, read finds out
    await store.append('problem-p', [revised(1), revised(2)], ExpectedVersion.exact(2));
    const whole = jest.spyOn(store, 'readStream');
    const tail = jest.spyOn(store, 'readStreamAfter');
    const now = await cache.read('problem-p');
    expect(now).toEqual({ state: await fresh(store, 'problem-p'), version: 4 });
    expect(now.state.solutionRevision).toBe(2);
    expect(tail).toHaveBeenCalledWith('problem-p', 2);
    expect(whole).toHaveBeenCalledTimes(1); // only fresh() above, after the read
  });

  it('cached answers unread and says so; appended folds an append of ours in', async () => {
    const cache = states();
    const first = await store.append('problem-p', [raised()], ExpectedVersion.noStream);
    const before = await cache.cached('problem-p'); // not cached yet: read
    expect(before).toEqual({ state: await fresh(store, 'problem-p'), version: 1 });
    const second = await store.append('problem-p', [accepted()], ExpectedVersion.exact(1));
    cache.appended('problem-p', before, second.events);
    const after = await cache.cached('problem-p');
    expect(after).toEqual({ state: await fresh(store, 'problem-p'), version: 2, unverified: true });
    // an append that does not continue the state it names drops the entry
    cache.appended('problem-p', before, first.events);
    expect(cache.size).toBe(0);
  });

  it('never moves an entry back, and keeps at most its capacity', async () => {
    const cache = states(store, 2);
    await store.append('problem-p', [raised(), accepted()], ExpectedVersion.noStream);
    const old = { state: initialProblemState, version: 0 };
    const newest = await cache.read('problem-p');
    const stale = await store.readStream('problem-p');
    cache.appended('problem-p', old, stale.slice(0, 1)); // a slower append finishing late
    expect(await cache.cached('problem-p')).toEqual({ ...newest, unverified: true });
    for (const id of ['problem-a', 'problem-b']) {
      await store.append(id, [raised()], ExpectedVersion.noStream);
      await cache.read(id);
    }
    expect(cache.size).toBe(2);
  });

  it('without readStreamAfter it reads the whole stream, as if there were no cache', async () => {
    const plain: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStreamAfter: undefined,
    });
    const cache = states(plain);
    await store.append('problem-p', [raised()], ExpectedVersion.noStream);
    await cache.read('problem-p');
    await store.append('problem-p', [accepted()], ExpectedVersion.exact(1));
    expect(await cache.read('problem-p')).toEqual({
      state: await fresh(store, 'problem-p'),
      version: 2,
    });
  });

  describe('executeCommand on a cached state behind the stream', () => {
    const context: RequestContext = {
      actor: { sub: 'ana', role: 'coordinator' },
      requestHash: 'h',
      correlationId: 'c',
    };
    /** Revise the solution, as the handler does: the cached state on the first decision. */
    const revise =
      (cache: StreamStates<ProblemState, ProblemEvent>, decisions: Attempt[]) =>
      async (meta: { occurredAt: string }, attempt: Attempt) => {
        decisions.push(attempt);
        const problem = attempt.trustCache
          ? await cache.cached('problem-p')
          : await cache.read('problem-p');
        if (problem.unverified) attempt.usedCache = true;
        if (problem.state.status !== 'accepted') throw new RuleViolation('not accepted yet');
        return {
          streamId: 'problem-p',
          expected: ExpectedVersion.exact(problem.version),
          events: [
            {
              type: 'SolutionRevised',
              occurredAt: meta.occurredAt,
              data: {
                mesaId: 'm',
                problemId: 'p',
                revision: problem.state.solutionRevision + 1,
                text: 'x',
                rationale: null,
              },
            },
          ],
          appended: (events: Parameters<typeof cache.appended>[2]) =>
            cache.appended('problem-p', problem, events),
        };
      };

    it('an append at a stale cached version is refused and decided again on the store', async () => {
      const cache = states();
      await store.append('problem-p', [raised(), accepted()], ExpectedVersion.noStream);
      await cache.read('problem-p');
      await store.append('problem-p', [revised(1)], ExpectedVersion.exact(2)); // elsewhere
      const append = jest.spyOn(store, 'append');
      const decisions: Attempt[] = [];
      const waits: number[] = [];
      const result = await executeCommand(store, context, 'p', revise(cache, decisions), {
        retry: { attempts: 3, delayMs: (n) => (waits.push(n), 0) },
      });
      expect(result.version).toBe(4);
      await expect(append.mock.results[0].value).rejects.toBeInstanceOf(ConcurrencyError);
      expect(decisions.map((d) => [d.trustCache, d.usedCache])).toEqual([
        [true, true],
        [false, false],
      ]);
      expect(waits).toEqual([2]); // a conflict like any other
      const events = await store.readStream('problem-p');
      expect(events.map((e) => e.data.revision ?? null)).toEqual([null, null, 1, 2]);
      // the cache holds what the store holds
      expect(await cache.cached('problem-p')).toEqual({
        state: await fresh(store, 'problem-p'),
        version: 4,
        unverified: true,
      });
    });

    it('a decision that throws on a cached state is made again at once on the store', async () => {
      const cache = states();
      await store.append('problem-p', [raised()], ExpectedVersion.noStream);
      await cache.read('problem-p'); // raised: revising would be refused
      await store.append('problem-p', [accepted()], ExpectedVersion.exact(1)); // elsewhere
      const decisions: Attempt[] = [];
      const result = await executeCommand(store, context, 'p', revise(cache, decisions), {
        retry: { attempts: 1, delayMs: () => 1000 },
      });
      expect(result.version).toBe(3);
      expect(decisions.map((d) => d.trustCache)).toEqual([true, false]);
    });

    it('a refusal on the store’s state stands: one fresh decision, then the error', async () => {
      const cache = states();
      await store.append('problem-p', [raised()], ExpectedVersion.noStream);
      await cache.read('problem-p');
      const decisions: Attempt[] = [];
      await expect(
        executeCommand(store, context, 'p', revise(cache, decisions), {
          retry: { attempts: 5, delayMs: () => 0 },
        }),
      ).rejects.toThrow('not accepted yet');
      expect(decisions.map((d) => d.trustCache)).toEqual([true, false]);
      expect(await store.readStream('problem-p')).toHaveLength(1);
    });
  });
});
