import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStore,
  ExpectedVersion,
  NewEvent,
  PostgresEventStore,
  SqliteEventStore,
} from '@mesas/event-store';
import { rootFromLeafHashes, verifyConsistency, verifyInclusion } from '@mesas/transparency';
import {
  TestSchema,
  createTestSchema,
  describeWithPostgres,
} from '../../../../test/support/postgres';
import type { DocumentStore } from '../document-store.port';
import { ProjectionRunner } from '../projection';
import { PostgresDocumentStore } from '../postgres/postgres-document-store';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store';
import type { HistoryEntryDoc } from './history-entry';
import { historyProjection } from './history.projection';
import {
  HISTORY,
  historyConsistencyProof,
  historyEntries,
  historyInclusionProof,
  historyTree,
} from './history.queries';

interface Stores {
  events: EventStore;
  documents: DocumentStore;
  close(): Promise<void>;
}

const MESAS = 6;
const PROBLEMS_PER_MESA = 12;
const EVENTS_PER_PROBLEM = 8;

function event(type: string, data: NewEvent['data'], sessionId?: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    data,
    metadata: {
      actor: 't',
      correlationId: 'c',
      causationId: null,
      commandId: randomUUID(),
      ...(sessionId ? { sessionId } : {}),
    },
  };
}

/** A few mesas, each with problems, several events each: ~600 events over many streams. */
async function fill(store: EventStore): Promise<number> {
  let n = 0;
  for (let m = 0; m < MESAS; m++) {
    const mesaId = `m-${randomUUID().slice(0, 8)}`;
    await store.append(
      `mesa-${mesaId}`,
      [
        event('MesaProposed', {
          mesaId,
          name: `Mesa ${m}`,
          kind: 'sector',
          scope: 's',
          level: 'national',
          region: null,
          convener: 'PRODUCE',
          cadenceDays: 14,
        }),
      ],
      ExpectedVersion.noStream,
    );
    n++;
    for (let p = 0; p < PROBLEMS_PER_MESA; p++) {
      const problemId = `${mesaId}-p${p}`;
      const stream = `problem-${problemId}`;
      const events = [
        event('ProblemRaised', {
          mesaId,
          problemId,
          title: `Problema ${p}`,
          description: null,
          barrier: 'red_tape',
          raisedBy: 'x',
        }),
      ];
      for (let k = 1; k < EVENTS_PER_PROBLEM; k++) {
        events.push(
          event(
            'ProblemPrioritized',
            { mesaId, problemId, rank: k },
            k % 3 === 0 ? 's1' : undefined,
          ),
        );
      }
      await store.append(stream, events, ExpectedVersion.noStream);
      n += events.length;
    }
  }
  return n;
}

async function project(stores: Stores, total: number, batchSize: number): Promise<void> {
  const runner = new ProjectionRunner(historyProjection, stores.events, stores.documents, {
    batchSize,
    pollMs: 20,
    lease: null,
  });
  runner.start();
  try {
    const deadline = Date.now() + 30_000;
    while ((await historyTree(stores.documents)).treeSize < total) {
      if (Date.now() > deadline) throw new Error('the history projection did not catch up');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await runner.stop();
  }
}

async function entries(documents: DocumentStore): Promise<HistoryEntryDoc[]> {
  const all: HistoryEntryDoc[] = [];
  for await (const e of historyEntries(documents)) all.push(e);
  return all;
}

function suite(open: () => Promise<Stores>): void {
  let stores: Stores;
  beforeAll(async () => {
    stores = await open();
  });
  afterAll(() => stores.close());

  it('projects the whole log into entries and a tree whose proofs verify, and rebuilds to the same root', async () => {
    const total = await fill(stores.events);
    await project(stores, total, 97);
    const all = await entries(stores.documents);
    expect(all.map((e) => e.index)).toEqual(all.map((_, i) => i));
    const hashes = all.map((e) => e.leafHash);
    const head = await historyTree(stores.documents);
    expect(head).toEqual({ treeSize: total, rootHash: rootFromLeafHashes(hashes) });
    expect(all.filter((e) => e.sessionId === 's1').length).toBeGreaterThan(0);

    for (const index of [0, 1, 255, 256, total - 1]) {
      const proof = await historyInclusionProof(stores.documents, index, total);
      expect(verifyInclusion(proof, head.rootHash)).toBe(true);
    }
    for (const first of [1, 100, 256, total - 1]) {
      const proof = await historyConsistencyProof(stores.documents, first, total);
      expect(
        verifyConsistency(proof, rootFromLeafHashes(hashes.slice(0, first)), head.rootHash),
      ).toBe(true);
    }

    await stores.documents.reset(HISTORY);
    expect((await historyTree(stores.documents)).treeSize).toBe(0);
    await project(stores, total, 500);
    expect(await historyTree(stores.documents)).toEqual(head);
    expect((await entries(stores.documents)).map((e) => e.leafHash)).toEqual(hashes);
  });
}

describe('the history projection on SQLite', () => {
  suite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesas-history-int-'));
    const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
    return {
      events,
      documents,
      async close() {
        await documents.close();
        await events.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describeWithPostgres('the history projection on PostgreSQL', () => {
  suite(async () => {
    const schema: TestSchema = await createTestSchema('mesas_history');
    const connection = { connectionString: schema.url, schema: schema.schema };
    const events = await PostgresEventStore.open(connection);
    const documents = await PostgresDocumentStore.open(connection);
    return {
      events,
      documents,
      async close() {
        await documents.close();
        await events.close();
        await schema.drop();
      },
    };
  });
});
