import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { JsonLogger } from '@mesas/runtime';
import type { ApiMetrics } from '../observability/api-metrics';
import { CorsPolicy, EXPOSED, RateLimits, SECURITY_HEADERS } from './public-edge';
import {
  CORRELATION_HEADER,
  DrainState,
  correlationIdOf,
  trackRequest,
} from './request-context.middleware';
import { CLIENT_TOKEN_HEADERS, isClientToken } from './request-headers';
import type { Hit, ResponseCache } from './response-cache';

/** What the fast path does for a cached read, each piece shared with the normal path. */
export interface FastReadEdge {
  readonly cache: ResponseCache;
  readonly logger: JsonLogger | null;
  readonly metrics: ApiMetrics;
  readonly drain: DrainState;
  readonly cors: CorsPolicy;
  readonly rateLimits: RateLimits;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const SECURITY_HEADER_LIST: readonly string[] = SECURITY_HEADERS.flat();

/**
 * Answers public reads the response cache holds a fresh answer for before Express and Nest see
 * them, doing for them what the edge does for every request: the correlation id (echoed), the
 * access line and HTTP metrics (by route pattern), the drain, the header checks, the security
 * headers, CORS and the read limit per client; then the cached status, headers and body, or a
 * 304. Everything else (a miss, a request the edge would refuse or treat differently) goes to
 * the application untouched, which answers it, and offers its answer to the cache.
 *
 * On a 2-core machine the whole Express/Nest pipeline costs several times the work of writing a
 * cached answer (bench/http-reads.bench.ts); this path keeps the edge and drops the pipeline.
 */
export function installFastReads(server: Server, edge: FastReadEdge): void {
  const application = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  const passOn: Listener = (req, res) => {
    for (const listener of application) listener.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const found = eligible(req, edge.drain) ? edge.cache.lookup(req) : undefined;
    if (found === undefined) return passOn(req, res);
    found.then(
      (hit) => (hit ? answer(hit, req, res, edge, passOn) : passOn(req, res)),
      () => passOn(req, res),
    );
  });
}

/**
 * Whether the edge would pass the request on unchanged to a route: not while draining (503),
 * no malformed or repeated client token header (400; a repeated one arrives joined by ", ",
 * which no valid token contains).
 */
export function eligible(req: IncomingMessage, drain: DrainState): boolean {
  if (drain.draining) return false;
  for (const name of CLIENT_TOKEN_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined && (typeof value !== 'string' || !isClientToken(value))) return false;
  }
  return true;
}

function answer(
  hit: Hit,
  req: IncomingMessage,
  res: ServerResponse,
  edge: FastReadEdge,
  passOn: Listener,
): void {
  // the cache answers GET and HEAD without credentials only: the read limit is the one to pass
  if (!edge.rateLimits.admitPublicRead(req.socket.remoteAddress ?? 'unknown')) {
    return passOn(req, res);
  }
  const correlationId = correlationIdOf(req);
  trackRequest(req, res, correlationId, edge.logger, edge.metrics, edge.drain);
  // the headers the edge middlewares set, in their order (Vary comes with the cached answer)
  const headers = [CORRELATION_HEADER, correlationId, ...SECURITY_HEADER_LIST];
  headers.push(
    'Access-Control-Allow-Origin',
    edge.cors.allowOrigin(req.headers.origin),
    'Access-Control-Expose-Headers',
    EXPOSED,
  );
  edge.cache.serve(hit, req, res, headers);
}
