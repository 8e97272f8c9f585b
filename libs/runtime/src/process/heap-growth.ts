import { setFlagsFromString } from 'node:v8';

/**
 * How far, in percent, V8 lets the heap grow past what its last full collection kept before it
 * collects again. Left to itself V8 grows it up to four times: the embedded API, keeping about
 * 80 MB, let a few heavy reads' garbage take it past 1 GB, and a rebuild keeping 80 MB reached
 * 350 MB between collections (decision 0027).
 */
export const HEAP_GROWING_PERCENT = 40;

/**
 * Sets V8's heap growing factor for this process (the API, the worker, the CLI), unless the
 * command line already chose one with `--heap-growing-percent`. V8 reads the factor at every
 * full collection, so setting it once the process runs takes effect from the next one.
 */
export function boundHeapGrowth(
  percent = HEAP_GROWING_PERCENT,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}
