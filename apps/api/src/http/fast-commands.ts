import {
  CanActivate,
  ExceptionFilter,
  ForbiddenException,
  HttpStatus,
  PipeTransform,
  RequestMethod,
  Type,
} from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Request, Response } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { JsonLogger, logContext } from '@mesas/runtime';
import type { ApiMetrics } from '../observability/api-metrics';
import { NOT_JSON, bodyLimitBytes, bodyProblem, sendBodyError } from './body-parsing';
import { eligible } from './fast-reads';
import { CorsPolicy, EXPOSED, RateLimits, SECURITY_HEADERS } from './public-edge';
import {
  CORRELATION_HEADER,
  DrainState,
  correlationIdOf,
  trackRequest,
} from './request-context.middleware';
import { servedAs } from './route-label';

/** What the fast path for commands needs of the application, each piece shared with Express's. */
export interface FastCommandEdge {
  readonly logger: JsonLogger | null;
  readonly metrics: ApiMetrics;
  readonly drain: DrainState;
  readonly cors: CorsPolicy;
  readonly rateLimits: RateLimits;
  /** BODY_LIMIT as configured (`64kb`) */
  readonly bodyLimit: string;
  /** the application's global validation pipe (the same instance Nest applies) */
  readonly validation: PipeTransform;
  /** the application's global exception filter (the same class Nest applies) */
  readonly filter: ExceptionFilter;
  /** the Express application: requests and responses get its prototypes, as Express does */
  readonly express: { request: object; response: object };
}

/** One command route: a controller method and how Nest would call it. */
export interface CommandRoute {
  /** the route's pattern, as Express labels it: `/api/v1/problems/:problemId/solutions` */
  readonly pattern: string;
  /** literal segments, and `null` where a path parameter goes (named in `params`) */
  readonly segments: readonly (string | null)[];
  readonly params: readonly string[];
  readonly controllerClass: Type;
  readonly handler: (...args: unknown[]) => unknown;
  readonly controller: object;
  readonly status: number;
  readonly guards: readonly CanActivate[];
  readonly args: readonly RouteArg[];
}

type RouteArg =
  | {
      readonly kind: 'param';
      readonly index: number;
      readonly name: string;
      readonly metatype: unknown;
      readonly pipes: readonly PipeTransform[];
    }
  | {
      readonly kind: 'body';
      readonly index: number;
      readonly metatype: unknown;
      readonly pipes: readonly PipeTransform[];
    }
  | {
      readonly kind: 'custom';
      readonly index: number;
      readonly data: unknown;
      readonly factory: (data: unknown, context: ExecutionContextHost) => unknown;
    };

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type CommandRequest = Request & { correlationId?: string };

/**
 * The command routes of some controllers, read from the metadata Nest routes them by: every
 * POST method whose only enhancers are the given guards (by class), path parameters with their
 * pipes, one body and custom parameter decorators. A route using anything else (another guard,
 * an interceptor, a filter or pipe of its own, response headers, a redirect, a template, an
 * event stream) is left out: Nest alone answers it.
 */
export function commandRoutes(
  prefix: string,
  controllers: readonly object[],
  guards: ReadonlyMap<Type, CanActivate>,
): CommandRoute[] {
  const routes: CommandRoute[] = [];
  for (const controller of controllers) {
    const controllerClass = controller.constructor as Type;
    const base = String(Reflect.getMetadata(PATH_METADATA, controllerClass) ?? '');
    const classGuards = (Reflect.getMetadata(GUARDS_METADATA, controllerClass) ?? []) as Type[];
    if (hasOwnEnhancers(controllerClass)) continue;
    const prototype = Object.getPrototypeOf(controller) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      if (hasOwnEnhancers(handler)) continue;
      const routeGuards = [
        ...classGuards,
        ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Type[]),
      ];
      if (routeGuards.some((g) => !guards.has(g))) continue;
      const args = routeArgs(controllerClass, prototype, name);
      if (args === null) continue;
      const path = [prefix, base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
        .flatMap((part) => part.split('/'))
        .filter(Boolean);
      routes.push({
        pattern: `/${path.join('/')}`,
        segments: path.map((s) => (s.startsWith(':') ? null : s)),
        params: path.filter((s) => s.startsWith(':')).map((s) => s.slice(1)),
        controllerClass,
        handler: handler as CommandRoute['handler'],
        controller,
        status: Number(Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? HttpStatus.CREATED),
        guards: routeGuards.map((g) => guards.get(g)!),
        args,
      });
    }
  }
  return routes;
}

