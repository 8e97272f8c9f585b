import type { LogCheckpoint } from '@mesas/event-store';
import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { CheckpointConflict, EncodedWrite } from '../document-store.port';
import { startSourceWorker } from './source-worker';

/** One commit of a rebuilt generation, as the writer thread receives it. */
export interface GenerationCommit {
  readonly id: number;
  /** the stored name the rebuild writes under (`<projection>#rebuild-<id>`) */
  readonly name: string;
  readonly projection: string;
  readonly from: LogCheckpoint | null;
  readonly to: LogCheckpoint | null;
  readonly writes: readonly EncodedWrite[];
}

/** What the writer thread answers: the commit is durable, or why it was refused. */
export type GenerationCommitted =
  | { readonly id: number; readonly error: null }
  | {
      readonly id: number;
      readonly error: { readonly name: string; readonly message: string };
      readonly conflict?: { readonly projection: string; readonly expected: LogCheckpoint | null };
    };

/** The writer thread's own data. */
export interface GenerationWriterData {
  readonly filename: string;
}

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * The commits of rebuilt generations, made by a thread of their own on a connection of its own
 * to the read-model file (decision 0030).
 *
 * A rebuild folds the log on the main thread; SQLite's inserts of its documents — about a
 * third of the time of a history rebuild — then run beside the fold instead of between its
 * batches. A commit here is exactly `SqliteDocumentStore.commit` (the same code runs in the
 * thread): one transaction, compare-and-set of the checkpoint, the generation's table looked up
 * in it. The caller keeps what it committed readable until the promise settles, and commits
 * one at a time per generation (`WriteBehindDocuments` does both).
 *
 * The thread starts at the first commit and keeps the process alive only while a commit is
 * under way; `close` stops it.
 */
export class GenerationWriter {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly filename: string) {}

  commit(
    name: string,
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): Promise<void> {
    const worker = this.started();
    const id = ++this.nextId;
    const request: GenerationCommit = { id, name, projection, from, to, writes };
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('the read-model store was closed with a rebuild commit under way'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const entry = join(__dirname, `generation-writer.worker${extname(__filename)}`);
    const worker = startSourceWorker(entry, {
      filename: this.filename,
    } satisfies GenerationWriterData);
    worker.on('message', (answer: GenerationCommitted) => this.settle(answer));
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) =>
      this.stopped(worker, new Error(`the rebuild's writer thread exited (code ${code})`)),
    );
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(answer: GenerationCommitted): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (answer.error === null) return waiting.resolve();
    if (answer.conflict) {
      return waiting.reject(
        new CheckpointConflict(answer.conflict.projection, answer.conflict.expected),
      );
    }
    const error = new Error(answer.error.message);
    error.name = answer.error.name;
    waiting.reject(error);
  }

  /** The thread died: what it had not answered fails, and the next commit starts a new one. */
  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(error);
  }
}
