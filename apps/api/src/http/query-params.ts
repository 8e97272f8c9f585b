import { BadRequestException } from '@nestjs/common';
import { toInstant } from './iso-instant';

/** An ISO-8601 instant from a query string, as UTC (see `toInstant`); 400 otherwise. */
export function parseInstant(name: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const instant = typeof value === 'string' ? toInstant(value) : null;
  if (instant === null) {
    throw new BadRequestException(
      `${name} must be an ISO-8601 date or date-time (e.g. 2015-09-30T15:00:00Z), given once`,
    );
  }
  return instant;
}

export function parsePosition(name: string, value: unknown): bigint | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name} must be given once`);
  if (!/^\d{1,19}$/.test(value))
    throw new BadRequestException(`${name} must be a position (a decimal string)`);
  return BigInt(value);
}

export function parseLimit(value: unknown, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string') throw new BadRequestException('limit must be given once');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new BadRequestException(`limit must be an integer from 1 to ${max}`);
  }
  return n;
}
