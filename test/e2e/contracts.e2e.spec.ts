import { Parser } from '@asyncapi/parser';
import { schemaErrors } from '@mesas/domain';
import type { JsonSchema } from '@mesas/domain';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: unknown[];
};

const COMMAND_ERRORS = ['400', '401', '403', '404', '409', '413', '415', '422'];

/** The published contracts, read over HTTP as a client reads them. */
describe('contracts: OpenAPI at /docs-json, AsyncAPI at /asyncapi.json', () => {
  let t: TestApp;
  let operations: [string, Operation][];

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, Operation>>;
    operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    );
  });
  afterAll(() => t.close());

  it('every operation has a summary, a description, a success response with a schema, and says its security', () => {
    expect(operations.length).toBeGreaterThan(35);
    for (const [name, op] of operations) {
      expect([name, typeof op.summary, typeof op.description]).toEqual([name, 'string', 'string']);
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
      expect([name, success.length]).toEqual([name, 1]);
      const [, response] = success[0];
      expect([name, Object.values(response.content ?? {}).some((c) => c.schema)]).toEqual([
        name,
        true,
      ]);
      expect([name, Array.isArray(op.security)]).toEqual([name, true]);
    }
  });

  it('every command documents 400, 401, 403, 404, 409, 413, 415 and 422 with the error shape, and Idempotency-Key', () => {
    const commands = operations.filter(([name]) => name.startsWith('POST '));
    expect(commands).toHaveLength(23);
    for (const [name, op] of commands) {
      for (const status of COMMAND_ERRORS) {
        const schema = op.responses?.[status]?.content?.['application/json']?.schema;
        expect([name, status, schema?.$ref]).toEqual([
          name,
          status,
          '#/components/schemas/ErrorResponse',
        ]);
      }
      expect([
        name,
        op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      ]).toEqual([name, true]);
    }
  });

  it('the AsyncAPI document parses with no errors, and the events the API really stores conform to it', async () => {
    const res = await t.http.get('/asyncapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { document, diagnostics } = await new Parser().parse(res.text);
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => d.message)).toEqual([]);
    expect(document!.messages().all()).toHaveLength(24);

    // a small real history through the API, then every stored envelope checked against it
    const coordinator = t.token({ role: 'coordinator' });
    const m = freshId('acuicola');
    const post = async (path: string, body: object) => {
      const r = await t.http
        .post(`${API}${path}`)
        .set('authorization', `Bearer ${coordinator}`)
        .send(body);
      expect([path, r.status]).toEqual([path, 201]);
      return r.body as { id: string };
    };
    await post('/mesas', {
      mesaId: m,
      name: 'Acuícola',
      kind: 'sector',
      scope: 'acuícola',
      convener: 'PRODUCE',
    });
    await post(`/mesas/${m}/viability`, { viable: true, notes: 'ok' });
    await post(`/mesas/${m}/launch`, {});
    await post(`/mesas/${m}/participants`, {
      participantId: 'gremio',
      name: 'G',
      organisation: 'SNP',
      role: 'private',
    });
    const { id: problemId } = await post(`/mesas/${m}/problems`, {
      title: 'Habilitación sanitaria',
      barrier: 'red_tape',
      raisedBy: 'gremio',
    });
    await post(`/problems/${problemId}/filter`, { decision: 'accepted' });
    await post(`/problems/${problemId}/tasks`, {
      taskId: 't1',
      title: 'Protocolo',
      responsibleEntity: 'SANIPES',
      dueOn: '2030-01-01',
    });
    await post(`/problems/${problemId}/escalate`, { reason: 'budget' });

    const auditor = t.token({ role: 'auditor' });
    const log = await t.http
      .get(`${API}/audit/events`)
      .query({ limit: '1000' })
      .set('authorization', `Bearer ${auditor}`);
    const payloads = document!.json().components!.messages as Record<
      string,
      { payload: JsonSchema }
    >;
    const envelopes = log.body.events as { type: string }[];
    expect(envelopes.length).toBeGreaterThanOrEqual(8);
    for (const envelope of envelopes) {
      expect([envelope.type, schemaErrors(payloads[envelope.type].payload, envelope)]).toEqual([
        envelope.type,
        [],
      ]);
    }
  });
});
