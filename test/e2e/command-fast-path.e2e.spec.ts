import type { Role } from '@mesas/domain';
import type { Response } from 'supertest';
import { API, TestApp, startTestApp } from './support/test-app';
import { LogCapture, stableHeaders } from './support/log-capture';

type Handle = (req: { url: string }, ...rest: unknown[]) => unknown;

/** One request, sent the same to both applications. */
interface Sent {
  readonly name: string;
  readonly path: string;
  /** a string is sent as is (malformed bodies); an object as JSON */
  readonly body?: string | object;
  readonly headers?: Record<string, string>;
  /** the token's role; null: no Authorization header */
  readonly role?: Role | null;
  /** whether the fast path answers it (else it is left to Express) */
  readonly fast: boolean;
}

const ORIGIN = 'https://newsroom.example';
const mesa = `${API}/mesas/m1`;
const problem = `${API}/problems/m1-p1`;
const mesaBody = {
  mesaId: 'm1',
  name: 'Mesa Forestal',
  kind: 'sector',
  scope: 'forestal',
  convener: 'PRODUCE',
};

/**
 * Every kind of answer a command route gives: accepted, refused by the domain, by the guard,
 * by the path's pipes, by the body's validation, by the body checks, and the requests the fast
 * path leaves to Express (which must be answered as before).
 */
const SCRIPT: readonly Sent[] = [
  { name: 'propose a mesa', path: `${API}/mesas`, body: mesaBody, fast: true },
  { name: 'the same mesa again (domain: 409)', path: `${API}/mesas`, body: mesaBody, fast: true },
  {
    name: 'no token (401)',
    path: `${mesa}/viability`,
    body: { viable: true },
    role: null,
    fast: true,
  },
  {
    name: 'a malformed token (401)',
    path: `${mesa}/viability`,
    body: { viable: true },
    role: null,
    headers: { Authorization: 'Bearer not-a-jwt' },
    fast: true,
  },
  { name: 'a missing field (400)', path: `${mesa}/viability`, body: { notes: 'x' }, fast: true },
  {
    name: 'an unknown field (400)',
    path: `${mesa}/viability`,
    body: { viable: true, colour: 'red' },
    fast: true,
  },
  {
    name: 'a bad id in the path (400)',
    path: `${API}/mesas/M_1/viability`,
    body: { viable: true },
    fast: true,
  },
  {
    name: 'a bad id and a bad body: the id is named',
    path: `${API}/mesas/M_1/viability`,
    body: { viable: 'maybe' },
    fast: true,
  },
  { name: 'malformed JSON (400)', path: `${mesa}/viability`, body: '{"viable": tru', fast: true },
  { name: 'a JSON array (400)', path: `${mesa}/viability`, body: '[1,2]', fast: true },
  { name: 'a JSON string (400)', path: `${mesa}/viability`, body: '"yes"', fast: true },
  {
    name: 'a key named like a prototype member (400)',
    path: `${mesa}/viability`,
    body: '{"viable":true,"constructor":{"x":1}}',
    fast: true,
  },
  {
    name: 'a lone surrogate in a string (400)',
    path: `${mesa}/viability`,
    body: '{"viable":true,"notes":"\\ud800"}',
    fast: true,
  },
  {
    name: 'nested too deep (400)',
    path: `${mesa}/viability`,
    body: `{"viable":true,"notes":${'['.repeat(12)}${']'.repeat(12)}}`,
    fast: true,
  },
  {
    name: 'a byte-order mark before the JSON',
    path: `${mesa}/viability`,
    body: '\ufeff{"viable":true,"notes":"viable"}',
    fast: true,
  },
  { name: 'launch', path: `${mesa}/launch`, body: {}, fast: true },
  {
    name: 'a participant, from a trusted origin',
    path: `${mesa}/participants`,
    body: { participantId: 'gremio', name: 'Gremio', organisation: 'Gremio', role: 'private' },
    headers: { Origin: ORIGIN },
    fast: true,
  },
  {
    name: 'raise a problem with an Idempotency-Key',
    path: `${mesa}/problems`,
    body: { problemId: 'm1-p1', title: 'Permisos', barrier: 'red_tape', raisedBy: 'gremio' },
    headers: { 'Idempotency-Key': 'raise-1' },
    fast: true,
  },
  {
    name: 'the same request again under its key (same answer)',
    path: `${mesa}/problems`,
    body: { problemId: 'm1-p1', title: 'Permisos', barrier: 'red_tape', raisedBy: 'gremio' },
    headers: { 'Idempotency-Key': 'raise-1' },
    fast: true,
  },
  {
    name: 'another request under the same key (422 or 409)',
    path: `${mesa}/problems`,
    body: { problemId: 'm1-p2', title: 'Otro', barrier: 'red_tape', raisedBy: 'gremio' },
    headers: { 'Idempotency-Key': 'raise-1' },
    fast: true,
  },
  {
    name: 'filter by a private representative (domain: 403)',
    path: `${problem}/filter`,
    body: { decision: 'accepted' },
    role: 'private_rep',
    fast: true,
  },
  { name: 'filter', path: `${problem}/filter`, body: { decision: 'accepted' }, fast: true },
  {
    name: 'a solution',
    path: `${problem}/solutions`,
    body: { text: 'Ventanilla única', rationale: 'un solo trámite' },
    fast: true,
  },
  {
    name: 'an unknown problem (404)',
    path: `${API}/problems/nope/solutions`,
    body: { text: 'x' },
    fast: true,
  },
  {
    name: 'a task, then its progress',
    path: `${problem}/tasks`,
    body: { taskId: 'task-1', title: 'Decreto', responsibleEntity: 'SERFOR', dueOn: '2015-06-30' },
    fast: true,
  },
  {
    name: 'two path ids',
    path: `${problem}/tasks/task-1/progress`,
    body: { note: 'borrador listo' },
    fast: true,
  },
  // left to Express: the answers must be what they always were
  { name: 'a query string (400)', path: `${mesa}/launch?x=1`, body: {}, fast: false },
  { name: 'a trailing slash', path: `${mesa}/launch/`, body: {}, fast: false },
  { name: 'percent-encoding in the path', path: `${API}/mesas/m%31/launch`, body: {}, fast: false },
  { name: 'an unknown route (404)', path: `${mesa}/bogus`, body: {}, fast: false },
  {
    name: 'an untrusted origin (403)',
    path: `${mesa}/launch`,
    body: {},
    headers: { Origin: 'https://elsewhere.example' },
    fast: false,
  },
  {
    name: 'text/plain (415)',
    path: `${mesa}/launch`,
    body: '{}',
    headers: { 'Content-Type': 'text/plain' },
    fast: false,
  },
  {
    name: 'an unsupported charset (415)',
    path: `${mesa}/launch`,
    body: '{}',
    headers: { 'Content-Type': 'application/json; charset=latin1' },
    fast: false,
  },
  {
    name: 'a body over the limit (413)',
    path: `${mesa}/viability`,
    body: { viable: true, notes: 'x'.repeat(70_000) },
    fast: false,
  },
  {
    name: 'a malformed Idempotency-Key (400)',
    path: `${mesa}/launch`,
    body: {},
    headers: { 'Idempotency-Key': 'has space' },
    fast: false,
  },
];

