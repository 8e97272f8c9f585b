import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogCheckpoint } from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import { routeOf, servedAs } from './route-label';

/** headers of one connection or one moment, never stored (the drain may set Connection) */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

/** Only answers under this prefix are ever cached (the portal and /tlog have their own rules). */
const CACHED_PREFIX = '/api/v1/';

/**
 * What the cache interceptor (HttpCacheInterceptor) leaves on a request whose answer may be
 * stored: the checkpoints it read before the handler ran, the minute "now" was taken at, and
 * the ETag it sent.
 */
export interface CacheCandidate {
  readonly projections: readonly string[];
  readonly checkpoints: readonly (LogCheckpoint | null)[];
  /** minutes since the epoch of the answer's "now", or null when it does not depend on it */
  readonly minute: number | null;
  readonly etag: string;
  readonly cacheControl: string;
}

const CANDIDATE = Symbol('mesas:cache-candidate');
type CacheableRequest = Request & { [CANDIDATE]?: CacheCandidate };

/** Marks the request's answer as storable (called by the cache interceptor). */
export function offerToCache(req: Request, candidate: CacheCandidate): void {
  (req as CacheableRequest)[CANDIDATE] = candidate;
}

/** The minute (since the epoch) an answer "as of now" is taken at; see answerNow. */
export const minuteOf = (ms: number): number => Math.floor(ms / 60_000);

export interface Entry extends CacheCandidate {
  readonly route: string;
  /**
   * the headers the route set (beyond those of the edge, which every request gets anew), as a
   * flat name/value list, Vary first
   */
  readonly headers: readonly string[];
  readonly body: Buffer;
}

/** A fresh answer found for a request, and its key. */
export interface Hit {
  readonly key: string;
  readonly entry: Entry;
}

export interface ResponseCacheOptions {
  /** most answers kept (least recently served first out) */
  readonly maxEntries?: number;
  /** most body bytes kept */
  readonly maxBytes?: number;
  readonly now?: () => number;
}

