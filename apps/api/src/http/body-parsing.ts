import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/**
 * JSON bodies only, up to a limit; a malformed, oversize or non-object body is answered here
 * with a 4xx in the same error shape as the rest of the API, before any handler runs.
 */
export function installBodyParsing(app: INestApplication, limit: string): void {
  app.use(express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = error as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      return void res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'the body is not valid JSON' });
    }
    if (e?.type === 'entity.too.large') {
      return void res
        .status(413)
        .json({ statusCode: 413, error: 'Payload Too Large', message: `the body is larger than ${limit}` });
    }
    if (e?.status && e.status >= 400 && e.status < 500) {
      return void res.status(e.status).json({ statusCode: e.status, error: 'Bad Request', message: e.message ?? 'bad request' });
    }
    next(error);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    if (req.body === undefined) {
      if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding']) {
        return void res
          .status(415)
          .json({ statusCode: 415, error: 'Unsupported Media Type', message: 'send the body as application/json' });
      }
      req.body = {};
    }
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      return void res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'the body must be a JSON object' });
    }
    next();
  });
}
