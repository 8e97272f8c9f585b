import type { Request, Response } from 'express';

/** How a route that serves a table may be asked for it: `?format=` or the Accept header. */
export const TABLE_FORMATS = ['json', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** The byte-order mark: spreadsheets read the file as UTF-8 only when it starts with one. */
const BOM = '\uFEFF';

/**
 * JSON or CSV: an explicit `format` wins (a link in a browser or a spreadsheet cannot set
 * Accept), else content negotiation on Accept. The answer varies on Accept either way.
 */
export function negotiateTable(
  req: Request,
  res: Response,
  format: TableFormat | undefined,
): TableFormat {
  res.vary('Accept');
  if (format !== undefined) return format;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
}

/**
 * Prepares a CSV download: media type, a file name (ASCII letters, digits, `.`, `-`, `_` only, so
 * the header needs no encoding), and returns the body to send with its byte-order mark.
 */
export function csvDownload(res: Response, filename: string, csv: string): string {
  startCsvDownload(res, filename);
  return BOM + csv;
}

/** The headers of a CSV download that is streamed: the caller writes `CSV_BOM` first. */
export function startCsvDownload(res: Response, filename: string): void {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${safeFilename(filename)}"`);
}

export const CSV_BOM = BOM;

function safeFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_');
  return cleaned.endsWith('.csv') ? cleaned : `${cleaned}.csv`;
}

/** Serves `json`, or the CSV download built by `csv()`, as the client asked. */
export function respondTable<T extends object>(
  req: Request,
  res: Response,
  format: TableFormat | undefined,
  json: T,
  csv: () => { filename: string; body: string },
): T | string {
  if (negotiateTable(req, res, format) === 'json') return json;
  const { filename, body } = csv();
  return csvDownload(res, filename, body);
}
