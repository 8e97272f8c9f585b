// The thread of GenerationWriter (generation-writer.ts): commits rebuilt generations with the
// store's own code, on a connection of its own. Relative imports only (source-worker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { CheckpointConflict } from '../document-store.port';
import type {
  GenerationCommit,
  GenerationCommitted,
  GenerationWriterData,
} from './generation-writer';
import { sourceWorkerData } from './source-worker';
import { SqliteDocumentStore } from './sqlite-document-store';

const { filename } = sourceWorkerData<GenerationWriterData>(workerData);
// no writer of its own: this is the writer
const store = new SqliteDocumentStore(filename, new Map(), undefined, null);

parentPort?.on('message', (request: GenerationCommit) => {
  let answer: GenerationCommitted;
  try {
    store.commitGeneration(
      request.name,
      request.projection,
      request.from,
      request.to,
      request.writes,
    );
    answer = { id: request.id, error: null };
  } catch (error) {
    // errors cross threads as data: a CheckpointConflict is made again on the other side
    const e = error instanceof Error ? error : new Error(String(error));
    answer = {
      id: request.id,
      error: { name: e.name, message: e.message },
      ...(error instanceof CheckpointConflict
        ? { conflict: { projection: error.projection, expected: error.expected } }
        : {}),
    };
  }
  parentPort?.postMessage(answer);
});
