import { csvField } from '@mesas/analytics';
import type { HistoryEntry } from '@mesas/projections';

/**
 * The history as open data. NDJSON: one served entry per line, exactly the JSON of
 * `GET /history` (so `mesas audit verify --file` can check it). CSV (RFC 4180, CRLF): the
 * columns below, `data` as its JSON text; `sessionId` (our extension, see docs/history.md)
 * comes last so the columns API consumers expect keep their places.
 */
export const HISTORY_CSV_COLUMNS = [
  'index',
  'eventId',
  'type',
  'mesaId',
  'problemId',
  'occurredAt',
  'recordedAt',
  'summary',
  'leafHash',
  'data',
  'sessionId',
] as const;

export function historyCsvHeader(): string {
  return `${HISTORY_CSV_COLUMNS.join(',')}\r\n`;
}

export function historyCsvRow(entry: HistoryEntry): string {
  return (
    [
      entry.index,
      entry.eventId,
      entry.type,
      entry.mesaId,
      entry.problemId ?? null,
      entry.occurredAt,
      entry.recordedAt,
      entry.summary,
      entry.leafHash,
      JSON.stringify(entry.data),
      entry.sessionId ?? null,
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

export function historyNdjsonLine(entry: HistoryEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