const OWN_ENHANCERS = [
  INTERCEPTORS_METADATA,
  EXCEPTION_FILTERS_METADATA,
  PIPES_METADATA,
  HEADERS_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  SSE_METADATA,
];

function hasOwnEnhancers(target: object): boolean {
  return OWN_ENHANCERS.some((key) => {
    const value: unknown = Reflect.getMetadata(key, target);
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
}

/** The parameters of a handler as Nest resolves them, or null if one is of another kind. */
function routeArgs(controllerClass: Type, prototype: object, name: string): RouteArg[] | null {
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controllerClass, name) ??
    {}) as Record<string, ArgMetadata>;
  const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
  const args: RouteArg[] = [];
  for (const [key, spec] of Object.entries(metadata)) {
    const pipes = (spec.pipes ?? []).map(pipeOf);
    if (pipes.includes(null)) return null;
    const own = pipes as PipeTransform[];
    const metatype = types[spec.index];
    if (key.includes(CUSTOM_ROUTE_ARGS_METADATA)) {
      if (own.length > 0 || typeof spec.factory !== 'function') return null;
      args.push({ kind: 'custom', index: spec.index, data: spec.data, factory: spec.factory });
    } else if (key === `${RouteParamtypes.PARAM}:${spec.index}` && typeof spec.data === 'string') {
      args.push({ kind: 'param', index: spec.index, name: spec.data, metatype, pipes: own });
    } else if (key === `${RouteParamtypes.BODY}:${spec.index}` && spec.data === undefined) {
      args.push({ kind: 'body', index: spec.index, metatype, pipes: own });
    } else {
      return null;
    }
  }
  return args.sort((a, b) => a.index - b.index);
}

interface ArgMetadata {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes?: unknown[];
  readonly factory?: (data: unknown, context: ExecutionContextHost) => unknown;
}

/** A pipe given as an instance, or as a class without dependencies; null for anything else. */
function pipeOf(pipe: unknown): PipeTransform | null {
  if (typeof pipe === 'function') {
    return pipe.length === 0 ? (new (pipe as Type<PipeTransform>)() as PipeTransform) : null;
  }
  return typeof (pipe as PipeTransform | null)?.transform === 'function'
    ? (pipe as PipeTransform)
    : null;
}

/**
 * Answers the command routes before Express and Nest see them, doing what both would do for
 * them and nothing else, with the same pieces: the edge (correlation id, access line and HTTP
 * metrics by route pattern, drain, header checks, security headers, CORS, the limit on failed
 * authentications), the JSON body parser's work and the body checks (`body-parsing.ts`), then
 * Nest's part: the route's guards, its parameters in Nest's order (custom decorators, path
 * parameters, body; the global validation pipe, then the parameter's own pipes), the handler,
 * the status of `@HttpCode` with the result as JSON, and any failure through the global
 * exception filter. Requests and responses get Express's prototypes, as Express gives them, so
 * every answer is written by the same code as on the normal path.
 *
 * A request goes to the application untouched unless its answer is certain to be the same:
 * only a POST to a command route spelled exactly (no query, no percent-encoding, no trailing
 * slash), with `Content-Type: application/json` (UTF-8), a `Content-Length` within BODY_LIMIT
 * and no content or transfer encoding, from an allowed origin or none, while the process is not
 * draining, its client-token headers well formed, and its client not over the limit of failed
 * authentications. Everything else (refusals included) is the application's.
 *
 * On a 2-core machine, Express's middleware chain and Nest's per-request pipeline cost about as
 * much as the command itself (bench/http-commands.bench.ts): this path keeps what they do and
 * drops the machinery.
 */
export function installFastCommands(
  server: Server,
  routes: readonly CommandRoute[],
  edge: FastCommandEdge,
): void {
  const limit = bodyLimitBytes(edge.bodyLimit);
  const application = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  const passOn: Listener = (req, res) => {
    for (const listener of application) listener.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const found = req.method === 'POST' ? matchRoute(routes, req.url ?? '') : null;
    if (found === null || !acceptable(req, edge, limit)) return passOn(req, res);
    const client = req.socket.remoteAddress ?? 'unknown';
    if (!edge.rateLimits.admitCommand(client, res)) return passOn(req, res);
    serve(found.route, found.params, req as CommandRequest, res as Response, edge);
  });
}

