import express from 'express';
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { CacheCandidate, ResponseCache, minuteOf, offerToCache } from './response-cache';

/**
 * The cache against a checkpoint source the test moves itself, as another process running the
 * projections (the server profile) or a rebuild would: what is served, and when never again.
 */
describe('ResponseCache', () => {
  let checkpoint: string | null;
  let now: number;
  let cache: ResponseCache;
  let app: express.Express;
  /** set by a test: what happens between the interceptor's read and the answer */
  let whileBuilding: () => void;

  beforeEach(() => {
    checkpoint = '10';
    now = 120_000;
    whileBuilding = () => undefined;
    cache = new ResponseCache(
      { checkpoint: async () => checkpoint },
      { now: () => now, maxEntries: 3 },
    );
    app = express();
    app.use(cache.capturing);
    app.get('/api/v1/:name', (req, res) => {
      const candidate: CacheCandidate = {
        projections: ['matrix'],
        checkpoints: [checkpoint],
        minute: req.query.now ? minuteOf(now) : null,
        etag: `"${req.params.name}-${checkpoint}"`,
        cacheControl: 'public, max-age=5',
      };
      offerToCache(req, candidate);
      whileBuilding();
      if (req.params.name === 'stream') {
        res.write('part');
        res.end('rest');
        return;
      }
      if (req.params.name === 'missing') {
        res.status(404).json({ statusCode: 404 });
        return;
      }
      res.json({ name: req.params.name, at: checkpoint });
    });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    ({ method: 'GET', url, headers }) as unknown as IncomingMessage;

  /** GETs `url` through the app and waits for the cache to decide whether to store it. */
  async function answer(url: string): Promise<void> {
    await request(app).get(url);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  }

  it('serves a stored answer while its checkpoint holds, never once it moved', async () => {
    await answer('/api/v1/a');
    const hit = await cache.lookup(get('/api/v1/a'));
    expect(hit?.entry.body.toString()).toBe('{"name":"a","at":"10"}');
    expect(hit?.entry.etag).toBe('"a-10"');

    checkpoint = '11'; // committed elsewhere: no signal but the checkpoint itself
    expect(await cache.lookup(get('/api/v1/a'))).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('does not store an answer built while the checkpoint moved', async () => {
    whileBuilding = () => (checkpoint = '12');
    await answer('/api/v1/b');
    expect(cache.size).toBe(0);
    expect(await cache.lookup(get('/api/v1/b'))).toBeNull();
  });

  it('serves an answer "as of now" within its minute only', async () => {
    await answer('/api/v1/c?now=1');
    expect(await cache.lookup(get('/api/v1/c?now=1'))).not.toBeNull();
    now += 60_000;
    expect(await cache.lookup(get('/api/v1/c?now=1'))).toBeNull();
  });

  it('keys on the sorted query and Accept', async () => {
    await answer('/api/v1/d?y=2&x=1');
    expect(await cache.lookup(get('/api/v1/d?x=1&y=2'))).not.toBeNull();
    expect(await cache.lookup(get('/api/v1/d?x=1&y=2', { accept: 'text/csv' }))).toBeNull();
    expect(await cache.lookup(get('/api/v1/d?x=1'))).toBeNull();
  });

  it('stores neither streams nor errors, and never answers minPosition or credentials', async () => {
    await answer('/api/v1/stream');
    await answer('/api/v1/missing');
    expect(cache.size).toBe(0);
    await answer('/api/v1/e');
    expect(cache.lookup(get('/api/v1/e?minPosition=3'))).toBeUndefined();
    expect(cache.lookup(get('/api/v1/e', { authorization: 'Bearer x' }))).toBeUndefined();
    expect(cache.lookup({ ...get('/api/v1/e'), method: 'POST' } as IncomingMessage)).toBe(
      undefined,
    );
    expect(cache.lookup(get('/portal/e'))).toBeUndefined();
  });

  it('keeps at most maxEntries, the least recently served out first', async () => {
    for (const name of ['f1', 'f2', 'f3']) await answer(`/api/v1/${name}`);
    await cache.lookup(get('/api/v1/f1')); // a lookup alone does not refresh it…
    await answer('/api/v1/f4');
    expect(cache.size).toBe(3);
    expect(await cache.lookup(get('/api/v1/f1'))).toBeNull();
    expect(await cache.lookup(get('/api/v1/f4'))).not.toBeNull();
  });
});
