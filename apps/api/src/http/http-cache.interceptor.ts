import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { Observable } from 'rxjs';
import type { EventStore } from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import { DOCUMENT_STORE, EVENT_STORE } from '@mesas/runtime';
import { matchesEtag, minuteOf, offerToCache } from './response-cache';

/** Current state: a client may reuse it for a few seconds, then must revalidate. */
export const CURRENT = 'public, max-age=5';
/**
 * A past `asOf`: what occurred by then can still change (a new stream may be recorded with a
 * business time in the past), so not immutable; minutes of reuse, then revalidation.
 */
export const HISTORICAL = 'public, max-age=300';
/** Proof data for a fixed tree size: an append-only log never changes it. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** How one route's answers are validated and cached. */
export interface CacheRule {
  /**
   * The projections whose committed checkpoints the answer is computed from: the ETag changes
   * when one of them moves. Empty: the answer depends on the request alone (fixed-size proofs).
   */
  readonly projections: readonly string[];
  /**
   * The answer also reads event streams directly (time travel): it gets a validator only while
   * the first projection has read the whole log, so that the checkpoint covers what was read.
   */
  readonly readsLog?: boolean;
  /** the answer depends on "now": taken at the minute (answerNow), part of the ETag */
  readonly now?: boolean;
  /**
   * The answer is JSON or a download, chosen by `Accept` (or `format`): `Vary: Accept` goes with
   * its 304s as with its 200s, as a shared cache needs to tell them apart (RFC 9110 §15.4.5).
   */
  readonly negotiates?: boolean;
  readonly cacheControl: string;
}

const CACHE_RULE = 'mesas:cache-rule';
/** Declares how a GET route's answers are cached; the rule may depend on the query. */
export const Cacheable = (rule: (req: Request) => CacheRule): MethodDecorator =>
  SetMetadata(CACHE_RULE, rule);

type TimedRequest = Request & { answerNow?: Date };

/**
 * The instant a request is answered "as of now", to the minute: an unchanged store answers the
 * same body, and the same ETag, for a whole minute. The interceptor fixes it once per request.
 */
export function answerNow(req: Request): Date {
  const timed = req as TimedRequest;
  timed.answerNow ??= new Date(Math.floor(Date.now() / 60_000) * 60_000);
  return timed.answerNow;
}

/** Thrown to answer 304: the error filter sends it without a body. */
export class NotModified extends HttpException {
  constructor() {
    super('', 304);
  }
}

/**
 * Strong ETags from what an answer is computed from, checked BEFORE the answer is built: the
 * checkpoints of the projections it reads (one indexed read each), the route, the query, the
 * Accept header and, for answers as of now, the minute. A matching If-None-Match is answered
 * 304 without running the handler. Requests with `minPosition` get no validator (they must
 * wait for the projection, and a 304 must not skip that wait).
 *
 * A body may be built from a checkpoint newer than the one its ETag names (a commit between the
 * two reads); such an ETag is then older than the store and only costs a full answer later,
 * never a stale 304.
 */
@Injectable()
export class HttpCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const ruleOf = this.reflector.get<((req: Request) => CacheRule) | undefined>(
      CACHE_RULE,
      context.getHandler(),
    );
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!ruleOf || (req.method !== 'GET' && req.method !== 'HEAD')) return next.handle();
    const rule = ruleOf(req);
    if (rule.negotiates) res.vary('Accept');
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    if (query.has('minPosition')) {
      res.setHeader('Cache-Control', 'no-cache');
      return next.handle();
    }
    const checkpoints = await Promise.all(
      rule.projections.map((p) => this.documents.checkpoint(p)),
    );
    if (rule.readsLog && (await this.store.lagOf(checkpoints[0] ?? null)) > 0) {
      res.setHeader('Cache-Control', 'no-cache');
      return next.handle();
    }
    query.sort();
    const route = (req as { route?: { path?: string } }).route?.path ?? req.path;
    const key = JSON.stringify([
      route,
      req.params,
      query.toString(),
      req.header('accept') ?? '',
      checkpoints,
      rule.now ? answerNow(req).toISOString() : null,
    ]);
    const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 32)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', rule.cacheControl);
    if (matchesEtag(req.header('if-none-match'), etag)) throw new NotModified();
    // the serialized answer may be served again while these checkpoints hold (ResponseCache);
    // answers that read the log besides a checkpoint are not offered
    if (!rule.readsLog) {
      offerToCache(req, {
        projections: rule.projections,
        checkpoints,
        minute: rule.now ? minuteOf(answerNow(req).getTime()) : null,
        etag,
        cacheControl: rule.cacheControl,
      });
    }
    return next.handle();
  }
}