/** The route a path names exactly, with its path parameters, or null. */
function matchRoute(
  routes: readonly CommandRoute[],
  url: string,
): { route: CommandRoute; params: Record<string, string> } | null {
  if (url.includes('?') || url.includes('%') || url.endsWith('/')) return null;
  const segments = url.split('/');
  for (const route of routes) {
    if (route.segments.length !== segments.length - 1) continue;
    const params: Record<string, string> = {};
    let p = 0;
    let matched = true;
    for (let i = 0; i < route.segments.length && matched; i++) {
      const literal = route.segments[i];
      const segment = segments[i + 1];
      if (literal === null) {
        if (segment === '') matched = false;
        else params[route.params[p++]] = segment;
      } else if (literal !== segment) matched = false;
    }
    if (matched) return { route, params };
  }
  return null;
}

const JSON_UTF8 = /^application\/json(\s*;\s*charset=("?)utf-8\2)?\s*$/i;

/** Whether the edge and the body parser would pass the request on to its route unchanged. */
function acceptable(req: IncomingMessage, edge: FastCommandEdge, limit: number): boolean {
  if (!eligible(req, edge.drain)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !edge.cors.origins.has(origin)) return false;
  const type = req.headers['content-type'];
  if (type === undefined || !JSON_UTF8.test(type)) return false;
  if (req.headers['content-encoding'] !== undefined) return false;
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  if (length === undefined || !/^[1-9][0-9]{0,9}$/.test(length)) return false;
  return Number(length) <= limit;
}

function serve(
  route: CommandRoute,
  params: Record<string, string>,
  req: CommandRequest,
  res: Response,
  edge: FastCommandEdge,
): void {
  // what Express's own first handler does for every request
  Object.setPrototypeOf(req, edge.express.request);
  Object.setPrototypeOf(res, edge.express.response);
  (req as { res?: Response }).res = res;
  (res as { req?: Request }).req = req;
  res.locals = Object.create(null) as Response['locals'];
  // the edge, in its order (request-context, security headers, CORS)
  const correlationId = correlationIdOf(req);
  req.correlationId = correlationId;
  res.setHeader(CORRELATION_HEADER, correlationId);
  trackRequest(req, res, correlationId, edge.logger, edge.metrics, edge.drain);
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  }
  req.params = params;
  logContext.run({ correlationId }, () => {
    readBody(req).then(
      (text) => {
        let body: unknown;
        try {
          // as the JSON body parser reads UTF-8: a byte-order mark is dropped
          body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch {
          return sendBodyError(res, 400, NOT_JSON);
        }
        const problem = bodyProblem(body);
        if (problem !== null) return sendBodyError(res, 400, problem);
        req.body = body;
        // labelled by its route from here on, as Express's router labels what reaches it
        servedAs(req, route.pattern);
        return run(route, req, res, edge);
      },
      // the client went away before sending its whole body: nothing to answer
      () => res.destroy(),
    );
  });
}

/** The whole body, as UTF-8 text (its length was checked against the limit). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/** Nest's part: guards, parameters, the handler, the answer or the exception filter. */
async function run(
  route: CommandRoute,
  req: CommandRequest,
  res: Response,
  edge: FastCommandEdge,
): Promise<void> {
  const context = new ExecutionContextHost(
    [req, res, () => undefined],
    route.controllerClass,
    route.handler,
  );
  context.setType('http');
  try {
    for (const guard of route.guards) {
      if (!(await guard.canActivate(context))) throw new ForbiddenException('Forbidden resource');
    }
    const args: unknown[] = new Array(route.args.length);
    // Nest resolves the parameters together: custom decorators fail first (they run as their
    // value is extracted), then path parameters, then the body (its validation takes longest)
    for (const arg of route.args) {
      if (arg.kind === 'custom') args[arg.index] = arg.factory(arg.data, context);
    }
    for (const arg of route.args) {
      if (arg.kind === 'custom') continue;
      const metadata =
        arg.kind === 'param'
          ? { type: 'param' as const, metatype: arg.metatype as Type, data: arg.name }
          : { type: 'body' as const, metatype: arg.metatype as Type, data: undefined };
      let value: unknown = arg.kind === 'param' ? req.params[arg.name] : req.body;
      for (const pipe of [edge.validation, ...arg.pipes]) {
        value = await pipe.transform(value, metadata);
      }
      args[arg.index] = value;
    }
    const result = await route.handler.apply(route.controller, args);
    if (res.headersSent) return;
    res.status(route.status);
    if (result === undefined || result === null) res.send();
    else if (typeof result === 'object') res.json(result);
    else res.send(String(result));
  } catch (error) {
    edge.filter.catch(error, context);
  }
}
