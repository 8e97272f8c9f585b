import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { unicodeProblem } from '../../apps/api/src/http/input-text';
import { logLength, ok, seedAcceptedProblem, seedLaunchedMesa } from './support/http-fixtures';
import { API, TestApp, startTestApp } from './support/test-app';

/**
 * Hostile input over EVERY route the application serves. The routes are read from the Express
 * router the app actually built (so a new route is covered without editing this file), each
 * described by its OpenAPI operation (path and query parameters, body schema). For every one:
 * unknown, prototype-named and repeated query parameters, bad path ids, and for commands wrong
 * types, unknown and prototype keys, ill-formed Unicode in keys, values and nested arrays,
 * control characters, overlong text, huge, deep and non-JSON bodies, bad headers; then
 * generated bodies and queries (fast-check, fixed seed, printed).
 *
 * Asserted: never a 5xx; every one of these requests is refused with a 4xx and a JSON message;
 * the audit log has exactly as many events after all of it as before; and the history
 * projection is still current afterwards (its checkpoint reaches the log's head).
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const SEED = Number(process.env.HOSTILE_SEED ?? 20261129);
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];
const LONE = ['\ud800', '\udfff', 'a\udbffb', '\udc00\ud800'];
const BAD_PATH_IDS = [
  '%00',
  'UPPER',
  'a'.repeat(65),
  '%ED%A0%80', // the UTF-8-like bytes of U+D800: not UTF-8
  '%F0%9F%8C%B3',
  '%25',
  '-abc',
  'a%2Fb',
  '%E0%A4%A', // a truncated escape
  'a%20b',
  '__proto__',
];
const BAD_QUERY_VALUES = [
  'abc',
  '-1',
  '1.5',
  '1:2',
  '1234567890123456789012345',
  '%00',
  '%ED%A0%80',
  '%F0%9F%8C%B3',
  'x'.repeat(5000),
];

interface Route {
  readonly method: 'get' | 'post';
  /** Express form, `/api/v1/mesas/:mesaId` */
  readonly path: string;
  readonly params: readonly string[];
  readonly query: readonly string[];
  readonly body: BodySchema | null;
}
interface PropertySchema {
  type?: string;
  enum?: unknown[];
  maxLength?: number;
  items?: { type?: string };
}
interface BodySchema {
  properties: Record<string, PropertySchema>;
  required?: string[];
}

