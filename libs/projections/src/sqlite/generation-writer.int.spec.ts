import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointConflict, DocWrite, supportsEncodedCommit } from '../document-store.port';
import { SqliteDocumentStore } from './sqlite-document-store';

const doc = (key: string, n: number): DocWrite => ({
  collection: 'c',
  key,
  partition: null,
  doc: { n },
});

describe("SQLite: a rebuilt generation's commits on the writer thread", () => {
  let dir: string;
  let file: string;
  let store: SqliteDocumentStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-writer-'));
    file = join(dir, 'read-models.sqlite');
    store = new SqliteDocumentStore(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the main thread free while a commit waits for the write lock', async () => {
    const shadow = await store.prepareRebuild('p');
    // another process holds SQLite's write lock
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      let settled = false;
      const committed = shadow.documents
        .commit('p', null, '1', [doc('a', 1)])
        .finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 200));
      // still waiting for the lock, while this thread ran its timers; a commit on this thread
      // would have blocked it in SQLite's busy wait until it gave up (SQLITE_BUSY)
      expect(settled).toBe(false);
      expect(ticks).toBeGreaterThan(5);
      other.exec('COMMIT');
      await committed;
    } finally {
      clearInterval(timer);
      other.close();
    }
    await shadow.activate();
    expect(await store.get('p', 'c', 'a')).toEqual({ n: 1 });
    expect(await store.checkpoint('p')).toBe('1');
  });

  it('keeps the compare-and-set: a commit from a checkpoint it is not at is a CheckpointConflict', async () => {
    const shadow = await store.prepareRebuild('p');
    await shadow.documents.commit('p', null, '1', [doc('a', 1)]);
    const lost = await shadow.documents.commit('p', null, '2', [doc('a', 2)]).catch((e) => e);
    expect(lost).toBeInstanceOf(CheckpointConflict);
    expect(await shadow.documents.get('p', 'c', 'a')).toEqual({ n: 1 });
    expect(await shadow.documents.checkpoint('p')).toBe('1');
  });

  it('writes documents given as text as they are, and in their generation only', async () => {
    await store.commit('p', null, '1', [doc('live', 1)]);
    const shadow = await store.prepareRebuild('p');
    expect(supportsEncodedCommit(shadow.documents)).toBe(true);
    if (!supportsEncodedCommit(shadow.documents)) return;
    await shadow.documents.commitEncoded('p', null, '7', [
      { collection: 'c', key: 'b', partition: 'm', json: '{"y":2,"x":1}' },
    ]);
    // the live generation does not see it before the swap
    expect(await store.get('p', 'c', 'b')).toBeNull();
    await shadow.activate();
    expect(await store.list('p', 'c', 'm')).toEqual([{ y: 2, x: 1 }]);
    expect(await store.get('p', 'c', 'live')).toBeNull();
  });

  it('refuses to write a generation that was discarded', async () => {
    const shadow = await store.prepareRebuild('p');
    await shadow.documents.commit('p', null, '1', [doc('a', 1)]);
    await shadow.discard();
    // its checkpoint went with it: from where it stood, the compare-and-set fails
    await expect(shadow.documents.commit('p', '1', '2', [doc('a', 2)])).rejects.toBeInstanceOf(
      CheckpointConflict,
    );
    // and from the start, its table is gone
    await expect(shadow.documents.commit('p', null, '2', [doc('a', 2)])).rejects.toThrow(
      /superseded or discarded/,
    );
    expect(await store.get('p', 'c', 'a')).toBeNull();
  });

  it('commits the live projection on the main connection, as before', async () => {
    // no thread for it: the live runner's commit is one synchronous transaction
    await store.commit('p', null, '1', [doc('a', 1)]);
    expect(await store.get('p', 'c', 'a')).toEqual({ n: 1 });
  });
});
