import { BadRequestException } from '@nestjs/common';
import { HISTORY_LANGS, HistoryLang, MAX_HISTORY_INDEX } from '@mesas/projections';

/** A history index or tree size from the query string: a non-negative decimal integer; else 400. */
export function parseIndex(name: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name} must be given once`);
  if (!/^\d{1,13}$/.test(value) || Number(value) > MAX_HISTORY_INDEX + 1) {
    throw new BadRequestException(
      `${name} must be a non-negative integer (at most ${MAX_HISTORY_INDEX + 1})`,
    );
  }
  return Number(value);
}

export function requireIndex(name: string, value: unknown): number {
  const n = parseIndex(name, value);
  if (n === undefined) throw new BadRequestException(`${name} is required`);
  return n;
}

/** `lang`: es (default) or en. */
export function parseLang(value: unknown): HistoryLang {
  if (value === undefined || value === '') return 'es';
  if (typeof value !== 'string' || !HISTORY_LANGS.includes(value as HistoryLang)) {
    throw new BadRequestException(`lang must be one of ${HISTORY_LANGS.join(', ')}`);
  }
  return value as HistoryLang;
}
