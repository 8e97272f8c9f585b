import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { INPUT_LIMITS } from './input-limits';

/**
 * Client-chosen header values that reach an event's metadata or a log line: each is 1 to 200
 * visible ASCII characters (U+0021–U+007E), given once. Anything else is a 400 naming the header.
 * (Node has already refused control characters in header values; this also keeps out spaces,
 * Latin-1 bytes read as characters, and values too long to be an id.)
 */
export const CLIENT_TOKEN_HEADERS = ['idempotency-key', 'x-correlation-id'] as const;

const VISIBLE_ASCII = new RegExp(`^[\\x21-\\x7e]{1,${INPUT_LIMITS.headerToken}}$`);

export function isClientToken(value: string): boolean {
  return VISIBLE_ASCII.test(value);
}

/** Checks the headers of every request before anything reads them. */
export function installHeaderChecks(app: INestApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const problems: string[] = [];
    for (const name of CLIENT_TOKEN_HEADERS) {
      const raw = req.headersDistinct[name];
      if (raw === undefined) continue;
      if (raw.length !== 1) problems.push(`${headerName(name)} must be given once`);
      else if (!isClientToken(raw[0])) {
        problems.push(
          `${headerName(name)} must be 1 to ${INPUT_LIMITS.headerToken} visible ASCII characters`,
        );
      }
    }
    if (problems.length === 0) return next();
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: problems.length === 1 ? problems[0] : problems,
    });
  });
}

function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
