import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the module `entry` of this codebase in a worker thread.
 *
 * Built code runs the compiled `.js` module as it is. Run from the sources (jest, ts-jest), the
 * entry is a `.ts` file a worker cannot load: the thread then loads TypeScript files by
 * transpiling each one as it is required (TypeScript's `transpileModule`, no type check), so a
 * worker's code is tested as it is written.
 *
 * A worker does not share the main thread's module loader, so the codebase's aliases (such as
 * `@mesas/domain`) mean nothing there by themselves: those the worker's modules import at run
 * time are listed in `aliases`, resolved here by the main thread's loader (the compiled tree,
 * or the sources under jest) and mapped to those files in the thread. Other modules of this
 * codebase are imported by relative path.
 */
export function startSourceWorker(
  entry: string,
  workerData: unknown,
  aliases: readonly string[] = [],
): Worker {
  const resolved: Record<string, string> = {};
  for (const alias of aliases) resolved[alias] = require.resolve(alias);
  const typescript = extname(entry) === '.ts' ? require.resolve('typescript') : null;
  if (typescript === null && aliases.length === 0) {
    return new Worker(entry, { workerData: { data: workerData } });
  }
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { entry, typescript, aliases: resolved, data: workerData },
  });
}

/** In a module started by `startSourceWorker`: what the caller passed it. */
export function sourceWorkerData<T>(workerData: unknown): T {
  return (workerData as { data: T }).data;
}

// Plain JavaScript, run by the worker before the entry: maps the aliases to their files and,
// when the entry is TypeScript, registers a loader for `.ts` files.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const aliases = workerData.aliases;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = Object.prototype.hasOwnProperty.call(aliases, request) ? aliases[request] : request;
  return resolveFilename.call(this, target, ...rest);
};
if (workerData.typescript !== null) {
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
}
require(workerData.entry);
`;
