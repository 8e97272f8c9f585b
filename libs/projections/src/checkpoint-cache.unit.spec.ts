import { CheckpointCachedReader } from './checkpoint-cache';
import type { Doc, DocumentStore } from './document-store.port';

/** A store whose checkpoint and documents the test moves by hand, counting the lists. */
function fakeStore() {
  const state = {
    checkpoint: '1' as string | null,
    docs: [{ n: 1 }] as Doc[],
    lists: 0,
    scans: 0,
  };
  const store = {
    checkpoint: async () => state.checkpoint,
    list: async () => {
      state.lists++;
      return state.docs.map((d) => ({ ...d }));
    },
    scan: async (
      _p: string,
      _c: string,
      _partition: string | undefined,
      visit: (d: Doc) => void,
    ) => {
      state.scans++;
      for (const d of state.docs) visit({ ...d });
    },
    get: async () => null,
  } as unknown as DocumentStore;
  return { state, store };
}

describe('CheckpointCachedReader', () => {
  it('lists once while the projection checkpoint stays where it was', async () => {
    const { state, store } = fakeStore();
    const reader = new CheckpointCachedReader(store);
    const first = await reader.list('analytics', 'problem');
    const second = await reader.list('analytics', 'problem');
    expect(second).toBe(first);
    expect(state.lists).toBe(1);
  });

  it('reads again as soon as the checkpoint moves, and sees the new documents', async () => {
    const { state, store } = fakeStore();
    const reader = new CheckpointCachedReader(store);
    await reader.list('analytics', 'problem');
    state.checkpoint = '2';
    state.docs = [{ n: 1 }, { n: 2 }];
    expect(await reader.list('analytics', 'problem')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(state.lists).toBe(2);
  });

  it('keeps partitions apart and forgets the least recently used beyond its size', async () => {
    const { state, store } = fakeStore();
    const reader = new CheckpointCachedReader(store, 2);
    await reader.list('analytics', 'problem', 'forestal');
    await reader.list('analytics', 'problem', 'acuicola');
    await reader.list('analytics', 'problem', 'forestal'); // hit, now most recent
    await reader.list('analytics', 'problem', 'textil'); // evicts acuicola
    expect(state.lists).toBe(3);
    await reader.list('analytics', 'problem', 'forestal');
    expect(state.lists).toBe(3);
    await reader.list('analytics', 'problem', 'acuicola');
    expect(state.lists).toBe(4);
  });

  it('keeps at most maxDocs documents in all, and never a list longer than that', async () => {
    const { state, store } = fakeStore();
    state.docs = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const reader = new CheckpointCachedReader(store, 8, 5);
    await reader.list('analytics', 'problem', 'forestal');
    await reader.list('analytics', 'problem', 'acuicola'); // 6 > 5: evicts forestal
    expect(reader.documentsHeld).toBe(3);
    await reader.list('analytics', 'problem', 'acuicola');
    expect(state.lists).toBe(2);
    await reader.list('analytics', 'problem', 'forestal');
    expect(state.lists).toBe(3);
    state.docs = Array.from({ length: 6 }, (_, n) => ({ n }));
    state.checkpoint = '2';
    expect(await reader.list('analytics', 'task')).toHaveLength(6);
    await reader.list('analytics', 'task');
    expect(state.lists).toBe(5);
    expect(reader.documentsHeld).toBeLessThanOrEqual(5);
  });

  it('scans from memory while the checkpoint stays, and keeps what a scan read if it is small', async () => {
    const { state, store } = fakeStore();
    state.docs = [{ n: 1 }, { n: 2 }];
    const reader = new CheckpointCachedReader(store, 8, 3);
    const seen = async (partition?: string) => {
      const docs: Doc[] = [];
      await reader.scan('analytics', 'problem', partition, (d) => docs.push(d));
      return docs;
    };
    expect(await seen()).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await seen()).toEqual([{ n: 1 }, { n: 2 }]);
    expect(state.scans).toBe(1);
    // a list of the same collection is the kept one
    await reader.list('analytics', 'problem');
    expect(state.lists).toBe(0);
    state.checkpoint = '2';
    state.docs = [{ n: 3 }];
    expect(await seen()).toEqual([{ n: 3 }]);
    expect(state.scans).toBe(2);
    expect(await seen('forestal')).toEqual([{ n: 3 }]);
    expect(state.scans).toBe(3);
  });

  it('hands over every document of a collection too large to keep, and keeps none of it', async () => {
    const { state, store } = fakeStore();
    state.docs = Array.from({ length: 6 }, (_, n) => ({ n }));
    const reader = new CheckpointCachedReader(store, 8, 5);
    for (let i = 0; i < 2; i++) {
      const docs: Doc[] = [];
      await reader.scan('analytics', 'task', undefined, (d) => docs.push(d));
      expect(docs).toEqual(state.docs);
    }
    expect(state.scans).toBe(2);
    expect(reader.documentsHeld).toBe(0);
  });
});
