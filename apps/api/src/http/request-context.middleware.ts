import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, STATUS_CODES, ServerResponse } from 'node:http';
import { JsonLogger, logContext } from '@mesas/runtime';
import type { ApiMetrics } from '../observability/api-metrics';
import { routeOf } from './route-label';

export const CORRELATION_HEADER = 'X-Correlation-Id';
/** what a client may send as its correlation id; anything else is replaced by a fresh one */
const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A request as the edge leaves it: with the correlation id everything downstream uses. */
export type CorrelatedRequest = Request & { correlationId?: string };

/**
 * Whether the process is shutting down, and the responses still being written. Shared by the
 * request middleware (which closes connections while draining) and the shutdown sequence.
 */
export class DrainState {
  draining = false;
  readonly inFlight = new Set<ServerResponse>();
  private readonly idleWaiters = new Set<() => void>();

  /** Stops keep-alive on every response not yet started, then on every new one. */
  startDraining(): void {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Resolves when no response is in flight. */
  idle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  finished(res: ServerResponse): void {
    this.inFlight.delete(res);
    if (this.inFlight.size > 0) return;
    for (const waiter of this.idleWaiters) waiter();
    this.idleWaiters.clear();
  }
}

/** The correlation id of a request: the client's when usable, else a fresh one. */
export function correlationIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-correlation-id'];
  return typeof sent === 'string' && CORRELATION_ID.test(sent) ? sent : randomUUID();
}

/**
 * What every request gets once its correlation id is known, on the normal path and on the
 * fast path for cached reads alike: the response counts as in flight for the drain, and one
 * access line and the HTTP metrics are written when it is done.
 */
export function trackRequest(
  req: IncomingMessage,
  res: ServerResponse,
  correlationId: string,
  logger: JsonLogger | null,
  metrics: ApiMetrics,
  drain: DrainState,
): void {
  const started = process.hrtime.bigint();
  drain.inFlight.add(res);
  res.once('close', () => {
    drain.finished(res);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = res.statusCode;
    const method = req.method ?? 'GET';
    const route = routeOf(req as Request, status);
    metrics.httpRequests.inc({ method, route, status: String(status) });
    metrics.httpDuration.observe({ method, route }, seconds);
    logger?.access(status >= 500 ? 'error' : 'info', {
      correlationId,
      method,
      route,
      status,
      durationMs: Math.round(seconds * 1000 * 10) / 10,
      ...(res.writableFinished ? {} : { aborted: true as const }),
    });
  });
}

/**
 * First middleware of every request: takes (or makes) the correlation id, echoes it, runs the
 * rest of the request inside its log context (so every line logged for it carries the id),
 * writes one access line and the HTTP metrics when the response is done, and, while the
 * process drains, refuses new requests with 503 and `Connection: close`.
 */
export function installRequestContext(
  app: INestApplication,
  logger: JsonLogger | null,
  metrics: ApiMetrics,
  drain: DrainState,
): void {
  app.use((req: CorrelatedRequest, res: Response, next: NextFunction) => {
    const correlationId = correlationIdOf(req);
    req.correlationId = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    trackRequest(req, res, correlationId, logger, metrics, drain);
    if (drain.draining) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      res.status(503).json({
        statusCode: 503,
        error: STATUS_CODES[503],
        message: 'this process is shutting down; retry (another process will answer)',
      });
      return;
    }
    logContext.run({ correlationId }, next);
  });
}
