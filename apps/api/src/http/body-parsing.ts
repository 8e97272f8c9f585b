import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

/**
 * JSON bodies only, up to a limit; a malformed, oversize or non-object body is answered here
 * with a 4xx in the same error shape as the rest of the API, before any handler runs.
 */
export function installBodyParsing(app: INestApplication, limit: string): void {
  // strict: false, so that valid JSON that is not an object ("x", 1, null) is told apart below
  app.use(express.json({ limit, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = error as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      return void res
        .status(400)
        .json({ statusCode: 400, error: 'Bad Request', message: 'the body is not valid JSON' });
    }
    if (e?.type === 'entity.too.large') {
      return void res.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `the body is larger than ${limit}`,
      });
    }
    if (e?.status && e.status >= 400 && e.status < 500) {
      return void res.status(e.status).json({
        statusCode: e.status,
        error: STATUS_CODES[e.status] ?? 'Bad Request',
        message: e.message ?? 'bad request',
      });
    }
    next(error);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    if (req.body === undefined) {
      if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding']) {
        return void res.status(415).json({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: 'send the body as application/json',
        });
      }
      req.body = {};
    }
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      return void res
        .status(400)
        .json({ statusCode: 400, error: 'Bad Request', message: 'the body must be a JSON object' });
    }
    const problem = shapeProblem(req.body);
    if (problem !== null) {
      return void res.status(400).json({ statusCode: 400, error: 'Bad Request', message: problem });
    }
    next();
  });
}

/** No command body nests deeper than this (a list of ids is depth 2). */
const MAX_DEPTH = 8;
/** Keys that mean something to JavaScript objects and nothing to this API. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What the validation pipe must never see: values nested so deep that class-transformer's
 * recursion overflows the stack (a 500), and keys it treats specially and so lets through the
 * whitelist. Walked without recursion, so a hostile body cannot overflow it either.
 */
function shapeProblem(body: object): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return `the body is nested deeper than ${MAX_DEPTH} levels`;
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) return `property ${key} should not exist`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
