import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../event-store.contract';
import { ExpectedVersion, NewEvent } from '../event-store.port';
import { SqliteEventStore, SqliteLogReader } from './sqlite-event-store';

eventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesas-es-'));
  const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  return {
    store,
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite group commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-es-group-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (type: string): NewEvent => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2016-03-01T15:00:00.000Z',
    data: {},
    metadata: {
      actor: 'test',
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  });

  it('runs the appends of one group in arrival order, each seeing the ones before it', async () => {
    const outcomes = await Promise.allSettled([
      store.append('problem-g', [event('A')], ExpectedVersion.noStream),
      store.append('problem-g', [event('B')], ExpectedVersion.exact(1)),
      store.append('problem-g', [event('Stale')], ExpectedVersion.exact(1)),
      store.append('problem-g', [event('C')], ExpectedVersion.exact(2)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((await store.readStream('problem-g')).map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('gives positions in arrival order across the streams of a group', async () => {
    const results = await Promise.all(
      ['x', 'y', 'z'].map((s) => store.append(`problem-${s}`, [event(s)], ExpectedVersion.any)),
    );
    const positions = results.map((r) => r.events[0].globalPosition);
    expect(positions).toEqual([...positions].sort((p, q) => (p < q ? -1 : 1)));
    expect(new Set(positions).size).toBe(3);
  });

  it('numbers the log without gaps, refused appends and duplicate ids included, so the lag is exact', async () => {
    const duplicate = event('Dup');
    await Promise.allSettled([
      store.append('problem-n', [event('A'), event('B')], ExpectedVersion.noStream),
      store.append('problem-n', [event('Stale')], ExpectedVersion.noStream),
      store.append('problem-m', [duplicate], ExpectedVersion.any),
      store.append('problem-m', [duplicate], ExpectedVersion.any),
      store.append('problem-n', [event('C')], ExpectedVersion.exact(2)),
    ]);
    await expect(
      store.append('problem-n', [event('Late')], ExpectedVersion.exact(1)),
    ).rejects.toThrow();
    await store.append('problem-o', [event('D')], ExpectedVersion.noStream);
    const { events } = await store.readAll(null, 100);
    expect(events.map((e) => Number(e.globalPosition))).toEqual([1, 2, 3, 4, 5]);
    expect(await store.lagOf(null)).toBe(5);
    for (let read = 1; read <= 5; read++) {
      const { checkpoint } = await store.readAll(null, read);
      expect(await store.lagOf(checkpoint)).toBe(5 - read);
    }
  });

  it('writes what was accepted before closing', async () => {
    const accepted = store.append('problem-late', [event('Late')], ExpectedVersion.noStream);
    await store.close();
    await expect(accepted).resolves.toMatchObject({ streamVersion: 1 });
    const reopened = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    expect(await reopened.readStream('problem-late')).toHaveLength(1);
    await reopened.close();
  });
});

describe('SqliteLogReader (the log read from another connection)', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-es-reader-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const event = (n: number, sessionId?: string): NewEvent => ({
      eventId: randomUUID(),
      type: 'ProblemRaised',
      schemaVersion: 1,
      occurredAt: '2016-03-01T15:00:00.000Z',
      data: { n, text: 'línea\n«dos»' },
      metadata: {
        actor: 'test',
        correlationId: `c-${n}`,
        causationId: null,
        commandId: `k-${n}`,
        ...(sessionId ? { sessionId } : {}),
      },
    });
    await store.append('s-1', [event(1), event(2, 'ses-1')], ExpectedVersion.noStream);
    await store.append('s-2', [event(3), event(4, 'ses-2'), event(5)], ExpectedVersion.noStream);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the pages readAll reads, from the same checkpoints', async () => {
    const threadLog = store.threadLog();
    expect(threadLog).toEqual({
      kind: 'sqlite',
      filename: join(dir, 'events.sqlite'),
      upcasters: null,
    });
    const reader = new SqliteLogReader(threadLog!.filename);
    try {
      for (const [after, limit] of [
        [null, 10],
        [null, 2],
        ['2', 2],
        ['4', 10],
        ['5', 10],
      ] as const) {
        expect(reader.readAll(after, limit)).toEqual(await store.readAll(after, limit));
      }
    } finally {
      reader.close();
    }
  });

  it('keeps only the metadata members it is asked for', async () => {
    const reader = new SqliteLogReader(join(dir, 'events.sqlite'), { metadata: ['sessionId'] });
    try {
      const all = await store.readAll(null, 10);
      const page = reader.readAll(null, 10);
      expect(page.events.map((e) => e.metadata)).toEqual([
        {},
        { sessionId: 'ses-1' },
        {},
        { sessionId: 'ses-2' },
        {},
      ]);
      expect(page.events.map(({ metadata: _m, ...rest }) => rest)).toEqual(
        all.events.map(({ metadata: _m, ...rest }) => rest),
      );
    } finally {
      reader.close();
    }
  });

  it('is not offered by a store in memory', () => {
    expect(new SqliteEventStore({ filename: ':memory:' }).threadLog()).toBeNull();
  });
});