/**
 * The fast path for commands (apps/api/src/http/fast-commands.ts) answers exactly as Express
 * and Nest do: two applications on two fresh stores, one with it and one without, are sent the
 * same requests in the same order, and give the same status, headers, body and access line.
 */
describe('the fast path for commands', () => {
  const logs = { fast: new LogCapture(), nest: new LogCapture() };
  let fast: TestApp;
  let nest: TestApp;
  const reachedExpress = { fast: [] as string[], nest: [] as string[] };

  beforeAll(async () => {
    const env = { CORS_ORIGINS: ORIGIN, LOG_LEVEL: 'info' };
    fast = await startTestApp(env, { logDestination: logs.fast });
    nest = await startTestApp(env, { logDestination: logs.nest, fastCommands: false });
    for (const [name, t] of [
      ['fast', fast],
      ['nest', nest],
    ] as const) {
      // Express's own entry point: what the fast path answers never gets there
      const express = t.app.getHttpAdapter().getInstance() as { handle: Handle };
      const handle = express.handle.bind(express);
      express.handle = (req, ...rest) => {
        reachedExpress[name].push(req.url);
        return handle(req, ...rest);
      };
    }
  });
  afterAll(async () => {
    await fast?.close();
    await nest?.close();
  });

  async function send(t: TestApp, sent: Sent): Promise<Response> {
    let req = t.http.post(sent.path);
    const role = sent.role === undefined ? 'coordinator' : sent.role;
    if (role !== null) {
      req = req.set('Authorization', `Bearer ${t.token({ role, sub: `fast-${role}` })}`);
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...sent.headers };
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const body = typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body ?? {});
    return req.send(body);
  }

  it('gives the same status, headers, body and access line, request after request', async () => {
    const answers: { name: string; status: number }[] = [];
    for (const sent of SCRIPT) {
      const before = { fast: reachedExpress.fast.length, nest: reachedExpress.nest.length };
      const a = await send(fast, sent);
      const b = await send(nest, sent);
      answers.push({ name: sent.name, status: a.status });
      expect({
        name: sent.name,
        status: a.status,
        headers: stableHeaders(a),
        body: a.text,
      }).toEqual({ name: sent.name, status: b.status, headers: stableHeaders(b), body: b.text });
      // the correlation id is one of the request's own, on both paths
      expect(a.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect({ name: sent.name, fast: reachedExpress.fast.length - before.fast }).toEqual({
        name: sent.name,
        fast: sent.fast ? 0 : 1,
      });
      expect(reachedExpress.nest.length - before.nest).toBe(1);
    }
    // the script covers what it says: acceptances and each kind of refusal
    const statuses = new Set(answers.map((a) => a.status));
    for (const status of [201, 400, 401, 403, 404, 409, 413, 415])
      expect(statuses).toContain(status);
    const accepted = answers.filter((a) => a.status === 201).length;
    expect(accepted).toBeGreaterThanOrEqual(8);
  });

  it('writes the same access lines (method, route pattern, status) on both paths', () => {
    const shape = (lines: Record<string, unknown>[]) =>
      lines.map(({ method, route, status, level }) => ({ method, route, status, level }));
    expect(shape(logs.fast.accessLines)).toEqual(shape(logs.nest.accessLines));
    expect(logs.fast.accessLines.length).toBeGreaterThanOrEqual(SCRIPT.length);
    expect(logs.fast.accessLines).toContainEqual(
      expect.objectContaining({ route: `${API}/problems/:problemId/solutions`, status: 201 }),
    );
  });
});
