import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { STATUS_CODES, ServerResponse } from 'node:http';
import type { AppConfig } from '@mesas/runtime';

/**
 * The headers every answer carries (helmet): nosniff, no framing by other sites, no referrer
 * beyond the origin, HSTS, and a Content-Security-Policy the portal runs under: scripts, styles,
 * images and fetches from this origin only. The portal colours its legend with `style`
 * attributes, so attribute styles (which cannot run code) are allowed; inline scripts are not.
 * Swagger UI at /docs needs inline styles and data: images.
 */
const CSP_COMMON = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
};
const PORTAL_HEADERS = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      ...CSP_COMMON,
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
});
const DOCS_HEADERS = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      ...CSP_COMMON,
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https:'],
    },
  },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
});

export function installSecurityHeaders(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  // Express's own ETags hash the body after building it (weak, on every JSON answer); ours are
  // computed from checkpoints before (HttpCacheInterceptor)
  express.disable('etag');
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path === '/docs' || req.path.startsWith('/docs/') ? DOCS_HEADERS : PORTAL_HEADERS)(
      req,
      res,
      next,
    ),
  );
}

/**
 * The security headers of every answer outside /docs, as the middleware sets them: helmet's
 * headers depend on nothing in the request (no nonces), so the fast path for cached reads sets
 * this list, recorded once from the same middleware.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = (() => {
  const headers = new Map<string, readonly [string, string]>();
  const recorder = {
    setHeader: (name: string, value: unknown) =>
      headers.set(name.toLowerCase(), [name, String(value)]),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let done = false;
  PORTAL_HEADERS({} as Request, recorder as unknown as Response, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously');
  return [...headers.values()];
})();

const READ_METHODS = new Set(['GET', 'HEAD']);
/** what a page of another origin may read from an answer (beyond the CORS-safelisted ones) */
export const EXPOSED = 'ETag, Mesas-Tree-Size, X-Correlation-Id, Retry-After';
/** what a cross-origin read may send: validators and a correlation id, never a token */
const READ_HEADERS = 'Accept, Accept-Language, If-None-Match, X-Correlation-Id';
const COMMAND_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Correlation-Id';

/**
 * CORS. Public reads are open to every origin (`Access-Control-Allow-Origin: *`, no
 * credentials, and no Authorization header allowed in a cross-origin read): anyone may build a
 * page on the open data. Commands (and authenticated reads) are for the origins in
 * CORS_ORIGINS only: their preflight is refused (403) for any other origin, and a command that
 * carries another Origin is refused before it runs. Clients that send no Origin (servers,
 * curl, the CLI) are not concerned.
 */
export function installCors(app: INestApplication, allowed: readonly string[]): CorsPolicy {
  const policy = new CorsPolicy(allowed);
  const origins = policy.origins;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    res.vary('Origin');
    const trusted = origin !== undefined && origins.has(origin);
    if (req.method === 'OPTIONS' && origin !== undefined) {
      const method = (req.header('access-control-request-method') ?? '').toUpperCase();
      const asked = (req.header('access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      const readOnly =
        READ_METHODS.has(method) &&
        asked.every((h) => READ_HEADERS.toLowerCase().split(', ').includes(h));
      if (!trusted && !readOnly) {
        return void res.status(403).json({
          statusCode: 403,
          error: STATUS_CODES[403],
          message: `origin ${origin} may not send ${method || 'this request'} here (CORS_ORIGINS)`,
        });
      }
      res.setHeader('Access-Control-Allow-Origin', trusted ? origin : '*');
      res.setHeader('Access-Control-Allow-Methods', trusted ? 'GET, HEAD, POST' : 'GET, HEAD');
      res.setHeader('Access-Control-Allow-Headers', trusted ? COMMAND_HEADERS : READ_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      return void res.status(204).end();
    }
    if (READ_METHODS.has(req.method)) {
      policy.readHeaders(res, origin);
      return next();
    }
    if (origin !== undefined && !trusted) {
      return void res.status(403).json({
        statusCode: 403,
        error: STATUS_CODES[403],
        message: `origin ${origin} may not send commands here (CORS_ORIGINS)`,
      });
    }
    if (trusted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED);
    }
    next();
  });
  return policy;
}

/** The origins trusted with commands, and the CORS headers of a read. */
export class CorsPolicy {
  readonly origins: ReadonlySet<string>;

  constructor(allowed: readonly string[]) {
    this.origins = new Set(allowed);
  }

  /** The headers of a GET or HEAD (after `Vary: Origin`), from any origin or none. */
  readHeaders(res: ServerResponse, origin: string | undefined): void {
    res.setHeader('Access-Control-Allow-Origin', this.allowOrigin(origin));
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  }

  /** Access-Control-Allow-Origin of a read: the origin when trusted, else any. */
  allowOrigin(origin: string | undefined): string {
    return origin !== undefined && this.origins.has(origin) ? origin : '*';
  }
}

