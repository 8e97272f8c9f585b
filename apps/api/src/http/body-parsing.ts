import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { printableName, unicodeProblem } from './input-text';

/**
 * JSON bodies only, up to a limit; a malformed, oversize or non-object body is answered here
 * with a 4xx in the same error shape as the rest of the API, before any handler runs.
 */
export function installBodyParsing(app: INestApplication, limit: string): void {
  // strict: false, so that valid JSON that is not an object ("x", 1, null) is told apart below
  app.use(express.json({ limit, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = error as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') return sendBodyError(res, 400, NOT_JSON);
    if (e?.type === 'entity.too.large') {
      return sendBodyError(res, 413, `the body is larger than ${limit}`);
    }
    if (e?.status && e.status >= 400 && e.status < 500) {
      return sendBodyError(res, e.status, e.message ?? 'bad request');
    }
    next(error);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    if (req.body === undefined) {
      if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding']) {
        return sendBodyError(res, 415, 'send the body as application/json');
      }
      req.body = {};
    }
    const problem = bodyProblem(req.body);
    if (problem !== null) return sendBodyError(res, 400, problem);
    next();
  });
}

/** What a body that does not parse as JSON is answered (400). */
export const NOT_JSON = 'the body is not valid JSON';

/** A 4xx of the body checks, in the API's error shape. */
export function sendBodyError(res: Response, status: number, message: string | string[]): void {
  res
    .status(status)
    .json({ statusCode: status, error: STATUS_CODES[status] ?? 'Bad Request', message });
}

/**
 * Why a parsed command body is refused (the message of a 400), or null: it must be a JSON
 * object, and of a shape the validation pipe can take (`shapeProblem`).
 */
export function bodyProblem(body: unknown): string | string[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body must be a JSON object';
  }
  const problems = shapeProblem(body);
  if (problems === null) return null;
  return problems.length === 1 ? problems[0] : problems;
}

/** BODY_LIMIT (`64kb`, `1mb`, `512b`) in bytes, as the JSON body parser reads it (1 kb = 1024 b). */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) throw new Error(`not a body limit: ${limit}`);
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2].toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(match[1]) * unit;
}

/** No command body nests deeper than this (a list of ids is depth 2). */
const MAX_DEPTH = 8;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** At most this many problems are listed in one 400; the first ones say enough. */
const MAX_PROBLEMS = 20;

/**
 * A key that names a member of `Object.prototype` (`__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`, …) or `prototype`. class-transformer skips a key when the instance already
 * has a function or accessor under that name, so such keys would pass the whitelist of the
 * validation pipe unseen; no request field of this API is named like one.
 */
function isReservedKey(key: string): boolean {
  return key === 'prototype' || Object.prototype.hasOwnProperty.call(Object.prototype, key);
}

/**
 * What the validation pipe must never see, walked without recursion so that a hostile body
 * cannot overflow the stack: values nested so deep that class-transformer's recursion would
 * overflow it (a 500); keys named like members of `Object.prototype`, or not like identifiers
 * (no field of this API is); and property names or strings that are not well-formed Unicode,
 * anywhere in the body (a lone surrogate cannot be canonicalised, hashed or stored as text; see
 * `input-text.ts`). Each problem names where it is, quoted and escaped when it is not a name.
 */
function shapeProblem(body: object): string[] | null {
  const problems: string[] = [];
  const stack: { value: unknown; depth: number; path: string }[] = [
    { value: body, depth: 1, path: '' },
  ];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unicodeProblem(value);
      if (problem) problems.push(`${path} ${problem}`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return [`the body is nested deeper than ${MAX_DEPTH} levels`];
    const isArray = Array.isArray(value);
    for (const key of Object.keys(value)) {
      const name = printableName(key);
      const child = isArray ? `${path}[${key}]` : path === '' ? name : `${path}.${name}`;
      if (!isArray && unicodeProblem(key)) {
        problems.push(`property ${name} should not exist: its name ${unicodeProblem(key)}`);
        continue;
      }
      // every field of this API is named like an identifier; any other name is unlisted, and is
      // refused here so that the message quotes it escaped (controls and all)
      if (!isArray && (isReservedKey(key) || !IDENTIFIER.test(key))) {
        problems.push(`property ${child} should not exist`);
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: child });
    }
  }
  return problems.length > 0 ? problems : null;
}
