import { BadRequestException } from '@nestjs/common';
import { ID_PATTERN } from '@mesas/domain';
import { DATE_PATTERN } from '../http/validation';

/** How far ahead of the server's clock an `asOf` may be (client clock skew); later is a 400. */
const ASOF_SKEW_MS = 5 * 60_000;

/** Longest cadence window: a century of days keeps the month series small. */
export const MAX_WINDOW_DAYS = 36_525;

/**
 * Reads the query string of an analytics route strictly: an unknown parameter, a repeated one or
 * a malformed value is a 400 whose `message` lists every problem found, because a silently
 * ignored typo (`groupby=`) would give an analyst a plausible but wrong number.
 */
export class AnalyticsQueryParams {
  private readonly errors: string[] = [];

  constructor(
    private readonly query: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(query)) {
      if (!allowed.includes(name)) {
        this.errors.push(`unknown query parameter ${name} (allowed: ${allowed.join(', ')})`);
      }
    }
  }

  /** The raw value; undefined when absent or empty. */
  text(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      this.errors.push(`${name} must be given once, as plain text`);
      return undefined;
    }
    return value;
  }

  id(name: string): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!ID_PATTERN.test(value)) {
      this.errors.push(`${name} must be an id (${ID_PATTERN.source})`);
      return undefined;
    }
    return value;
  }

  /** A required id; '' (never used: `assertValid` throws) when missing or malformed. */
  requiredId(name: string): string {
    if (this.query[name] === undefined || this.query[name] === '') {
      this.errors.push(`${name} is required`);
      return '';
    }
    return this.id(name) ?? '';
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      this.errors.push(`${name} must be one of ${values.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /**
   * ISO-8601 date or date-time, normalised to UTC; not in the future. Absent: `byDefault`
   * (the API passes now to the minute, so that answers and ETags hold for a minute).
   */
  asOf(now: Date, byDefault: Date = now): string {
    const value = this.text('asOf');
    if (value === undefined) return byDefault.toISOString();
    const at = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at)) {
      this.errors.push('asOf must be an ISO-8601 date or date-time');
      return now.toISOString();
    }
    // A future asOf would censor open problems at a time that has not come: refuse it, but
    // accept a few minutes of client clock skew, answered as of now.
    if (at > now.getTime() + ASOF_SKEW_MS) {
      this.errors.push('asOf must not be in the future');
      return now.toISOString();
    }
    return new Date(Math.min(at, now.getTime())).toISOString();
  }

  /** A required calendar date, YYYY-MM-DD; '' (never used: `assertValid` throws) when bad. */
  date(name: string): string {
    if (this.query[name] === undefined || this.query[name] === '') {
      this.errors.push(`${name} is required (YYYY-MM-DD)`);
      return '';
    }
    const value = this.text(name);
    if (value === undefined) return '';
    if (!isCalendarDate(value)) {
      this.errors.push(`${name} must be a calendar date YYYY-MM-DD`);
      return '';
    }
    return value;
  }

  /** A position a command returned (decimal string). */
  position(name: string): bigint | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!/^\d{1,19}$/.test(value)) {
      this.errors.push(`${name} must be a position (a decimal string)`);
      return undefined;
    }
    return BigInt(value);
  }

  /** Records a problem found by the caller (e.g. a window check across two parameters). */
  refuse(message: string): void {
    this.errors.push(message);
  }

  /** Throws the 400 when anything was wrong; the values read are then trustworthy. */
  assertValid(): void {
    if (this.errors.length > 0) throw new BadRequestException(this.errors);
  }
}

export function windowDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** YYYY-MM-DD naming a day that exists (2023-02-29 does not). */
function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}