describe('hostile input on every route', () => {
  let t: TestApp;
  let coordinator: string;
  let auditor: string;
  let routes: Route[];
  let others: string[];
  let valid: Record<string, string>;
  let before: number;
  const seen = new Map<number, number>();

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });
    auditor = t.token({ role: 'auditor' });
    const mesa = await seedLaunchedMesa(t, coordinator, 'hostil');
    const problemId = await seedAcceptedProblem(t, coordinator, mesa);
    await ok(
      t,
      `/problems/${problemId}/tasks`,
      { taskId: 'tarea', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-01-31' },
      coordinator,
    );
    valid = { mesaId: mesa.mesaId, problemId, taskId: 'tarea', participantId: mesa.gremio };
    ({ routes, others } = discoverRoutes(t));
    before = await logLength(t);
    process.stderr.write(
      `hostile input: ${routes.length} routes, seed ${SEED} (HOSTILE_SEED=${SEED} reproduces)\n`,
    );
  });
  afterAll(() => t?.close());

  /** Sends and checks: a 4xx among `allowed`, a JSON error body, never a 5xx. */
  async function refused(
    what: string,
    res: Response,
    allowed: readonly number[] = [400],
  ): Promise<string> {
    seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
    const message = res.body?.message as string | string[] | undefined;
    expect({ what, status: res.status }).toEqual({
      what,
      status: allowed.includes(res.status) ? res.status : `one of ${allowed.join('/')}`,
    });
    expect({ what, json: res.body?.statusCode }).toEqual({ what, json: res.status });
    // a refusal never carries the bad input further: its message is clean, printable text
    const text = [message ?? ''].flat().join(' | ');
    expect({ what, clean: unicodeProblem(text) === null && !CONTROL.test(text) }).toEqual({
      what,
      clean: true,
    });
    return text;
  }

  const url = (route: Route, ids: Record<string, string> = valid) =>
    route.path.replace(/:(\w+)/g, (_m, name: string) => ids[name] ?? valid[name]);

  function request(route: Route, path: string, token = tokenFor(route)) {
    const req = route.method === 'get' ? t.http.get(path) : t.http.post(path);
    return req.set('authorization', `Bearer ${token}`);
  }
  const tokenFor = (route: Route) => (route.path.includes('/audit/') ? auditor : coordinator);

  /** A body a command route would take but for one thing: used to show what refuses it. */
  function sendBody(route: Route, body: string, contentType = 'application/json') {
    return request(route, url(route)).set('content-type', contentType).send(body);
  }

  it('finds every route, each described in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.filter((r) => r.method === 'post').length).toBeGreaterThanOrEqual(23);
    expect(others.length).toBeGreaterThan(0);
    const history = routes.find((r) => r.path === `${API}/history`);
    expect(history?.query).toEqual(
      expect.arrayContaining(['after', 'limit', 'lang', 'minPosition']),
    );
  });

  it('query strings: unknown, prototype-named, repeated and garbage parameters', async () => {
    for (const route of routes) {
      const base = url(route);
      for (const key of ['asof', 'groupby', ...PROTOTYPE_KEYS, '%ED%A0%80', 'a%00b', 'x[y]']) {
        const text = await refused(
          `${route.method} ${route.path}?${key}=1`,
          await request(route, `${base}?${key}=1`),
        );
        expect(text).toMatch(/unknown query parameter/);
      }
      for (const name of route.query) {
        await refused(
          `${route.method} ${route.path} repeated ${name}`,
          await request(route, `${base}?${name}=1&${name}=2`),
        );
        for (const value of BAD_QUERY_VALUES) {
          // some of these are well-formed for some parameters (an id "abc"): then a 404 or
          // an answer, but never a 5xx and never an event
          const res = await request(route, `${base}?${name}=${value}`);
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          expect({ route: route.path, name, value, status: res.status < 500 }).toEqual({
            route: route.path,
            name,
            value,
            status: true,
          });
        }
      }
    }
    // the cursors of the audit log in particular
    const audit = routes.find((r) => r.path === `${API}/audit/events`)!;
    for (const after of ['abc', '-1', '1.5', '1:2', '1234567890123456789012345', '%00']) {
      expect(
        await refused(`after=${after}`, await request(audit, `${API}/audit/events?after=${after}`)),
      ).toMatch(/after must be the nextAfter of a previous page/);
    }
    // and a route outside the API must not fail on a query either
    for (const path of others.filter((p) => !p.includes('.'))) {
      expect((await t.http.get(`${path}?__proto__=1&x=%ED%A0%80`)).status).toBeLessThan(500);
    }
  }, 600_000);

  it('bad ids in the path: 400 or 404, never 5xx', async () => {
    for (const route of routes.filter((r) => r.params.length > 0)) {
      for (const name of route.params) {
        for (const bad of BAD_PATH_IDS) {
          await refused(
            `${route.method} ${route.path} ${name}=${bad}`,
            await request(route, url(route, { ...valid, [name]: bad }))
              .set('content-type', 'application/json')
              .send(route.method === 'post' ? '{}' : undefined),
            [400, 404],
          );
        }
      }
    }
  }, 600_000);

  it('command bodies: prototype and unknown keys, ill-formed keys', async () => {
    for (const route of commands()) {
      for (const key of PROTOTYPE_KEYS) {
        const text = await refused(
          `${route.path} key ${key}`,
          await sendBody(route, `{${JSON.stringify(key)}: {"polluted": true}}`),
        );
        expect(text).toContain(`property ${key} should not exist`);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
      for (const key of ['unlisted', ...LONE, 'a\u0000b']) {
        await refused(
          `${route.path} key ${JSON.stringify(key)}`,
          await sendBody(route, JSON.stringify({ [key]: 'x' })),
        );
      }
    }
  }, 600_000);

  it('command bodies: each field with a wrong type, ill-formed Unicode, controls, too long', async () => {
    for (const route of commands()) {
      for (const [field, schema] of Object.entries(route.body!.properties)) {
        for (const value of badValuesFor(schema)) {
          const text = await refused(
            `${route.path} ${field}=${JSON.stringify(value).slice(0, 40)}`,
            await sendBody(route, JSON.stringify({ [field]: value })),
          );
          expect(text).toContain(field);
        }
      }
    }
  }, 600_000);

  it('command bodies: huge, deep, not JSON, not an object', async () => {
    for (const route of commands()) {
      await refused(
        `${route.path} huge`,
        await sendBody(route, JSON.stringify({ text: 'x'.repeat(70 * 1024) })),
        [413],
      );
      await refused(
        `${route.path} deep`,
        await sendBody(route, `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`),
      );
      await refused(`${route.path} deep object`, await sendBody(route, deepObject(40)));
      for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
        await refused(`${route.path} as ${type}`, await sendBody(route, 'a=1', type), [415]);
      }
      for (const raw of ['[]', '"x"', 'null', '{"a":1', '{"a":"\\ud800"']) {
        await refused(`${route.path} ${raw}`, await sendBody(route, raw));
      }
    }
  }, 600_000);

  it('headers: Idempotency-Key, X-Correlation-Id and Authorization of the wrong shape', async () => {
    const route = commands().find((r) => r.path.endsWith('/prioritize'))!;
    const body = JSON.stringify({ rank: 1 });
    for (const name of ['Idempotency-Key', 'X-Correlation-Id']) {
      for (const value of ['k'.repeat(201), 'con espacio', 'ñandú']) {
        const text = await refused(
          `${name}: ${value.slice(0, 20)}`,
          await sendBody(route, body).set(name, value),
        );
        expect(text).toContain(name);
      }
      const twice = await t.http
        .post(url(route))
        .set('authorization', `Bearer ${coordinator}`)
        .set('content-type', 'application/json')
        .set(name, ['a', 'b'] as unknown as string)
        .send(body);
      expect(await refused(`${name} twice`, twice)).toMatch(/given once/);
    }
    for (const header of [
      'Bearer',
      'Bearer a.b',
      'Bearer a.b.c.d',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'a'.repeat(3000)}.${'b'.repeat(3000)}.c`,
      `Bearer \u00f1.a.b`,
    ]) {
      await refused(
        `Authorization: ${header.slice(0, 20)}`,
        await t.http
          .post(url(route))
          .set('authorization', header)
          .set('content-type', 'application/json')
          .send(body),
        [401],
      );
    }
  });

  it('generated bodies with one poisoned member are refused (fast-check)', async () => {
    for (const route of commands()) {
      await fc.assert(
        fc.asyncProperty(poisonedBody(route.body!), async (body) => {
          await refused(
            `${route.path} ${body.slice(0, 80)}`,
            await sendBody(route, body),
            [400, 413],
          );
        }),
        { seed: SEED, numRuns: 12, endOnFailure: true },
      );
    }
  }, 600_000);

  it('generated query strings with a poisoned parameter are refused (fast-check)', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(poisonedQuery(route), async (query) => {
          await refused(
            `${route.method} ${route.path}?${query}`,
            await request(route, `${url(route)}?${query}`),
          );
        }),
        { seed: SEED, numRuns: 6, endOnFailure: true },
      );
    }
  }, 600_000);

  it('a private_rep cannot stop the history with an ill-formed title (the original report)', async () => {
    const rep = t.token({ role: 'private_rep', sub: 'gremio' });
    const res = await t.http
      .post(`${API}/mesas/${valid.mesaId}/problems`)
      .set('authorization', `Bearer ${rep}`)
      .set('content-type', 'application/json')
      .send('{"title":"a\\ud800b","barrier":"other","raisedBy":"gremio"}');
    expect(await refused('lone surrogate title', res)).toMatch(
      /title is not well-formed Unicode \(a lone surrogate U\+D800 at offset 1\)/,
    );
  });

  it('appended nothing, and the history projection is still current', async () => {
    process.stderr.write(
      `hostile input: statuses seen ${JSON.stringify(Object.fromEntries([...seen].sort()))}\n`,
    );
    expect([...seen.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(await logLength(t)).toBe(before);
    // one good command after all of it: every projection takes it, the history included
    const last = await ok(
      t,
      `/problems/${valid.problemId}/solutions`,
      { text: 'Texto con 🌳, tildes y\tuna tabulación\nen dos líneas' },
      coordinator,
    );
    const head = await logLength(t);
    expect(head).toBe(before + 1);
    const checkpoint = await t.http
      .get(`${API}/transparency/checkpoint`)
      .query({ minPosition: last.position });
    expect(checkpoint.status).toBe(200);
    expect(checkpoint.body.treeSize).toBe(head);
    const health = await t.http.get(`${API}/health`);
    const lag = Object.fromEntries(
      (health.body.projections as { name: string; lag: number }[]).map((p) => [p.name, p.lag]),
    );
    expect(lag.history).toBe(0);
  });

  function commands(): Route[] {
    return routes.filter((r) => r.method === 'post' && r.body !== null);
  }
});

/** The routes the app's Express router serves, each with its OpenAPI operation. */
function discoverRoutes(t: TestApp): { routes: Route[]; others: string[] } {
  const express = t.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const document: OpenAPIObject = SwaggerModule.createDocument(
    t.app,
    new DocumentBuilder().build(),
  );
  const routes: Route[] = [];
  const others: string[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const path = layer.route.path;
    // the OpenAPI UI and its files are Swagger's own, not the application's
    if (path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-')) {
      others.push(path);
      continue;
    }
    for (const method of Object.keys(layer.route.methods) as ('get' | 'post')[]) {
      const operation = document.paths[path.replace(/[:*](\w+)/g, '{$1}')]?.[method];
      if (!operation)
        throw new Error(`${method} ${path} is served but not in the OpenAPI document`);
      const parameters = (operation.parameters ?? []) as { name: string; in: string }[];
      const ref = (
        operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> }
      )?.content?.['application/json']?.schema?.$ref;
      const body = ref
        ? (document.components!.schemas![ref.split('/').pop()!] as unknown as BodySchema)
        : null;
      routes.push({
        method,
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: body && body.properties ? body : body ? { properties: {} } : null,
      });
    }
  }
  return { routes, others };
}

/** Values that no field of this schema may take. */
function badValuesFor(schema: PropertySchema): unknown[] {
  switch (schema.type) {
    case 'string':
      return [
        42,
        true,
        {},
        ['x'],
        ...LONE,
        'ok\u0000',
        'ok\u001b[2J',
        'ok\u0085',
        ...(schema.maxLength ? ['é'.repeat(schema.maxLength + 1)] : []),
      ];
    case 'array':
      return [
        'x',
        [1],
        [{}],
        [['nested']],
        ['\ud800'],
        ['ok', 'a\udfff'],
        ['bad\u0000'],
        Array(201).fill('a'),
      ];
    case 'boolean':
      return ['yes', 1, null, '\ud800'];
    case 'number':
    case 'integer':
      return ['1', true, {}, '\ud800', [1]];
    default:
      return schema.enum ? ['\ud800', 'not-a-member', 7] : [{}];
  }
}

function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A plausible body with exactly one thing that must make it a 400. */
function poisonedBody(schema: BodySchema): fc.Arbitrary<string> {
  const fields = Object.keys(schema.properties);
  const anyString = fc.string({ unit: 'binary', maxLength: 30 });
  const plausible = fc.dictionary(
    fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x'),
    fc.oneof(anyString, fc.integer(), fc.boolean(), fc.array(anyString, { maxLength: 3 })),
    { maxKeys: 4 },
  );
  const loneString = fc
    .tuple(anyString, fc.constantFrom(...LONE), anyString)
    .map(([a, lone, b]) => `${a}x${lone}x${b}`);
  const poison: fc.Arbitrary<[string, unknown]> = fc.oneof(
    fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 })),
    fc.tuple(loneString, fc.jsonValue({ maxDepth: 1 })),
    fc.tuple(
      anyString.filter((k) => !fields.includes(k) && k.length > 0),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    fields.length > 0
      ? fc.tuple(
          fc.constantFrom(...fields),
          fc.oneof(loneString, fc.array(loneString, { minLength: 1, maxLength: 3 })),
        )
      : fc.tuple(fc.constant('x'), loneString),
  );
  return fc.tuple(plausible, poison).map(([body, [key, value]]) => {
    const { [key]: _dropped, ...rest } = body;
    // the poisoned member goes last, written by hand so that `__proto__` stays a member
    const head = JSON.stringify(rest).slice(0, -1);
    return `${head}${head.length > 1 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}}`;
  });
}

/** A query string with at least one parameter the route must refuse. */
function poisonedQuery(route: Route): fc.Arbitrary<string> {
  // URLs carry UTF-8: a lone surrogate cannot be sent in one (what arrives is U+FFFD)
  const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  const key = fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS, 'asof', 'AFTER', 'limit[]'),
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !route.query.includes(k)),
  );
  const value = fc.oneof(
    fc.constantFrom(...BAD_QUERY_VALUES),
    fc.string({ maxLength: 20 }).map(enc),
  );
  const unknown = fc.tuple(key, value).map(([k, v]) => `${enc(k)}=${v}`);
  const repeated =
    route.query.length > 0
      ? fc
          .tuple(fc.constantFrom(...route.query), value, value)
          .map(([k, a, b]) => `${k}=${a}&${k}=${b}`)
      : unknown;
  return fc.oneof(unknown, repeated);
}