/**
 * Counts per client over one-minute windows, each starting at the client's first request after
 * its previous window ended (so a burst is never split by a wall-clock minute boundary).
 * Memory is bounded by the clients seen within the last minute: windows that ended are swept.
 */
export class MinuteCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private current(key: string): { start: number; count: number } | null {
    const now = this.now();
    if (now - this.sweptAt >= 60_000) {
      for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
      this.sweptAt = now;
    }
    const window = this.windows.get(key);
    return window && now - window.start < 60_000 ? window : null;
  }

  count(key: string): number {
    return this.current(key)?.count ?? 0;
  }

  hit(key: string): number {
    const window = this.current(key);
    if (window) return ++window.count;
    this.windows.set(key, { start: this.now(), count: 1 });
    return 1;
  }

  /** whole seconds until the client's window ends (at least 1) */
  retryAfter(key: string): number {
    const window = this.current(key);
    if (!window) return 1;
    return Math.max(1, Math.ceil((window.start + 60_000 - this.now()) / 1000));
  }
}

/**
 * Per client IP (the socket's peer: behind a reverse proxy, every client is the proxy):
 * - failed authentication: after RATE_LIMIT_AUTH_FAILURES_PER_MINUTE answers 401 in a minute,
 *   every request carrying a token, and every command, is answered 429 until the minute ends,
 *   without checking the token, so guessing tokens costs a minute per batch;
 * - public reads: GET/HEAD beyond RATE_LIMIT_READS_PER_MINUTE in a minute are answered 429.
 * Both with `Retry-After` (seconds). 0 turns a limit off. /metrics and the health routes are
 * not limited (monitoring must see an overloaded process).
 */
export function installRateLimits(
  app: INestApplication,
  limits: AppConfig['rateLimits'],
  now: () => number = Date.now,
): RateLimits {
  const rateLimits = new RateLimits(limits, now);
  app.use(rateLimits.middleware);
  return rateLimits;
}

/** The counters of both limits, shared by the middleware and the fast path for cached reads. */
export class RateLimits {
  private readonly failures: MinuteCounter;
  private readonly reads: MinuteCounter;

  constructor(
    private readonly limits: AppConfig['rateLimits'],
    now: () => number = Date.now,
  ) {
    this.failures = new MinuteCounter(now);
    this.reads = new MinuteCounter(now);
  }

  /**
   * For the fast path: a GET or HEAD without credentials, outside /metrics and health. Counts it
   * as the middleware would and says true, unless the middleware would refuse it (false: the
   * request is left to the middleware, which counts and refuses it).
   */
  admitPublicRead(client: string): boolean {
    const limit = this.limits.readsPerMinute;
    if (limit <= 0) return true;
    if (this.reads.count(client) >= limit) return false;
    this.reads.hit(client);
    return true;
  }

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const limits = this.limits;
    const failures = this.failures;
    const reads = this.reads;
    if (req.path === '/metrics' || req.path.startsWith('/api/v1/health')) return next();
    const client = req.socket.remoteAddress ?? 'unknown';
    const refuse = (counter: MinuteCounter, message: string): void => {
      res.setHeader('Retry-After', String(counter.retryAfter(client)));
      res.status(429).json({ statusCode: 429, error: STATUS_CODES[429], message });
    };
    const authenticating =
      req.header('authorization') !== undefined || !READ_METHODS.has(req.method);
    if (
      limits.authFailuresPerMinute > 0 &&
      authenticating &&
      failures.count(client) >= limits.authFailuresPerMinute
    ) {
      return refuse(
        failures,
        `too many failed authentications from this client (limit ${limits.authFailuresPerMinute} a minute)`,
      );
    }
    if (limits.readsPerMinute > 0 && READ_METHODS.has(req.method)) {
      if (reads.hit(client) > limits.readsPerMinute) {
        return refuse(
          reads,
          `too many requests from this client (limit ${limits.readsPerMinute} reads a minute)`,
        );
      }
    }
    this.countAuthFailure(client, res);
    next();
  };

  /**
   * For the fast path of commands (a POST with credentials to check): false when the middleware
   * would refuse it for this client's failed authentications (it is then left to the
   * middleware, which refuses it); otherwise true, and its answer counts as the middleware's
   * does (a 401 is one failure more).
   */
  admitCommand(client: string, res: ServerResponse): boolean {
    const limit = this.limits.authFailuresPerMinute;
    if (limit > 0 && this.failures.count(client) >= limit) return false;
    this.countAuthFailure(client, res);
    return true;
  }

  private countAuthFailure(client: string, res: ServerResponse): void {
    if (this.limits.authFailuresPerMinute <= 0) return;
    res.once('finish', () => {
      if (res.statusCode === 401) this.failures.hit(client);
    });
  }
}
