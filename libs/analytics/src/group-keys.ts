/** Key under which a null grouping value (an unclassified ownership, a task without entity) is reported. */
export const UNKNOWN_KEY = 'unknown';

/** Key of the single group when no groupBy is asked. */
export const ALL_KEY = 'all';

/** Code-unit order, so that group order never depends on the server's locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
