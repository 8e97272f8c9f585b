import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the module `entry` of this codebase in a worker thread.
 *
 * Built code runs the compiled `.js` module as it is. Run from the sources (jest, ts-jest), the
 * entry is a `.ts` file a worker cannot load: the thread then loads TypeScript files by
 * transpiling each one as it is required (TypeScript's `transpileModule`, no type check), so a
 * worker's code is tested as it is written. A worker module and what it imports must therefore
 * import other modules of this codebase by relative path only (aliases such as
 * `@mesas/event-store` are resolved by the main thread's loader, not a worker's), and those
 * only for types when they are aliased.
 */
export function startSourceWorker(entry: string, workerData: unknown): Worker {
  if (extname(entry) !== '.ts') return new Worker(entry, { workerData: { data: workerData } });
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    workerData: { entry, typescript: require.resolve('typescript'), data: workerData },
  });
}

/** In a module started by `startSourceWorker`: what the caller passed it. */
export function sourceWorkerData<T>(workerData: unknown): T {
  return (workerData as { data: T }).data;
}

// Plain JavaScript, run by the worker before the entry: registers a loader for `.ts` files.
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const ts = require(workerData.typescript);
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
    },
  });
  module._compile(outputText, filename);
};
require(workerData.entry);
`;
