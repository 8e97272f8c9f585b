import type { LogCheckpoint } from '@mesas/event-store';
import {
  CheckpointConflict,
  Doc,
  DocWrite,
  EncodedCommitSupport,
  EncodedWrite,
} from './document-store.port';
import { MemoryDocumentStore } from './history/testing/memory-document-store';
import { WriteBehindDocuments } from './write-behind-documents';

/**
 * A target whose writes finish only when the test says so (or fail when it says so), to see
 * what the rebuild's documents look like while a write is under way. With `encoded`, it takes
 * documents as JSON text, as the SQLite and PostgreSQL stores do.
 */
class HeldTarget extends MemoryDocumentStore {
  readonly started: { writes: readonly (DocWrite | EncodedWrite)[]; to: LogCheckpoint | null }[] =
    [];
  private pending: { resolve(): void; reject(e: Error): void; run(): Promise<void> }[] = [];

  override commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void> {
    this.started.push({ writes, to });
    return new Promise((resolve, reject) => {
      this.pending.push({
        resolve,
        reject,
        run: () => super.commit(projection, from, to, writes),
      });
    });
  }

  /** Lets the oldest write under way through (it commits), or fails it. */
  async finish(error?: Error): Promise<void> {
    const next = this.pending.shift();
    if (!next) throw new Error('no write under way');
    if (error) return next.reject(error);
    await next.run();
    next.resolve();
  }

  get underWay(): number {
    return this.pending.length;
  }
}

class EncodedHeldTarget extends HeldTarget implements EncodedCommitSupport {
  commitEncoded(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): Promise<void> {
    const decoded = writes.map((w): DocWrite => ({ ...w, doc: JSON.parse(w.json) as Doc }));
    return this.commit(projection, from, to, decoded).then(() => {
      this.texts.push(...writes.map((w) => w.json));
    });
  }

  /** the JSON text of every document written, as it was handed over */
  readonly texts: string[] = [];
}

const write = (key: string, doc: Doc, json?: string): DocWrite => ({
  collection: 'c',
  key,
  partition: null,
  doc,
  ...(json !== undefined ? { json } : {}),
});

/** Lets the microtasks queued by a commit run (the write it starts is not awaited). */
const settle = () => new Promise((r) => setImmediate(r));

describe.each([
  ['documents', () => new HeldTarget()],
  ['JSON text', () => new EncodedHeldTarget()],
])('WriteBehindDocuments over a target that takes %s', (_, makeTarget) => {
  it('folds on while a write is under way, and reads what it holds', async () => {
    const target = makeTarget();
    const held = new WriteBehindDocuments(target, 'p', { maxDirty: 2 });
    await held.checkpoint('p');
    await held.commit('p', null, '1', [write('a', { n: 1 }), write('b', { n: 1 })]);
    await settle();
    expect(target.underWay).toBe(1);
    // the batch after it is taken without waiting, and both are readable
    await held.commit('p', '1', '2', [write('c', { n: 2 })]);
    const docs = await held.load('p', [
      { collection: 'c', key: 'a' },
      { collection: 'c', key: 'c' },
      { collection: 'c', key: 'z' },
    ]);
    expect(Object.fromEntries(docs)).toEqual({ 'c/a': { n: 1 }, 'c/c': { n: 2 } });
    expect(await target.checkpoint('p')).toBeNull();

    await target.finish();
    expect(await target.checkpoint('p')).toBe('1');
    // the next write waits for nothing more, and carries everything since the first
    const flushed = held.flush();
    await settle();
    await target.finish();
    await flushed;
    expect(await target.checkpoint('p')).toBe('2');
    expect(await target.get('p', 'c', 'c')).toEqual({ n: 2 });
  });

  it('starts a write only once the one before has succeeded', async () => {
    const target = makeTarget();
    const held = new WriteBehindDocuments(target, 'p', { maxDirty: 1 });
    await held.checkpoint('p');
    await held.commit('p', null, '1', [write('a', { n: 1 })]);
    let second = false;
    const committing = held.commit('p', '1', '2', [write('a', { n: 2 })]).then(() => {
      second = true;
    });
    await settle();
    expect(second).toBe(false);
    expect(target.underWay).toBe(1);
    await target.finish();
    await committing;
    expect(target.underWay).toBe(1);
    await target.finish();
    await held.flush();
    expect(await target.get('p', 'c', 'a')).toEqual({ n: 2 });
    expect(await target.checkpoint('p')).toBe('2');
  });

  it('after a failed write, holds its documents again, reports it, and writes them next time', async () => {
    const target = makeTarget();
    const held = new WriteBehindDocuments(target, 'p', { maxDirty: 2, maxCached: 0 });
    await held.checkpoint('p');
    await held.commit('p', null, '1', [write('a', { n: 1 }), write('b', { n: 1 })]);
    await settle();
    // a is written again meanwhile: the newer document must win over the failed write's
    await held.commit('p', '1', '2', [write('a', { n: 2 })]);
    await target.finish(new Error('disk full'));

    // the batch that meets the failure is refused whole: nothing of it was taken
    await expect(held.commit('p', '2', '3', [write('c', { n: 3 })])).rejects.toThrow('disk full');
    await expect(held.commit('p', '3', '4', [])).rejects.toBeInstanceOf(CheckpointConflict);
    const docs = await held.load('p', [
      { collection: 'c', key: 'a' },
      { collection: 'c', key: 'b' },
      { collection: 'c', key: 'c' },
    ]);
    expect(Object.fromEntries(docs)).toEqual({ 'c/a': { n: 2 }, 'c/b': { n: 1 } });

    // the runner retries the batch: the write starts again from the stored checkpoint
    await held.commit('p', '2', '3', [write('c', { n: 3 })]);
    await settle();
    await target.finish();
    await held.flush();
    expect(await target.checkpoint('p')).toBe('3');
    expect(await target.get('p', 'c', 'a')).toEqual({ n: 2 });
    expect(await target.get('p', 'c', 'b')).toEqual({ n: 1 });
    expect(await target.get('p', 'c', 'c')).toEqual({ n: 3 });
  });

  it('writes every batch in key order, with the checkpoint the last one reached', async () => {
    const target = makeTarget();
    const held = new WriteBehindDocuments(target, 'p', { maxDirty: 100 });
    await held.checkpoint('p');
    await held.commit('p', null, '1', [write('b', { n: 1 }), write('a', { n: 1 })]);
    await held.commit('p', '1', '2', [write('c', { n: 2 }), write('a', { n: 2 })]);
    const flushed = held.flush();
    await settle();
    await target.finish();
    await flushed;
    expect(target.started.map((s) => [s.to, s.writes.map((w) => w.key)])).toEqual([
      ['2', ['a', 'b', 'c']],
    ]);
  });
});

