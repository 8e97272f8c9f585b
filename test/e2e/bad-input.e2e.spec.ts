import type { Response } from 'supertest';
import {
  SeededMesa,
  logLength,
  ok,
  seedAcceptedProblem,
  seedLaunchedMesa,
} from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * Bad input of every kind is a 4xx with a JSON `message` saying what was wrong — never a 500 —
 * and appends nothing to the log.
 */
describe('bad input over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  let mesa: SeededMesa;
  let p: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });
    mesa = await seedLaunchedMesa(t, coordinator, 'malo');
    p = await seedAcceptedProblem(t, coordinator, mesa);
    await ok(
      t,
      `/problems/${p}/tasks`,
      { taskId: 't1', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-01-31' },
      coordinator,
    );
  });
  afterAll(() => t.close());

  /** Sends a raw request; asserts the status, a JSON message, and that the log did not grow. */
  const refused = async (
    status: number,
    path: string,
    body: string | object | undefined,
    contentType: string | null = 'application/json',
  ): Promise<string | string[]> => {
    const before = await logLength(t);
    let req = t.http.post(`${API}${path}`).set('authorization', `Bearer ${coordinator}`);
    if (contentType !== null) req = req.set('content-type', contentType);
    const res: Response = body === undefined ? await req : await req.send(body as string);
    expect({ path, status: res.status, body: res.body }).toEqual({
      path,
      status,
      body: expect.objectContaining({ statusCode: status, message: expect.anything() }),
    });
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const message = res.body.message as string | string[];
    expect([message].flat().join(' ').length).toBeGreaterThan(5);
    expect(await logLength(t)).toBe(before);
    return message;
  };
  const text = (message: string | string[]) => [message].flat().join(' | ');

  describe('the body as a whole', () => {
    it.each([
      ['malformed JSON', '{"rank": 1', /not valid JSON/],
      ['a JSON array', '[{"rank": 1}]', /JSON object/],
      ['a JSON string', '"rank"', /JSON object/],
      ['JSON null', 'null', /JSON object/],
      ['a JSON number', '1', /JSON object/],
      ['trailing garbage', '{"rank": 1} x', /not valid JSON/],
    ])('%s → 400', async (_what, raw, message) => {
      expect(text(await refused(400, `/problems/${p}/prioritize`, raw))).toMatch(message);
    });

    it.each([
      ['text/plain', 'rank=1'],
      ['application/x-www-form-urlencoded', 'rank=1'],
      ['application/xml', '<rank>1</rank>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="rank"\r\n\r\n1\r\n--x--',
      ],
    ])('a body sent as %s → 415', async (type, raw) => {
      expect(text(await refused(415, `/problems/${p}/prioritize`, raw, type))).toMatch(
        /application\/json/,
      );
    });

    it('a body larger than 64kb → 413', async () => {
      const huge = JSON.stringify({ text: 'x'.repeat(70 * 1024) });
      expect(text(await refused(413, `/problems/${p}/solutions`, huge))).toMatch(
        /larger than 64kb/,
      );
    });

    it('a deeply nested value inside a field → 400, not a stack overflow', async () => {
      const deep = `{"text": ${'['.repeat(20000)}${']'.repeat(20000)}}`;
      await refused(400, `/problems/${p}/solutions`, deep);
    });

    it('an unsupported charset → 415', async () => {
      await refused(
        415,
        `/problems/${p}/prioritize`,
        '{"rank": 1}',
        'application/json; charset=ibm500',
      );
    });
  });

  describe('the fields', () => {
    it.each([
      ['rank as a string', `/problems/{p}/prioritize`, { rank: '1' }, /rank/],
      ['rank 0', `/problems/{p}/prioritize`, { rank: 0 }, /rank must not be less than 1/],
      ['rank 1.5', `/problems/{p}/prioritize`, { rank: 1.5 }, /rank must be an integer/],
      [
        'viable as "yes"',
        `/mesas/{m}/viability`,
        { viable: 'yes', notes: 'n' },
        /viable must be a boolean/,
      ],
      [
        'before as a string',
        `/problems/{p}/impact`,
        { indicator: 'días', unit: 'días', before: '270', after: 3 },
        /before must be a number/,
      ],
      [
        'attendees not an array',
        `/mesas/{m}/sessions`,
        { type: 'regular', heldOn: '2024-01-10', attendees: 'equipo' },
        /attendees must be an array/,
      ],
      [
        'attendees of numbers',
        `/mesas/{m}/sessions`,
        { type: 'regular', heldOn: '2024-01-10', attendees: [1, 2] },
        /attendee/,
      ],
      [
        'kind not one of sector|factor',
        '/mesas',
        { name: 'X', kind: 'vertical', scope: 's', convener: 'P' },
        /kind must be one of/,
      ],
      [
        'cadenceDays 10',
        '/mesas',
        { name: 'X', kind: 'sector', scope: 's', convener: 'P', cadenceDays: 10 },
        /cadenceDays/,
      ],
      [
        'an empty title',
        `/mesas/{m}/problems`,
        { title: '', barrier: 'other', raisedBy: 'gremio' },
        /title should not be empty/,
      ],
      [
        'a title that is too long',
        `/mesas/{m}/problems`,
        { title: 'x'.repeat(301), barrier: 'other', raisedBy: 'gremio' },
        /title must be at most 200 characters/,
      ],
      [
        'a number where text goes',
        `/problems/{p}/resolve`,
        { outcome: 42 },
        /outcome must be a string/,
      ],
      [
        'an id in the body that is not an id',
        `/mesas/{m}/problems`,
        { problemId: 'Con Mayúsculas', title: 't', barrier: 'other', raisedBy: 'gremio' },
        /problemId must match/,
      ],
      [
        'sessionId that is not an id',
        `/problems/{p}/prioritize`,
        { rank: 1, sessionId: 'S 1' },
        /sessionId must match/,
      ],
      [
        'a rejected filter without a reason',
        `/problems/{q}/filter`,
        { decision: 'rejected' },
        /reason is required when the problem is rejected/,
      ],
      [
        'a rejected filter with a blank reason',
        `/problems/{q}/filter`,
        { decision: 'rejected', reason: '' },
        /reason is required/,
      ],
      [
        'a date that does not exist',
        `/problems/{p}/tasks`,
        { title: 't', responsibleEntity: 'SERFOR', dueOn: '2015-02-30' },
        /dueOn must be a real calendar date/,
      ],
      [
        'a date not written YYYY-MM-DD',
        `/problems/{p}/tasks`,
        { title: 't', responsibleEntity: 'SERFOR', dueOn: '30/01/2030' },
        /dueOn must be a date as YYYY-MM-DD/,
      ],
      [
        'an infinite number',
        `/problems/{p}/impact`,
        '{"indicator":"d","unit":"d","before":1e999,"after":3}',
        /before must be a number/,
      ],
      [
        'occurredAt not ISO-8601',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: 'ayer' },
        /occurredAt/,
      ],
      [
        'occurredAt on a day that does not exist',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: '2015-02-30T10:00:00Z' },
        /occurredAt/,
      ],
      [
        'occurredAt as a number',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: 1423562400000 },
        /occurredAt/,
      ],
      [
        'occurredAt as an ISO week date',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: '2015-W06-2' },
        /occurredAt/,
      ],
      [
        'occurredAt as an ISO ordinal date',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: '2015-041' },
        /occurredAt/,
      ],
      [
        'occurredAt in the basic format',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: '20150210T100000Z' },
        /occurredAt/,
      ],
      [
        'occurredAt with an hour only',
        `/problems/{p}/prioritize`,
        { rank: 1, occurredAt: '2015-02-10T10Z' },
        /occurredAt/,
      ],
    ])('%s → 400 naming the field', async (_what, path, body, message) => {
      const q = path.includes('{q}') ? await raise() : '';
      const resolved = path.replace('{p}', p).replace('{m}', mesa.mesaId).replace('{q}', q);
      expect(
        text(await refused(400, resolved, typeof body === 'string' ? body : JSON.stringify(body))),
      ).toMatch(message);
    });

    it('unknown fields → 400 naming each field', async () => {
      const message = text(
        await refused(
          400,
          `/problems/${p}/prioritize`,
          JSON.stringify({ rank: 1, priority: 'high', actor: 'me' }),
        ),
      );
      expect(message).toMatch(/property priority should not exist/);
      expect(message).toMatch(/property actor should not exist/);
    });

    it.each(['__proto__', 'constructor', 'prototype'])('a field named %s → 400', async (name) => {
      const message = text(
        await refused(
          400,
          `/problems/${p}/prioritize`,
          `{"rank": 1, "${name}": {"polluted": true}}`,
        ),
      );
      expect(message).toMatch(new RegExp(`property ${name} should not exist`));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('missing required fields → 400 whose message lists each one', async () => {
      const message = await refused(400, '/mesas', JSON.stringify({ kind: 'sector' }));
      expect(Array.isArray(message)).toBe(true);
      const all = text(message);
      for (const field of ['name', 'scope', 'convener'])
        expect(all).toMatch(new RegExp(`${field} must be a string`));
      const impact = text(await refused(400, `/problems/${p}/impact`, '{}'));
      for (const field of ['indicator', 'unit', 'before', 'after'])
        expect(impact).toMatch(new RegExp(`\\b${field}\\b`));
    });

    it('an empty body where fields are required → 400 listing them', async () => {
      expect(text(await refused(400, `/problems/${p}/tasks`, undefined, null))).toMatch(
        /title.*responsibleEntity.*dueOn|dueOn/s,
      );
    });
  });

  describe('ids in the path', () => {
    it.each([
      ['upper case', '/problems/UPPER/classify'],
      ['too long', `/problems/${'a'.repeat(65)}/classify`],
      ['a space', '/problems/con%20espacio/classify'],
      ['an encoded slash', '/problems/a%2Fb/classify'],
      ['a leading dash', '/problems/-abc/classify'],
      ['unicode', '/problems/%C3%B1and%C3%BA/classify'],
      ['a bad task id', `/problems/{p}/tasks/T%201/progress`],
      ['a bad mesa id', '/mesas/MESA/launch'],
      ['a bad participant id', '/mesas/{m}/participants/x%2Fy/leave'],
    ])('%s → 400', async (_what, path) => {
      const resolved = path.replace('{p}', p).replace('{m}', mesa.mesaId);
      expect(
        text(
          await refused(
            400,
            resolved,
            JSON.stringify({ ownership: 'MP', rootCause: 'law', note: 'n', reason: 'r' }),
          ),
        ),
      ).toMatch(/is not an id/);
    });

    it('a bad id in a query path → 400 as well', async () => {
      const res = await t.http.get(`${API}/mesas/NO%20ES/matrix`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/is not an id/);
    });
  });

  describe('unknown things → 404', () => {
    it.each([
      ['an unknown mesa', '/mesas/{new}/launch', {}, /unknown mesa/],
      [
        'an unknown mesa for a problem',
        '/mesas/{new}/problems',
        { title: 't', barrier: 'other', raisedBy: 'gremio' },
        /unknown mesa/,
      ],
      [
        'an unknown problem',
        '/problems/{new}/classify',
        { ownership: 'MP', rootCause: 'law' },
        /unknown problem/,
      ],
      ['an unknown task', '/problems/{p}/tasks/{new}/complete', {}, /unknown task/],
      ['an unknown participant', '/mesas/{m}/participants/{new}/leave', {}, /not in mesa/],
    ])('%s → 404 with a message', async (_what, path, body, message) => {
      const resolved = path
        .replace('{new}', freshId('nada'))
        .replace('{p}', p)
        .replace('{m}', mesa.mesaId);
      expect(text(await refused(404, resolved, JSON.stringify(body)))).toMatch(message);
    });

    it('an unknown route → 404 with a message', async () => {
      expect(text(await refused(404, `/problems/${p}/teleport`, '{}'))).toMatch(/teleport/);
    });
  });

  describe('business time', () => {
    it('occurredAt in the future → 409', async () => {
      const future = new Date(Date.now() + 3600_000).toISOString();
      expect(
        text(
          await refused(
            409,
            `/problems/${p}/prioritize`,
            JSON.stringify({ rank: 1, occurredAt: future }),
          ),
        ),
      ).toMatch(/in the future/);
    });

    it("occurredAt before the stream's last event → 409", async () => {
      expect(
        text(
          await refused(
            409,
            `/problems/${p}/prioritize`,
            JSON.stringify({ rank: 1, occurredAt: '2001-01-01T00:00:00Z' }),
          ),
        ),
      ).toMatch(/earlier than the stream's last event/);
    });

    it('a problem raised before its mesa was launched → 409', async () => {
      expect(
        text(
          await refused(
            409,
            `/mesas/${mesa.mesaId}/problems`,
            JSON.stringify({
              title: 't',
              barrier: 'other',
              raisedBy: 'gremio',
              occurredAt: '2001-01-01T00:00:00Z',
            }),
          ),
        ),
      ).toMatch(/earlier than/);
    });

    it("a date-time without an offset is read as UTC, whatever the server's time zone", async () => {
      // every step written without an offset: run under TZ=America/Lima, a local reading shifts them 5 h
      const m = freshId('sin-zona');
      await ok(
        t,
        '/mesas',
        {
          mesaId: m,
          name: 'Sin zona',
          kind: 'sector',
          scope: 's',
          convener: 'P',
          occurredAt: '2015-01-05T09:00:00',
        },
        coordinator,
      );
      await ok(
        t,
        `/mesas/${m}/viability`,
        { viable: true, notes: 'n', occurredAt: '2015-01-06T09:00' },
        coordinator,
      );
      await ok(t, `/mesas/${m}/launch`, { occurredAt: '2015-01-07' }, coordinator);
      const events = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${t.token({ role: 'auditor' })}`)
        .query({ limit: 1000 });
      const ours = (events.body.events as { streamId: string; occurredAt: string }[]).filter(
        (e) => e.streamId === `mesa-${m}`,
      );
      expect(ours.map((e) => e.occurredAt)).toEqual([
        '2015-01-05T09:00:00.000Z',
        '2015-01-06T09:00:00.000Z',
        '2015-01-07T00:00:00.000Z',
      ]);
    });

    it('an offset is honoured: 10:00-05:00 is 15:00Z', async () => {
      const m = freshId('con-zona');
      const r = await ok(
        t,
        '/mesas',
        {
          mesaId: m,
          name: 'Con zona',
          kind: 'sector',
          scope: 's',
          convener: 'P',
          occurredAt: '2015-01-05T10:00:00-05:00',
        },
        coordinator,
      );
      const mesaDoc = await t.http.get(`${API}/mesas/${m}`).query({ minPosition: r.position });
      expect(mesaDoc.body.proposedAt).toBe('2015-01-05T15:00:00.000Z');
    });
  });

  describe('business rules → 409 with the rule', () => {
    it.each([
      [
        'a session naming a stranger',
        '/mesas/{m}/sessions',
        { type: 'regular', heldOn: '2024-01-10', attendees: ['nadie'] },
        /not participating/,
      ],
      [
        'a session of another mesa',
        '/problems/{p}/prioritize',
        { rank: 1, sessionId: 'no-such-session' },
        /not a session of mesa/,
      ],
      [
        'a problem raised by a stranger',
        '/mesas/{m}/problems',
        { title: 't', barrier: 'other', raisedBy: 'nadie' },
        /not a participant/,
      ],
      [
        'a decision without an escalation',
        '/problems/{p}/escalation/decision',
        { decision: 'd', decidedBy: 'PCM' },
        /no escalation/,
      ],
    ])('%s', async (_what, path, body, message) => {
      const resolved = path.replace('{p}', p).replace('{m}', mesa.mesaId);
      expect(text(await refused(409, resolved, JSON.stringify(body)))).toMatch(message);
    });
  });

  describe('query strings', () => {
    it.each([
      ['limit=0', { limit: '0' }],
      ['limit=abc', { limit: 'abc' }],
      ['limit=1001', { limit: '1001' }],
      ['after=garbage', { after: 'not a checkpoint!' }],
    ])('/audit/events?%s → 400', async (_what, query) => {
      const res = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${t.token({ role: 'auditor' })}`)
        .query(query);
      expect(res.status).toBe(400);
      expect(typeof res.body.message).toBe('string');
    });
  });

  async function raise(): Promise<string> {
    const q = freshId('q');
    await ok(
      t,
      `/mesas/${mesa.mesaId}/problems`,
      { problemId: q, title: 'Por filtrar', barrier: 'other', raisedBy: 'gremio' },
      coordinator,
    );
    return q;
  }
});