/**
 * Serialized answers of public GETs, each stored with the committed checkpoints of the
 * projections it was computed from and served again, byte for byte, only while every one of
 * those checkpoints is still where it was, read after the request arrived (one read per
 * projection, shared by the requests of one event-loop turn), and, for answers "as of now",
 * within the same minute.
 *
 * An answer is stored only if the checkpoints read before its handler ran (those its ETag
 * names) are also those read after it was sent: a commit in between would leave a body that
 * might mix two states, and it is not stored. Checkpoints only move forward (a rebuild swaps in
 * a generation at or past the live one, with the same documents at the same checkpoint), so an
 * entry whose checkpoints match is exactly what the handler would build now. This holds
 * whichever process runs the projections (the checkpoint is read from the read-model store).
 *
 * Keyed by the path, the sorted query and the Accept header: everything else an answer depends
 * on is in its checkpoints and minute. Reads with `minPosition` (which must wait) or with an
 * Authorization header are never served nor stored; only 200s with a whole body are stored
 * (not streams, not errors, not HEAD). Answers are captured behind the edge middlewares
 * (`capturing`) and served by the fast path in front of Express (fast-reads.ts), which does the
 * edge's work itself (decision 0021).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly documents: Pick<DocumentStore, 'checkpoint'>,
    options: ResponseCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The fresh answer stored for a request, or null (none, or its checkpoints moved: then it is
   * dropped). Undefined when the request is not one the cache answers at all. No side effect
   * on the request or the response.
   */
  lookup(req: IncomingMessage): Promise<Hit | null> | undefined {
    const key = keyOf(req);
    if (key === null) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return Promise.resolve(null);
    if (entry.minute !== null && entry.minute !== minuteOf(this.now())) {
      this.forget(key);
      return Promise.resolve(null);
    }
    return this.checkpointsNow(entry.projections).then((now) => {
      if (now.every((c, i) => c === entry.checkpoints[i])) return { key, entry };
      if (this.entries.get(key) === entry) this.forget(key);
      return null;
    });
  }

  /** a checkpoint read scheduled and not yet started, per projection list */
  private readonly pending = new Map<string, Promise<(LogCheckpoint | null)[]>>();

  /**
   * The committed checkpoints, read after the request asking for them arrived. Requests that
   * arrive in the same turn of the event loop share one read, made once they have all been
   * received (setImmediate): it is later than each of them, so what any of them is answered is
   * at least as new as the store when it arrived.
   */
  private checkpointsNow(projections: readonly string[]): Promise<(LogCheckpoint | null)[]> {
    const id = projections.join('\n');
    const scheduled = this.pending.get(id);
    if (scheduled !== undefined) return scheduled;
    const read = new Promise<(LogCheckpoint | null)[]>((resolve, reject) =>
      setImmediate(() => {
        this.pending.delete(id);
        Promise.all(projections.map((p) => this.documents.checkpoint(p))).then(resolve, reject);
      }),
    );
    this.pending.set(id, read);
    return read;
  }

  /** The middleware of the normal path: offers what the route answers to the cache. */
  readonly capturing = (req: Request, res: Response, next: NextFunction): void => {
    const key = keyOf(req);
    if (key !== null) this.capture(key, req, res);
    next();
  };

  /**
   * Writes a hit in one `writeHead`: the edge's headers (`edge`, a flat name/value list), then
   * the headers the route set, and the body it gave; or a 304 as the cache interceptor gives it
   * (the edge's headers, the 200's Vary, ETag and Cache-Control).
   */
  serve({ key, entry }: Hit, req: IncomingMessage, res: ServerResponse, edge: string[]): void {
    servedAs(req, entry.route);
    // most recently served last: the first key is the one to evict
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    if (matchesEtag(req.headers['if-none-match'], entry.etag)) {
      // Vary as on the 200 (stored first): Origin, and Accept where the route negotiates
      edge.push('Vary', entry.headers[1], 'ETag', entry.etag, 'Cache-Control', entry.cacheControl);
      res.writeHead(304, edge);
      res.end();
      return;
    }
    for (let i = 0; i < entry.headers.length; i++) edge.push(entry.headers[i]);
    res.writeHead(200, edge);
    res.end(entry.body);
  }

  /**
   * Watches the answer the route gives: if the interceptor offered it, it is a 200 written in
   * one piece, and the checkpoints have not moved once it is sent, it is stored.
   */
  private capture(key: string, req: Request, res: Response): void {
    const before = res.getHeaders();
    let streamed = false;
    const write = res.write;
    res.write = function (this: Response, ...args: unknown[]) {
      streamed = true;
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as Response['write'];
    const end = res.end;
    const store = (entry: Entry) => void this.store(key, entry);
    res.end = function (this: Response, ...args: unknown[]) {
      const candidate = (req as CacheableRequest)[CANDIDATE];
      const [chunk, encoding] = args;
      if (
        candidate !== undefined &&
        req.method === 'GET' &&
        res.statusCode === 200 &&
        !streamed &&
        (typeof chunk === 'string' || Buffer.isBuffer(chunk))
      ) {
        const body =
          typeof chunk === 'string'
            ? Buffer.from(
                chunk,
                typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
              )
            : chunk;
        // what the route set beyond the edge (whose headers the fast path sets itself); Vary
        // comes from both (Origin, then what the route varies on): always stored
        const headers: string[] = ['Vary', String(res.getHeader('vary') ?? 'Origin')];
        // getRawHeaderNames (node 15.13): the names as the route spelled them
        const raw = (res as unknown as { getRawHeaderNames(): string[] }).getRawHeaderNames();
        for (const name of raw) {
          const value = res.getHeader(name);
          const lower = name.toLowerCase();
          if (lower === 'vary' || HOP_BY_HOP.has(lower) || value === undefined) continue;
          if (String(before[lower]) === String(value)) continue;
          for (const one of Array.isArray(value) ? value : [value]) headers.push(name, String(one));
        }
        const route = routeOf(req, 200);
        res.once('finish', () => store({ ...candidate, route, headers, body }));
      }
      return (end as (...a: unknown[]) => Response).apply(this, args);
    } as Response['end'];
  }

  private async store(key: string, entry: Entry): Promise<void> {
    if (entry.body.length > this.maxBytes / 4) return;
    try {
      for (let i = 0; i < entry.projections.length; i++) {
        if ((await this.documents.checkpoint(entry.projections[i])) !== entry.checkpoints[i]) {
          return;
        }
      }
    } catch {
      return; // not stored: the next request builds its answer again
    }
    this.forget(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      this.forget(this.entries.keys().next().value as string);
    }
  }

  private forget(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }
}

/**
 * The cache key of a request, or null when it is not one the cache may answer: a GET or HEAD
 * under /api/v1/ without credentials and without `minPosition`. Path, sorted query, Accept.
 */
function keyOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  if (!url.startsWith(CACHED_PREFIX)) return null;
  if (req.headers.authorization !== undefined) return null;
  const accept = req.headers.accept ?? '';
  const mark = url.indexOf('?');
  if (mark < 0) return `${url}\n${accept}`;
  const query = new URLSearchParams(url.slice(mark + 1));
  if (query.has('minPosition')) return null;
  query.sort();
  return `${url.slice(0, mark)}?${query.toString()}\n${accept}`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Installs the capture of answers to cache after the edge (rate limits included). */
export function installResponseCache(app: INestApplication, cache: ResponseCache): void {
  app.use(cache.capturing);
}
