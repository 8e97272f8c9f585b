/**
 * What a log checkpoint of each adapter looks like as text, so that a cursor coming from
 * outside (an auditor's `after=`) can be refused before it reaches a store, and so that the
 * adapters and the API agree on one definition. Every number stays within what its store can
 * represent: SQLite positions and PostgreSQL positions are signed 64-bit, PostgreSQL
 * transaction ids (xid8) and EventStoreDB positions unsigned 64-bit.
 */
export type LogCheckpointSyntax = 'sqlite' | 'postgres' | 'esdb';

export const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** How each syntax is described to a client that sent something else. */
export const LOG_CHECKPOINT_FORMS: Readonly<Record<LogCheckpointSyntax, string>> = {
  sqlite: `a decimal position from 0 to ${INT64_MAX}`,
  postgres: 'transaction:position (two decimal numbers)',
  esdb: 'commit/prepare (two decimal numbers)',
};

const PATTERNS: Readonly<Record<LogCheckpointSyntax, RegExp>> = {
  sqlite: /^(\d{1,19})$/,
  postgres: /^(\d{1,20}):(\d{1,19})$/,
  esdb: /^(\d{1,20})\/(\d{1,20})$/,
};

const BOUNDS: Readonly<Record<LogCheckpointSyntax, readonly bigint[]>> = {
  sqlite: [INT64_MAX],
  postgres: [UINT64_MAX, INT64_MAX],
  esdb: [UINT64_MAX, UINT64_MAX],
};

/** The checkpoint's numbers when `text` is a checkpoint of this syntax, else null. */
export function parseLogCheckpoint(
  syntax: LogCheckpointSyntax,
  text: string,
): readonly bigint[] | null {
  const match = PATTERNS[syntax].exec(text);
  if (!match) return null;
  const numbers = match.slice(1).map((n) => BigInt(n));
  return numbers.every((n, i) => n <= BOUNDS[syntax][i]) ? numbers : null;
}

/** A position a command returned (`minPosition`): decimal, 0 to 2^63 − 1 in every store. */
export function parsePositionText(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const position = BigInt(text);
  return position <= INT64_MAX ? position : null;
}
