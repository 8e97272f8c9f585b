import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../event-store.contract';
import {
  ConcurrencyError,
  DuplicateEventError,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
} from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import {
  EsdbTestServer,
  esdbTestTarget,
  startEsdbTestServer,
  warnEsdbSkipped,
} from './testing/esdb-test-server';

const target = esdbTestTarget();

if (target.kind === 'none') {
  warnEsdbSkipped('the EventStoreDB adapter suite (libs/event-store/src/esdb)', target.reason);
  describe.skip('event store contract: EventStoreDB', () => {
    it('runs against a real EventStoreDB only', () => undefined);
  });
} else {
  let server: Promise<EsdbTestServer>;
  beforeAll(async () => {
    server = startEsdbTestServer(target);
    console.info(`EventStoreDB suite runs against ${(await server).description}`);
  }, 300_000);
  afterAll(async () => {
    await (await server).stop();
  }, 60_000);

  const open = async (): Promise<EsdbEventStore> =>
    EsdbEventStore.connect({ connectionString: (await server).connectionString });

  eventStoreContract('EventStoreDB', async () => {
    const store = await open();
    return { store, teardown: () => store.close() };
  });

  describe('EventStoreDB specifics', () => {
    let store: EsdbEventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(() => store.close());

    const streamId = (): string => `problem-${randomUUID()}`;

    it("reports the stream's actual version in a conflict", async () => {
      const id = streamId();
      await store.append(id, [event('A'), event('B')], ExpectedVersion.noStream);
      const conflict = await store
        .append(id, [event('C')], ExpectedVersion.exact(1))
        .catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(ConcurrencyError);
      expect((conflict as ConcurrencyError).actual).toBe(2);
    });

    it('answers a retried command (same ids) with DuplicateEventError, not a second write', async () => {
      const id = streamId();
      const commandId = randomUUID();
      const sent = [event('A', commandId), event('B', commandId)];
      await store.append(id, sent, ExpectedVersion.noStream);
      await expect(store.append(id, sent, ExpectedVersion.exact(2))).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      await expect(store.append(id, sent, ExpectedVersion.any)).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it("turns the server's idempotent no-op for two racing identical appends into a refusal", async () => {
      const id = streamId();
      const commandId = randomUUID();
      const sent = [event('A', commandId)];
      const outcomes = await Promise.allSettled([
        store.append(id, sent, ExpectedVersion.noStream),
        store.append(id, sent, ExpectedVersion.noStream),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      // DuplicateEventError when the server saw the repeat as idempotent (the usual case);
      // ConcurrencyError when it checked the revision first: either way nothing was appended
      expect(
        lost[0].reason instanceof DuplicateEventError || lost[0].reason instanceof ConcurrencyError,
      ).toBe(true);
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('keeps a command id to the stream it first wrote to', async () => {
      const commandId = randomUUID();
      const first = streamId();
      await store.append(first, [event('A', commandId)], ExpectedVersion.noStream);
      const other = streamId();
      await expect(
        store.append(other, [event('B', commandId)], ExpectedVersion.noStream),
      ).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream(other)).toEqual([]);
      expect((await store.findByCommandId(commandId)).map((e) => e.streamId)).toEqual([first]);
    });

    it('leaves streams that are not ours out of the global log', async () => {
      const start = await readToEnd(store, null);
      const foreign = `foreign-${randomUUID()}`;
      const ours = streamId();
      await store.append(foreign, [event('Elsewhere')], ExpectedVersion.noStream);
      await store.append(ours, [event('Here')], ExpectedVersion.noStream);
      const page = await store.readAll(start, 1000);
      expect(page.events.map((e) => e.streamId)).not.toContain(foreign);
      expect(page.events.some((e) => e.streamId.startsWith('mesas_command-'))).toBe(false);
      expect(page.events.map((e) => e.streamId)).toContain(ours);
      expect(page.checkpoint).toMatch(/^\d+\/\d+$/);
    });

    it("wakes another process's listeners through its live subscription", async () => {
      const other = await open();
      try {
        let woken = false;
        const off = other.onAppended(() => {
          woken = true;
        });
        // the subscription opens asynchronously: append until it has seen one (bounded)
        for (let attempt = 0; attempt < 20 && !woken; attempt++) {
          await store.append(streamId(), [event('Ping')], ExpectedVersion.noStream);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        off();
        expect(woken).toBe(true);
      } finally {
        await other.close();
      }
    });
  });
}

async function readToEnd(
  store: EsdbEventStore,
  from: LogCheckpoint | null,
): Promise<LogCheckpoint | null> {
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}

function event(type: string, commandId: string = randomUUID()): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2015-09-30T15:00:00.000Z',
    data: { type },
    metadata: {
      actor: 'coordinator:test',
      correlationId: randomUUID(),
      causationId: null,
      commandId,
    },
  };
}
