import { randomUUID } from 'node:crypto';
import {
  TestSchema,
  createTestSchema,
  describeWithPostgres,
} from '../../../../test/support/postgres';
import { documentStoreContract } from '../document-store.contract';
import { CheckpointConflict } from '../document-store.port';
import { PostgresDocumentStore } from './postgres-document-store';

describeWithPostgres('PostgreSQL document store', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(() => schema.drop());

  const open = (): Promise<PostgresDocumentStore> =>
    PostgresDocumentStore.open({ connectionString: schema.url, schema: schema.schema });

  documentStoreContract('PostgreSQL', async () => {
    const documents = await open();
    return { documents, teardown: () => documents.close() };
  });

  describe('rebuild beside the live generation', () => {
    let documents: PostgresDocumentStore;
    beforeAll(async () => {
      documents = await open();
    });
    afterAll(() => documents.close());

    const row = (key: string, v: number) => ({
      collection: 'row',
      key,
      partition: 'm1',
      doc: { v },
    });

    it('keeps serving the live documents while a rebuild fills a new generation, then swaps', async () => {
      const p = `p-${randomUUID()}`;
      await documents.commit(p, null, '1:10', [row('a', 1), row('b', 1)]);

      const shadow = await documents.prepareRebuild(p);
      expect(await shadow.documents.checkpoint(p)).toBeNull();
      await shadow.documents.commit(p, null, '1:5', [row('a', 2)]);
      // readers still see the live generation, whole
      expect(await documents.list(p, 'row', 'm1')).toEqual([{ v: 1 }, { v: 1 }]);
      expect(await documents.checkpoint(p)).toBe('1:10');
      expect(await shadow.documents.list(p, 'row')).toEqual([{ v: 2 }]);
      // the live runner goes on meanwhile
      await documents.commit(p, '1:10', '1:11', [row('c', 1)]);

      await shadow.activate();
      expect(await documents.checkpoint(p)).toBe('1:5');
      expect(await documents.list(p, 'row')).toEqual([{ v: 2 }]);
      expect(await documents.count(p, 'row')).toBe(1);
      // the runner that was live finds its checkpoint gone and must reload (compare-and-set)
      await expect(documents.commit(p, '1:11', '1:12', [row('z', 9)])).rejects.toBeInstanceOf(
        CheckpointConflict,
      );
      await documents.commit(p, '1:5', '1:6', [row('b', 2)]);
      expect(await documents.list(p, 'row')).toEqual([{ v: 2 }, { v: 2 }]);
    });

    it('leaves the live generation untouched when a rebuild is discarded', async () => {
      const p = `p-${randomUUID()}`;
      await documents.commit(p, null, '1:1', [row('a', 1)]);
      const shadow = await documents.prepareRebuild(p);
      await shadow.documents.commit(p, null, '1:1', [row('a', 7)]);
      await shadow.discard();
      expect(await documents.get(p, 'row', 'a')).toEqual({ v: 1 });
      const again = await documents.prepareRebuild(p);
      expect(await again.documents.get(p, 'row', 'a')).toBeNull();
      await again.discard();
    });

    it('serves a whole generation to readers racing the swap', async () => {
      const p = `p-${randomUUID()}`;
      const many = (v: number) =>
        Array.from({ length: 200 }, (_, i) => row(String(i).padStart(4, '0'), v));
      await documents.commit(p, null, '1:1', many(1));
      const shadow = await documents.prepareRebuild(p);
      await shadow.documents.commit(p, null, '1:2', many(2));
      const reads = Array.from({ length: 20 }, () => documents.list(p, 'row'));
      await shadow.activate();
      for (const docs of await Promise.all(reads)) {
        expect(docs).toHaveLength(200);
        expect(new Set(docs.map((d) => d.v)).size).toBe(1);
      }
    });

    it('hands out one lease per projection across store instances', async () => {
      const other = await open();
      try {
        const p = `p-${randomUUID()}`;
        const mine = documents.leaseFor(p);
        const theirs = other.leaseFor(p);
        expect(await mine?.acquire()).toBe(true);
        expect(await mine?.acquire()).toBe(true);
        expect(await theirs?.acquire()).toBe(false);
        await mine?.release();
        expect(await theirs?.acquire()).toBe(true);
        await theirs?.release();
        // a rebuild's generation is written by the rebuild alone: no lease
        const shadow = await documents.prepareRebuild(p);
        expect((shadow.documents as PostgresDocumentStore).leaseFor(p)).toBeNull();
        await shadow.discard();
      } finally {
        await other.close();
      }
    });
  });
});
