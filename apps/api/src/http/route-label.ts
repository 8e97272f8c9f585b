import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';

/**
 * How a request is labelled in the access log and the HTTP metrics: by the route pattern it
 * matched, never the raw URL (so ids do not multiply the series).
 */
const SERVED_AS = Symbol('mesas:served-as');

/** Labels a request answered before any router ran (the response cache) with its route. */
export function servedAs(req: IncomingMessage, route: string): void {
  (req as IncomingMessage & { [SERVED_AS]?: string })[SERVED_AS] = route;
}

/** The route pattern a request matched (`/api/v1/mesas/:mesaId`), never the raw URL. */
export function routeOf(req: Request, status: number): string {
  const served = (req as Request & { [SERVED_AS]?: string })[SERVED_AS];
  if (served !== undefined) return served;
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  // no route matched: the portal's static files, or a refusal before routing
  return status < 400 ? '(static)' : '(no route)';
}
