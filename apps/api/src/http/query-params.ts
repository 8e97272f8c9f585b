import { BadRequestException } from '@nestjs/common';

export function parseInstant(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at)) {
    throw new BadRequestException(`${name} must be an ISO-8601 date or date-time`);
  }
  return new Date(at).toISOString();
}

export function parsePosition(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,19}$/.test(value)) throw new BadRequestException(`${name} must be a position (a decimal string)`);
  return BigInt(value);
}

export function parseLimit(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new BadRequestException(`limit must be an integer from 1 to ${max}`);
  }
  return n;
}
