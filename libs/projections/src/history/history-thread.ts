import type { ConsumerStall, LogCheckpoint, ThreadLogSpec } from '@mesas/event-store';
import { leafHashOfText } from '@mesas/transparency';
import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { EncodedWrite, encodeWrite } from '../document-store.port';
import { RebuildStalled, ThreadRebuild } from '../projection';
import { startSourceWorker } from '../sqlite/source-worker';
import { entryJsonOf, entryKey } from './history-entry';
import { treeWrites } from './history-tree-writes';
import { HISTORY, HISTORY_ENTRIES } from './history.queries';

/** What the history thread is started with. */
export interface HistoryThreadData {
  readonly log: ThreadLogSpec;
  /** events per page: one commit, one tree head, as a batch of the one-thread rebuild */
  readonly pageSize: number;
  /** events per piece: what the thread reads and posts at a time */
  readonly piece: number;
  /** events to read: the log's length when the rebuild started */
  readonly total: number;
  /** pieces it may post before the main thread took the first of them */
  readonly ahead: number;
}

/**
 * Part of a page, made on the thread from the events after the previous piece, up to `to`.
 * Pages are posted in pieces so that what the thread makes is handed over (and garbage on its
 * side) soon after it is made, instead of outliving young-generation collections.
 */
export interface HistoryPiece {
  readonly kind: 'piece';
  /** the index of its first entry */
  readonly first: number;
  readonly to: LogCheckpoint | null;
  /**
   * per entry: its leaf's canonical text, its summaries as JSON text, its mesa (the partition
   * it is listed under); the leaf hash and the entry's text are made on the main thread (the
   * thread reads and folds, the main thread hashes and writes)
   */
  readonly texts: readonly string[];
  readonly summaries: readonly string[];
  readonly partitions: readonly (string | null)[];
  /** the name documents the piece changed, as they stand at its end */
  readonly names: readonly EncodedWrite[];
  /** whether it ends its page */
  readonly last: boolean;
}

/** What the thread posts: a piece, the end of what it was asked to read, or why it stopped. */
export type HistoryThreadMessage =
  | HistoryPiece
  | { readonly kind: 'end' }
  | { readonly kind: 'stall'; readonly stall: ConsumerStall }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

const PIECE = 500;

/**
 * The history's rebuild with its per-event work spread over a thread of its own (decision 0031):
 * the thread reads the log by itself (`threadLog`) and makes each event's leaf, canonical text,
 * summaries and the names they use with the projection's own code (`historyEntryParts`); this
 * thread hashes the leaves, makes the entries' texts, keeps the Merkle tree and commits each
 * piece to the generation with the checkpoint it reached, a tree head where a page ends. Indexes
 * count from 0: this fills a fresh generation only.
 *
 * It stops, and the rebuild fails, on the first event the thread cannot make an entry of
 * (`RebuildStalled`, with the event), on a failed read or a failed write: there is no
 * retry here, the rebuild is discarded and may be run again.
 */
export async function rebuildHistoryOnThread(run: ThreadRebuild): Promise<void> {
  const { documents } = run;
  let from = await documents.checkpoint(HISTORY);
  if (from !== null)
    throw new Error('the history is rebuilt on a thread into a fresh generation only');
  const pieces = new HistoryPieces({
    log: run.log,
    pageSize: run.pageSize,
    piece: Math.min(PIECE, run.pageSize),
    total: run.total,
    ahead: 2 * Math.ceil(run.pageSize / PIECE),
  });
  try {
    let size = 0;
    while (size < run.total) {
      const piece = await pieces.next();
      if (piece === null) throw new Error(`the log ended after ${size} of ${run.total} events`);
      if (piece.first !== size)
        throw new Error(`piece at ${piece.first} where ${size} was expected`);
      const leafHashes = piece.texts.map(leafHashOfText);
      const writes: EncodedWrite[] = piece.texts.map((text, i) => ({
        collection: HISTORY_ENTRIES,
        key: entryKey(size + i),
        partition: piece.partitions[i],
        json: entryJsonOf(text, piece.summaries[i], leafHashes[i]),
      }));
      // committed piece by piece (what is handed over is soon written, not kept for a page),
      // with a tree head kept only where a page ends: the documents of a one-thread rebuild
      // with batches of a page
      const tree = await treeWrites(documents, size, leafHashes, { head: piece.last });
      for (const write of tree) writes.push(encodeWrite(write));
      writes.push(...piece.names);
      await documents.commitEncoded(HISTORY, from, piece.to, writes);
      from = piece.to;
      size += leafHashes.length;
      run.onApplied(size);
    }
  } finally {
    await pieces.close();
  }
}

/** The pieces of the history thread, in order, at most `ahead` made before they are taken. */
class HistoryPieces {
  private readonly worker: Worker;
  private readonly queue: HistoryThreadMessage[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(data: HistoryThreadData) {
    const entry = join(__dirname, `history-thread.worker${extname(__filename)}`);
    this.worker = startSourceWorker(entry, data, THREAD_ALIASES);
    this.worker.on('message', (message: HistoryThreadMessage) => this.push(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the history thread exited (${code})`)));
  }

  /** The next piece, or null once the thread has read what it was asked to. */
  async next(): Promise<HistoryPiece | null> {
    for (;;) {
      const message = this.queue.shift();
      if (message) {
        switch (message.kind) {
          case 'piece':
            this.worker.postMessage('more');
            return message;
          case 'end':
            return null;
          case 'stall':
            throw new RebuildStalled(message.stall);
          case 'error': {
            const error = new Error(message.message);
            error.name = message.name;
            throw error;
          }
        }
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the history thread was closed');
    await this.worker.terminate();
  }

  private push(message: HistoryThreadMessage): void {
    this.queue.push(message);
    this.wakeUp();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** The aliased modules the thread's code requires at run time (source-worker.ts). */
const THREAD_ALIASES = ['@mesas/event-store', '@mesas/transparency', '@mesas/domain'];
