import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  DuplicateEventError,
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  StoredEvent,
} from './event-store.port';
import { eventStoreModelProperty } from './event-store.model.contract';

/**
 * The behaviour every adapter of the port must have. Each adapter's int spec calls this with a
 * factory; the store may be shared between tests, so every test owns fresh stream ids and reads
 * the global log only from the head it found when it started.
 */
export function eventStoreContract(
  adapter: string,
  setup: () => Promise<{ store: EventStore; teardown: () => Promise<void> }>,
): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;

    beforeAll(async () => {
      ({ store, teardown } = await setup());
    });
    afterAll(async () => {
      await teardown();
    });

    const streamId = (): string => `problem-${randomUUID()}`;

    it('appends to a new stream and reads it back with the full envelope', async () => {
      const id = streamId();
      const sent = [
        event('ProblemRaised', { title: 'Ley forestal sin reglamento' }),
        event('ProblemClassified'),
      ];
      const result = await store.append(id, sent, ExpectedVersion.noStream);
      expect(result.streamVersion).toBe(2);
      const read = await store.readStream(id);
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2]);
      expect(read.map((e) => e.eventId)).toEqual(sent.map((e) => e.eventId));
      expect(read[0]).toMatchObject({
        streamId: id,
        type: 'ProblemRaised',
        schemaVersion: 1,
        occurredAt: sent[0].occurredAt,
        data: { title: 'Ley forestal sin reglamento' },
        metadata: sent[0].metadata,
      });
      expect(Date.parse(read[0].recordedAt)).not.toBeNaN();
      expect(read[1].globalPosition > read[0].globalPosition).toBe(true);
      expect(result.events.map((e) => e.globalPosition)).toEqual(read.map((e) => e.globalPosition));
    });

    it('keeps data exactly: unicode, nesting, numbers, nulls', async () => {
      const id = streamId();
      const data = {
        texto: 'Región Ucayali — años 2014–2017 ✓',
        n: 12.5,
        big: 200000000,
        list: [1, 'a', null],
        deep: { a: { b: false } },
      };
      await store.append(id, [event('ImpactRecorded', data)], ExpectedVersion.noStream);
      expect((await store.readStream(id))[0].data).toEqual(data);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await store.readStream(streamId())).toEqual([]);
    });

    it('reads a stream after a version: only the newer events, as readStream has them', async () => {
      // optional in the port: adapters without it are read whole by their callers
      if (!store.readStreamAfter) return;
      const id = streamId();
      await store.append(id, [event('A'), event('B')], ExpectedVersion.noStream);
      await store.append(id, [event('C')], ExpectedVersion.exact(2));
      const whole = await store.readStream(id);
      expect(await store.readStreamAfter(id, 0)).toEqual(whole);
      expect(await store.readStreamAfter(id, 1)).toEqual(whole.slice(1));
      expect((await store.readStreamAfter(id, 2)).map((e) => e.type)).toEqual(['C']);
      expect(await store.readStreamAfter(id, 3)).toEqual([]);
      expect(await store.readStreamAfter(streamId(), 0)).toEqual([]);
    });

    it('refuses "no stream" when the stream exists', async () => {
      const id = streamId();
      await store.append(id, [event('A')], ExpectedVersion.noStream);
      await expect(store.append(id, [event('B')], ExpectedVersion.noStream)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('refuses "stream exists" when it does not, and accepts it when it does', async () => {
      const id = streamId();
      await expect(
        store.append(id, [event('A')], ExpectedVersion.streamExists),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(id, [event('A')], ExpectedVersion.noStream);
      const result = await store.append(id, [event('B')], ExpectedVersion.streamExists);
      expect(result.streamVersion).toBe(2);
    });

    it('appends at an exact version and refuses a stale one', async () => {
      const id = streamId();
      await store.append(id, [event('A'), event('B')], ExpectedVersion.noStream);
      await expect(store.append(id, [event('C')], ExpectedVersion.exact(1))).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(store.append(id, [event('C')], ExpectedVersion.exact(3))).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      const ok = await store.append(id, [event('C')], ExpectedVersion.exact(2));
      expect(ok.streamVersion).toBe(3);
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('appends with "any" whatever the version', async () => {
      const id = streamId();
      await store.append(id, [event('A')], ExpectedVersion.any);
      const result = await store.append(id, [event('B')], ExpectedVersion.any);
      expect(result.streamVersion).toBe(2);
    });

    it('lets exactly one of many racing appends at the same version win', async () => {
      const id = streamId();
      await store.append(id, [event('A')], ExpectedVersion.noStream);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.append(id, [event(`Racer${i}`)], ExpectedVersion.exact(1)),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.every((o) => o.reason instanceof ConcurrencyError)).toBe(true);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('lets exactly one of many racing creators of a stream win', async () => {
      const id = streamId();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.append(id, [event('A')], ExpectedVersion.noStream)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('refuses a duplicate event id and appends nothing of that command', async () => {
      const id = streamId();
      const first = event('A');
      await store.append(id, [first], ExpectedVersion.noStream);
      const other = streamId();
      await expect(
        store.append(other, [event('B'), { ...first }], ExpectedVersion.noStream),
      ).rejects.toThrow(DuplicateEventError);
      expect(await store.readStream(other)).toEqual([]);
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('reads the global log from a checkpoint, in pages, each event once', async () => {
      const start = await readToEnd(store, null);
      const ids = [streamId(), streamId(), streamId()];
      for (let round = 0; round < 3; round++) {
        for (const id of ids) {
          await store.append(
            id,
            [event(`R${round}`)],
            round === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(round),
          );
        }
      }
      const seen: StoredEvent[] = [];
      let checkpoint = start;
      for (;;) {
        const page = await store.readAll(checkpoint, 4);
        if (page.events.length === 0) {
          expect(page.checkpoint).toBe(checkpoint);
          break;
        }
        expect(page.events.length).toBeLessThanOrEqual(4);
        seen.push(...page.events);
        checkpoint = page.checkpoint;
      }
      const ours = seen.filter((e) => ids.includes(e.streamId));
      expect(ours).toHaveLength(9);
      expect(new Set(ours.map((e) => e.eventId)).size).toBe(9);
      const positions = seen.map((e) => e.globalPosition);
      expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
      for (const id of ids) {
        expect(ours.filter((e) => e.streamId === id).map((e) => e.type)).toEqual([
          'R0',
          'R1',
          'R2',
        ]);
      }
      expect(await store.covers(checkpoint, ours[ours.length - 1].globalPosition)).toBe(true);
      expect(await store.covers(checkpoint, store.positionOf(checkpoint))).toBe(true);
      expect(store.positionOf(checkpoint)).toBe(seen[seen.length - 1].globalPosition);
      expect(store.positionOf(null)).toBe(0n);
      expect(await store.covers(start, ours[0].globalPosition)).toBe(false);
      expect(await store.lagOf(checkpoint)).toBe(0);
      expect(await store.lagOf(start)).toBeGreaterThanOrEqual(9);
    });

    it('sees every event of many concurrent writers exactly once', async () => {
      const start = await readToEnd(store, null);
      const ids = Array.from({ length: 10 }, streamId);
      await Promise.all(
        ids.map(async (id) => {
          for (let v = 0; v < 5; v++)
            await store.append(id, [event(`E${v}`)], ExpectedVersion.exact(v));
        }),
      );
      const seen: StoredEvent[] = [];
      let checkpoint = start;
      for (;;) {
        const page = await store.readAll(checkpoint, 7);
        if (page.events.length === 0) break;
        seen.push(...page.events);
        checkpoint = page.checkpoint;
      }
      const ours = seen.filter((e) => ids.includes(e.streamId));
      expect(ours).toHaveLength(50);
      expect(new Set(ours.map((e) => e.eventId)).size).toBe(50);
      for (const id of ids) {
        expect(ours.filter((e) => e.streamId === id).map((e) => e.streamVersion)).toEqual([
          1, 2, 3, 4, 5,
        ]);
      }
    });

    it('finds the events of one command by its id', async () => {
      const id = streamId();
      const commandId = randomUUID();
      await store.append(
        id,
        [event('A', {}, commandId), event('B', {}, commandId)],
        ExpectedVersion.noStream,
      );
      const found = await store.findByCommandId(commandId);
      expect(found.map((e) => e.type)).toEqual(['A', 'B']);
      expect(await store.findByCommandId(randomUUID())).toEqual([]);
    });

    it('gives each of many concurrent appends its own outcome, none touching another', async () => {
      // sent together, these may share one transaction (group commit): a conflict or a
      // duplicate id must fail that append alone, and every other one must commit whole
      const [a, b, c, d, e] = [streamId(), streamId(), streamId(), streamId(), streamId()];
      await store.append(b, [event('Existing')], ExpectedVersion.noStream);
      const stored = event('Stored');
      await store.append(e, [stored], ExpectedVersion.noStream);
      const outcomes = await Promise.allSettled([
        store.append(a, [event('A'), event('A2')], ExpectedVersion.noStream),
        store.append(b, [event('Stale')], ExpectedVersion.noStream),
        store.append(c, [event('C'), { ...stored }], ExpectedVersion.noStream),
        store.append(d, [event('D')], ExpectedVersion.any),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
      expect((await store.readStream(a)).map((e) => e.type)).toEqual(['A', 'A2']);
      expect((await store.readStream(b)).map((e) => e.type)).toEqual(['Existing']);
      expect(await store.readStream(c)).toEqual([]);
      expect((await store.readStream(d)).map((e) => e.type)).toEqual(['D']);
    });

    it('signals appends to listeners', async () => {
      let signals = 0;
      const unsubscribe = store.onAppended(() => signals++);
      const woken = new Promise<void>((resolve) => {
        const off = store.onAppended(() => {
          off();
          resolve();
        });
      });
      await store.append(streamId(), [event('A')], ExpectedVersion.noStream);
      await woken;
      unsubscribe();
      expect(signals).toBeGreaterThanOrEqual(1);
    });

    eventStoreModelProperty(() => store);
  });
}

async function readToEnd(
  store: EventStore,
  from: LogCheckpoint | null,
): Promise<LogCheckpoint | null> {
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}

function event(
  type: string,
  data: Record<string, unknown> = {},
  commandId: string = randomUUID(),
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2015-09-30T15:00:00.000Z',
    data: data as NewEvent['data'],
    metadata: {
      actor: 'coordinator:test',
      correlationId: randomUUID(),
      causationId: null,
      commandId,
    },
  };
}
