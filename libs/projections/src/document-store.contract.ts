import { randomUUID } from 'node:crypto';
import { CheckpointConflict, DocumentStore, supportsEncodedCommit } from './document-store.port';

/**
 * The behaviour every read-model store must have. Each test uses a fresh projection name, so
 * the store may be shared between tests.
 */
export function documentStoreContract(
  adapter: string,
  setup: () => Promise<{ documents: DocumentStore; teardown: () => Promise<void> }>,
): void {
  describe(`document store contract: ${adapter}`, () => {
    let documents: DocumentStore;
    let teardown: () => Promise<void>;
    beforeAll(async () => {
      ({ documents, teardown } = await setup());
    });
    afterAll(() => teardown());

    const fresh = (): string => `p-${randomUUID()}`;

    it('starts a projection with no checkpoint and no documents', async () => {
      const p = fresh();
      expect(await documents.checkpoint(p)).toBeNull();
      expect(await documents.list(p, 'row')).toEqual([]);
      expect(await documents.get(p, 'row', 'x')).toBeNull();
      expect(await documents.count(p, 'row')).toBe(0);
    });

    it('commits documents and the checkpoint together', async () => {
      const p = fresh();
      await documents.commit(p, null, '7', [
        { collection: 'row', key: 'a', partition: 'm1', doc: { n: 1, text: 'Año ✓' } },
        { collection: 'row', key: 'b', partition: 'm2', doc: { n: 2 } },
      ]);
      expect(await documents.checkpoint(p)).toBe('7');
      expect(await documents.get(p, 'row', 'a')).toEqual({ n: 1, text: 'Año ✓' });
      expect(await documents.list(p, 'row', 'm2')).toEqual([{ n: 2 }]);
      const loaded = await documents.load(p, [
        { collection: 'row', key: 'a' },
        { collection: 'row', key: 'zz' },
      ]);
      expect([...loaded.keys()]).toEqual(['row/a']);
    });

    it('writes the JSON text a commit carries, and takes documents as text where it keeps text', async () => {
      const p = fresh();
      // the text wins over the object (a projection gives the text it already has)
      await documents.commit(p, null, '1', [
        {
          collection: 'row',
          key: 'a',
          partition: 'm1',
          doc: { x: 1, y: 2 },
          json: '{"y":2,"x":1}',
        },
      ]);
      expect(JSON.stringify(await documents.get(p, 'row', 'a'))).toBe('{"y":2,"x":1}');
      if (!supportsEncodedCommit(documents)) return;
      await documents.commitEncoded(p, '1', '2', [
        { collection: 'row', key: 'b', partition: 'm1', json: '{"n":2,"text":"Año ✓"}' },
      ]);
      await expect(
        documents.commitEncoded(p, '1', '3', [
          { collection: 'row', key: 'c', partition: null, json: '{}' },
        ]),
      ).rejects.toBeInstanceOf(CheckpointConflict);
      expect(await documents.checkpoint(p)).toBe('2');
      expect(await documents.list(p, 'row', 'm1')).toEqual([
        { y: 2, x: 1 },
        { n: 2, text: 'Año ✓' },
      ]);
      expect(await documents.get(p, 'row', 'c')).toBeNull();
    });

    it('overwrites a document and may move it to another partition', async () => {
      const p = fresh();
      await documents.commit(p, null, '1', [
        { collection: 'row', key: 'a', partition: 'm1', doc: { v: 1 } },
      ]);
      await documents.commit(p, '1', '2', [
        { collection: 'row', key: 'a', partition: 'm2', doc: { v: 2 } },
      ]);
      expect(await documents.list(p, 'row', 'm1')).toEqual([]);
      expect(await documents.list(p, 'row', 'm2')).toEqual([{ v: 2 }]);
    });

    it('refuses a commit from a stale checkpoint and applies none of it', async () => {
      const p = fresh();
      await documents.commit(p, null, '5', [
        { collection: 'row', key: 'a', partition: null, doc: { v: 1 } },
      ]);
      await expect(
        documents.commit(p, '4', '6', [
          { collection: 'row', key: 'a', partition: null, doc: { v: 99 } },
        ]),
      ).rejects.toBeInstanceOf(CheckpointConflict);
      await expect(documents.commit(p, null, '6', [])).rejects.toBeInstanceOf(CheckpointConflict);
      expect(await documents.get(p, 'row', 'a')).toEqual({ v: 1 });
      expect(await documents.checkpoint(p)).toBe('5');
    });

    it('lets exactly one of two racing commits from the same checkpoint win', async () => {
      const p = fresh();
      await documents.commit(p, null, '1', []);
      const outcomes = await Promise.allSettled([
        documents.commit(p, '1', '2', [
          { collection: 'row', key: 'a', partition: null, doc: { by: 'first' } },
        ]),
        documents.commit(p, '1', '2', [
          { collection: 'row', key: 'a', partition: null, doc: { by: 'second' } },
        ]),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    });

    it('pages a collection in key order, within a partition', async () => {
      const p = fresh();
      const writes = Array.from({ length: 25 }, (_, i) => ({
        collection: 'entry',
        key: String(i).padStart(12, '0'),
        partition: i % 2 === 0 ? 'even' : 'odd',
        doc: { i },
      }));
      await documents.commit(p, null, '25', writes);
      const first = await documents.range(p, 'entry', { limit: 10 });
      expect(first.map((d) => d.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const next = await documents.range(p, 'entry', {
        afterKey: String(9).padStart(12, '0'),
        limit: 10,
      });
      expect(next.map((d) => d.i)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      const odd = await documents.range(p, 'entry', {
        partition: 'odd',
        afterKey: String(20).padStart(12, '0'),
        limit: 10,
      });
      expect(odd.map((d) => d.i)).toEqual([21, 23]);
      const newest = await documents.range(p, 'entry', { limit: 3, descending: true });
      expect(newest.map((d) => d.i)).toEqual([24, 23, 22]);
      const older = await documents.range(p, 'entry', {
        beforeKey: String(22).padStart(12, '0'),
        afterKey: String(17).padStart(12, '0'),
        limit: 10,
        descending: true,
      });
      expect(older.map((d) => d.i)).toEqual([21, 20, 19, 18]);
      const evenBefore = await documents.range(p, 'entry', {
        partition: 'even',
        beforeKey: String(7).padStart(12, '0'),
        limit: 2,
        descending: true,
      });
      expect(evenBefore.map((d) => d.i)).toEqual([6, 4]);
      expect(await documents.count(p, 'entry')).toBe(25);
      expect(await documents.count(p, 'entry', 'even')).toBe(13);
    });

    it('scans a collection or one partition in key order, one document at a time', async () => {
      const p = fresh();
      // more documents than a page of a store that scans by pages, written out of key order
      const n = 2_345;
      const order = Array.from({ length: n }, (_, i) => (i * 11) % n); // 11 is prime to n
      const key = (i: number) => String(i).padStart(6, '0');
      await documents.commit(
        p,
        null,
        '1',
        order.map((i) => ({
          collection: 'entry',
          key: key(i),
          partition: i % 3 === 0 ? 'three' : null,
          doc: { i },
        })),
      );
      await documents.commit(p, '1', '2', [
        { collection: 'other', key: key(0), partition: 'three', doc: { other: true } },
      ]);
      const all: number[] = [];
      await documents.scan(p, 'entry', undefined, (doc) => all.push(doc.i as number));
      expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      const three: number[] = [];
      await documents.scan(p, 'entry', 'three', (doc) => three.push(doc.i as number));
      expect(three).toEqual(all.filter((i) => i % 3 === 0));
      let none = 0;
      await documents.scan(p, 'missing', undefined, () => none++);
      await documents.scan(fresh(), 'entry', undefined, () => none++);
      expect(none).toBe(0);
    });

    it('resets one projection without touching another', async () => {
      const p = fresh();
      const q = fresh();
      await documents.commit(p, null, '3', [
        { collection: 'row', key: 'a', partition: null, doc: { v: 1 } },
      ]);
      await documents.commit(q, null, '3', [
        { collection: 'row', key: 'a', partition: null, doc: { v: 2 } },
      ]);
      await documents.reset(p);
      expect(await documents.checkpoint(p)).toBeNull();
      expect(await documents.get(p, 'row', 'a')).toBeNull();
      expect(await documents.get(q, 'row', 'a')).toEqual({ v: 2 });
    });
  });
}