describe('WriteBehindDocuments over a target that takes JSON text', () => {
  it('serializes each write once, as given when the projection has its text', async () => {
    const target = new EncodedHeldTarget();
    const held = new WriteBehindDocuments(target, 'p', { maxDirty: 100 });
    await held.checkpoint('p');
    // members in another order than the object's: the text is written as given
    await held.commit('p', null, '1', [write('a', { x: 1, y: 2 }, '{"y":2,"x":1}')]);
    await held.commit('p', '1', '2', [write('b', { n: 1 })]);
    // a document written without being loaded first is read back from its text
    const docs = await held.load('p', [{ collection: 'c', key: 'a' }]);
    expect(docs.get('c/a')).toEqual({ x: 1, y: 2 });
    const flushed = held.flush();
    await settle();
    await target.finish();
    await flushed;
    expect(target.texts).toEqual(['{"y":2,"x":1}', '{"n":1}']);
  });

  it('takes text from a projection folding elsewhere, and forgets what it had loaded', async () => {
    const target = new EncodedHeldTarget();
    const held = new WriteBehindDocuments(target, 'p', { maxDirty: 100 });
    await held.checkpoint('p');
    await held.commit('p', null, '1', [write('a', { n: 1 })]);
    expect((await held.load('p', [{ collection: 'c', key: 'a' }])).get('c/a')).toEqual({ n: 1 });
    const text = { collection: 'c', key: 'a', partition: null, json: '{"n":2}' };
    await held.commitEncoded('p', '1', '2', [text]);
    // the object loaded before is not served again: the text written after it is
    expect((await held.load('p', [{ collection: 'c', key: 'a' }])).get('c/a')).toEqual({ n: 2 });
    // the checkpoint moves as with commit, and a stale one is refused
    await expect(held.commitEncoded('p', '1', '3', [text])).rejects.toThrow(CheckpointConflict);
    const flushed = held.flush();
    await settle();
    await target.finish();
    await flushed;
    expect(target.texts).toEqual(['{"n":2}']);
    expect(await target.checkpoint('p')).toBe('2');
  });

  it('refuses text when its target keeps objects', async () => {
    const held = new WriteBehindDocuments(new HeldTarget(), 'p');
    await held.checkpoint('p');
    expect(held.takesEncoded).toBe(false);
    await expect(
      held.commitEncoded('p', null, '1', [
        { collection: 'c', key: 'a', partition: null, json: '{}' },
      ]),
    ).rejects.toThrow('not kept as JSON text');
  });
});
