import { JwtService } from '@nestjs/jwt';
import { ACTOR_ROLES, Role } from '@mesas/domain';
import {
  SeededMesa,
  logLength,
  ok,
  seedAcceptedProblem,
  seedLaunchedMesa,
  send,
} from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * Who may do what (docs/API.md): every role against every kind of command route, with the token's
 * `mesa` and `entity` scopes. A refusal must be a 401/403 with a message and must append nothing.
 */
describe('access control over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  let a: SeededMesa;
  let b: SeededMesa;
  /** an accepted problem of mesa A with a SERFOR task and a MEF task */
  let p: string;
  /** an accepted problem of mesa B with a SERFOR task */
  let pb: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });
    a = await seedLaunchedMesa(t, coordinator, 'acceso-a');
    b = await seedLaunchedMesa(t, coordinator, 'acceso-b');
    p = await seedAcceptedProblem(t, coordinator, a);
    await ok(
      t,
      `/problems/${p}/tasks`,
      { taskId: 't-serfor', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-01-31' },
      coordinator,
    );
    await ok(
      t,
      `/problems/${p}/tasks`,
      { taskId: 't-mef', title: 'Presupuesto', responsibleEntity: 'MEF', dueOn: '2030-01-31' },
      coordinator,
    );
    pb = await seedAcceptedProblem(t, coordinator, b);
    await ok(
      t,
      `/problems/${pb}/tasks`,
      { taskId: 't-serfor', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-01-31' },
      coordinator,
    );
  });
  afterAll(() => t.close());

  /** A refused command: the status, a message, and the log exactly as long as before. */
  const refused = async (
    status: 401 | 403,
    path: string,
    body: object,
    token: string | null,
    headers: Record<string, string> = {},
  ) => {
    const before = await logLength(t);
    const res = await send(t, path, body, token, headers);
    expect({ path, status: res.status }).toEqual({ path, status });
    expect(typeof res.body.message).toBe('string');
    expect(res.body.message.length).toBeGreaterThan(5);
    expect(await logLength(t)).toBe(before);
    return res.body.message as string;
  };

  /** One valid request for every kind of command route, aimed at mesa A and problem p. */
  type Kind = { name: string; path: () => string; body: () => object };
  const KINDS: Kind[] = [
    {
      name: 'ProposeMesa',
      path: () => '/mesas',
      body: () => ({
        mesaId: freshId('nueva'),
        name: 'Mesa',
        kind: 'factor',
        scope: 'logística',
        convener: 'MTC',
      }),
    },
    {
      name: 'AssessMesaViability',
      path: () => `/mesas/${a.mesaId}/viability`,
      body: () => ({ viable: true, notes: 'sí' }),
    },
    { name: 'LaunchMesa', path: () => `/mesas/${a.mesaId}/launch`, body: () => ({}) },
    {
      name: 'JoinParticipant',
      path: () => `/mesas/${a.mesaId}/participants`,
      body: () => ({ participantId: 'otro', name: 'Otro', organisation: 'SNI', role: 'private' }),
    },
    {
      name: 'RemoveParticipant',
      path: () => `/mesas/${a.mesaId}/participants/serfor/leave`,
      body: () => ({ reason: 'cambio' }),
    },
    {
      name: 'HoldSession',
      path: () => `/mesas/${a.mesaId}/sessions`,
      body: () => ({ type: 'regular', heldOn: '2024-01-10', attendees: ['equipo'] }),
    },
    {
      name: 'TransferMesa',
      path: () => `/mesas/${a.mesaId}/transfer`,
      body: () => ({ convener: 'MINAGRI', reason: 'competencia' }),
    },
    { name: 'CloseMesa', path: () => `/mesas/${a.mesaId}/close`, body: () => ({ reason: 'fin' }) },
    {
      name: 'RaiseProblem',
      path: () => `/mesas/${a.mesaId}/problems`,
      body: () => ({ title: 'Otro problema', barrier: 'funding', raisedBy: 'gremio' }),
    },
    {
      name: 'ClassifyProblem',
      path: () => `/problems/${p}/classify`,
      body: () => ({ ownership: 'MP', rootCause: 'law' }),
    },
    {
      name: 'FilterProblem',
      path: () => `/problems/${p}/filter`,
      body: () => ({ decision: 'rejected', reason: 'subsidio' }),
    },
    {
      name: 'PrioritizeProblem',
      path: () => `/problems/${p}/prioritize`,
      body: () => ({ rank: 2 }),
    },
    {
      name: 'ProposeSolution',
      path: () => `/problems/${p}/solutions`,
      body: () => ({ text: 'una solución' }),
    },
    {
      name: 'AssignTask',
      path: () => `/problems/${p}/tasks`,
      body: () => ({ title: 'Tarea', responsibleEntity: 'SERFOR', dueOn: '2030-02-28' }),
    },
    {
      name: 'ReportTaskProgress',
      path: () => `/problems/${p}/tasks/t-serfor/progress`,
      body: () => ({ note: 'avance' }),
    },
    {
      name: 'MoveTaskDeadline',
      path: () => `/problems/${p}/tasks/t-serfor/deadline`,
      body: () => ({ dueOn: '2031-01-31', reason: 'consulta' }),
    },
    {
      name: 'CompleteTask',
      path: () => `/problems/${p}/tasks/t-serfor/complete`,
      body: () => ({ outcome: 'hecho' }),
    },
    {
      name: 'CancelTask',
      path: () => `/problems/${p}/tasks/t-serfor/cancel`,
      body: () => ({ reason: 'ya no' }),
    },
    {
      name: 'EscalateProblem',
      path: () => `/problems/${p}/escalate`,
      body: () => ({ reason: 'budget' }),
    },
    {
      name: 'DecideEscalation',
      path: () => `/problems/${p}/escalation/decision`,
      body: () => ({ decision: 'sí', decidedBy: 'PCM' }),
    },
    {
      name: 'ResolveProblem',
      path: () => `/problems/${p}/resolve`,
      body: () => ({ outcome: 'resuelto' }),
    },
    {
      name: 'ReopenProblem',
      path: () => `/problems/${p}/reopen`,
      body: () => ({ reason: 'volvió' }),
    },
    {
      name: 'RecordImpact',
      path: () => `/problems/${p}/impact`,
      body: () => ({ indicator: 'días', unit: 'días', before: 270, after: 3 }),
    },
  ];

  const ALLOWED: Record<Exclude<Role, 'coordinator'>, string[]> = {
    private_rep: ['RaiseProblem', 'ProposeSolution'],
    public_rep: ['ProposeSolution', 'ReportTaskProgress', 'CompleteTask'],
    high_level: ['DecideEscalation', 'TransferMesa'],
    auditor: [],
  };
  const tokenOf = (role: Role) =>
    t.token(role === 'public_rep' ? { role, entity: 'SERFOR' } : { role });
  const refusals = (Object.keys(ALLOWED) as (keyof typeof ALLOWED)[]).flatMap((role) =>
    KINDS.filter((k) => !ALLOWED[role].includes(k.name)).map((k) => [role, k.name, k] as const),
  );

  describe('authentication', () => {
    const path = () => `/problems/${p}/classify`;
    const body = { ownership: 'MP', rootCause: 'law' };

    it('no token → 401 with a message, nothing appended', async () => {
      expect(await refused(401, path(), body, null)).toMatch(/bearer token/i);
    });

    it.each([
      ['a token that is not a JWT', 'Bearer not-a-jwt'],
      ['a scheme other than Bearer', 'Basic dXNlcjpwYXNz'],
      ['Bearer with nothing after it', 'Bearer '],
      ['Bearer with two words', 'Bearer aaa bbb'],
    ])('%s → 401', async (_what, header) => {
      await refused(401, path(), body, null, { authorization: header });
    });

    it('a token signed with another secret → 401', async () => {
      const forged = new JwtService({ secret: 'not-the-secret' }).sign(
        { sub: 'x', role: 'coordinator' },
        { algorithm: 'HS256' },
      );
      expect(await refused(401, path(), body, forged)).toMatch(/invalid or expired/);
    });

    it('an expired token → 401', async () => {
      const expired = new JwtService({ secret: t.secret }).sign(
        { sub: 'x', role: 'coordinator', exp: Math.floor(Date.now() / 1000) - 60 },
        { algorithm: 'HS256' },
      );
      expect(await refused(401, path(), body, expired)).toMatch(/invalid or expired/);
    });

    it('an unsigned token (alg none) → 401', async () => {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'x', role: 'coordinator' })}.`;
      await refused(401, path(), body, unsigned);
    });

    it('a token signed with the right secret but HS512 → 401 (HS256 only)', async () => {
      const other = new JwtService({ secret: t.secret }).sign(
        { sub: 'x', role: 'coordinator' },
        { algorithm: 'HS512' },
      );
      await refused(401, path(), body, other);
    });

    it('a validly signed token with an unknown role or no subject → 401', async () => {
      const jwt = new JwtService({ secret: t.secret });
      await refused(
        401,
        path(),
        body,
        jwt.sign({ sub: 'x', role: 'admin' }, { algorithm: 'HS256' }),
      );
      await refused(401, path(), body, jwt.sign({ role: 'coordinator' }, { algorithm: 'HS256' }));
    });

    it('a token without an expiry, or issued or valid from beyond 60 s ahead → 401', async () => {
      const jwt = new JwtService({ secret: t.secret });
      const now = Math.floor(Date.now() / 1000);
      const sign = (claims: object) =>
        jwt.sign({ sub: 'x', role: 'coordinator', ...claims }, { algorithm: 'HS256' });
      for (const claims of [
        {},
        { iat: now },
        { exp: now + 3600, iat: now + 120 },
        { exp: now + 3600, nbf: now + 120 },
      ]) {
        expect(await refused(401, path(), body, sign(claims))).toMatch(/invalid or expired/);
      }
      // a little clock skew is tolerated: the same request is then judged on its merits (409:
      // this problem was classified already, or 201)
      const skewed = await send(
        t,
        path(),
        body,
        sign({ exp: now + 3600, iat: now + 30, nbf: now + 30 }),
      );
      expect(skewed.status).not.toBe(401);
    });

    it('a token whose subject or entity is not one line of text → 401', async () => {
      const jwt = new JwtService({ secret: t.secret });
      const exp = Math.floor(Date.now() / 1000) + 3600;
      for (const claims of [
        { sub: 'a\ud800', role: 'coordinator' },
        { sub: 'ana\nrole=auditor', role: 'coordinator' },
        { sub: 'x'.repeat(201), role: 'coordinator' },
        { sub: 'x', role: 'public_rep', entity: 'SERFOR\u0000' },
      ]) {
        await refused(401, path(), body, jwt.sign({ ...claims, exp }, { algorithm: 'HS256' }));
      }
    });

    it('the auth check comes before the body is judged: no token and a bad body → 401, not 400', async () => {
      await refused(401, path(), { ownership: 'nope', extra: 1 }, null);
    });
  });

  describe('roles: every command a role may not send is 403, with a message, and appends nothing', () => {
    it.each(refusals)('%s may not %s', async (role, _name, kind) => {
      const message = await refused(403, kind.path(), kind.body(), tokenOf(role));
      expect(message).toMatch(new RegExp(`role ${role} may not`));
    });

    it('the refusal does not depend on the target existing: auditor on an unknown problem → 403', async () => {
      await refused(
        403,
        `/problems/${freshId('nadie')}/resolve`,
        { outcome: 'x' },
        tokenOf('auditor'),
      );
    });
  });

  describe('what each role may do', () => {
    it('private_rep raises problems and proposes and revises solutions', async () => {
      const rep = t.token({ role: 'private_rep', sub: 'gremio-adex' });
      const raised = await ok(
        t,
        `/mesas/${a.mesaId}/problems`,
        { title: 'Permisos lentos', barrier: 'red_tape', raisedBy: 'gremio' },
        rep,
      );
      expect(raised.streamId).toBe(`problem-${raised.id}`);
      const q = await seedAcceptedProblem(t, coordinator, a);
      const first = await ok(t, `/problems/${q}/solutions`, { text: 'Trámite en línea' }, rep);
      const second = await ok(
        t,
        `/problems/${q}/solutions`,
        { text: 'Trámite automático', rationale: 'no bastó' },
        rep,
      );
      expect(second.version).toBe(first.version + 1);
      const types = await typesOf(`problem-${q}`);
      expect(types.slice(-2)).toEqual(['SolutionProposed', 'SolutionRevised']);
    });

    it('public_rep proposes and revises solutions', async () => {
      const serfor = t.token({ role: 'public_rep', entity: 'SERFOR' });
      const q = await seedAcceptedProblem(t, coordinator, a);
      await ok(t, `/problems/${q}/solutions`, { text: 'Lineamientos' }, serfor);
      await ok(t, `/problems/${q}/solutions`, { text: 'Lineamientos simplificados' }, serfor);
      expect((await typesOf(`problem-${q}`)).slice(-2)).toEqual([
        'SolutionProposed',
        'SolutionRevised',
      ]);
    });

    it("public_rep reports progress on and completes only its own entity's tasks", async () => {
      const serfor = t.token({ role: 'public_rep', entity: 'SERFOR', sub: 'rep-serfor' });
      const q = await seedAcceptedProblem(t, coordinator, a);
      await ok(
        t,
        `/problems/${q}/tasks`,
        { taskId: 'mia', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-01-31' },
        coordinator,
      );
      await ok(
        t,
        `/problems/${q}/tasks`,
        { taskId: 'ajena', title: 'Fondos', responsibleEntity: 'MEF', dueOn: '2030-01-31' },
        coordinator,
      );

      await ok(t, `/problems/${q}/tasks/mia/progress`, { note: 'borrador' }, serfor);
      expect(
        await refused(403, `/problems/${q}/tasks/ajena/progress`, { note: 'x' }, serfor),
      ).toMatch(/belongs to MEF.*SERFOR/);
      expect(
        await refused(403, `/problems/${q}/tasks/ajena/complete`, { outcome: 'x' }, serfor),
      ).toMatch(/belongs to MEF/);
      await ok(t, `/problems/${q}/tasks/mia/complete`, { outcome: 'publicada' }, serfor);

      // a public_rep token without an entity acts on no task
      const noEntity = t.token({ role: 'public_rep' });
      await refused(403, `/problems/${q}/tasks/ajena/progress`, { note: 'x' }, noEntity);

      const events = await eventsOf(`problem-${q}`);
      expect(
        events.slice(-2).map((e) => [e.type, e.data.taskId, e.actor, e.metadata.actorEntity]),
      ).toEqual([
        ['TaskProgressReported', 'mia', 'rep-serfor', 'SERFOR'],
        ['TaskCompleted', 'mia', 'rep-serfor', 'SERFOR'],
      ]);
    });

    it('public_rep on a task that does not exist → 404, not 403', async () => {
      const serfor = t.token({ role: 'public_rep', entity: 'SERFOR' });
      const res = await send(t, `/problems/${p}/tasks/no-existe/progress`, { note: 'x' }, serfor);
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/no-existe/);
    });

    it('high_level decides escalations and transfers mesas', async () => {
      const minister = t.token({ role: 'high_level', sub: 'ministro' });
      const q = await seedAcceptedProblem(t, coordinator, a);
      await ok(t, `/problems/${q}/escalate`, { reason: 'budget' }, coordinator);
      await ok(
        t,
        `/problems/${q}/escalation/decision`,
        { decision: 'MEF asigna', decidedBy: 'PCM' },
        minister,
      );
      const mesa = await seedLaunchedMesa(t, coordinator, 'transferible');
      await ok(
        t,
        `/mesas/${mesa.mesaId}/transfer`,
        { convener: 'MINAGRI', reason: 'competencia' },
        minister,
      );
      expect((await eventsOf(`mesa-${mesa.mesaId}`)).at(-1)).toMatchObject({
        type: 'MesaTransferred',
        actor: 'ministro',
        metadata: { actorRole: 'high_level' },
      });
    });
  });

  describe('a token made with a mesa acts in that mesa only', () => {
    it('a coordinator bound to A acts in A, and is refused in B (mesa and problem routes)', async () => {
      const bound = t.token({ role: 'coordinator', mesaId: a.mesaId });
      await ok(t, `/problems/${p}/classify`, { ownership: 'MP', rootCause: 'regulation' }, bound);
      const msg = await refused(
        403,
        `/mesas/${b.mesaId}/participants`,
        { participantId: 'x', name: 'X', organisation: 'Y', role: 'private' },
        bound,
      );
      expect(msg).toMatch(new RegExp(`mesa ${a.mesaId} only`));
      await refused(403, `/mesas/${b.mesaId}/close`, { reason: 'x' }, bound);
      await refused(
        403,
        `/mesas/${b.mesaId}/problems`,
        { title: 'x', barrier: 'other', raisedBy: 'gremio' },
        bound,
      );
      await refused(403, `/problems/${pb}/classify`, { ownership: 'MP', rootCause: 'law' }, bound);
      await refused(403, `/problems/${pb}/tasks/t-serfor/cancel`, { reason: 'x' }, bound);
      await refused(
        403,
        '/mesas',
        { mesaId: freshId('otra'), name: 'Otra', kind: 'sector', scope: 's', convener: 'PRODUCE' },
        bound,
      );
    });

    it('a private_rep bound to A raises problems in A, not in B', async () => {
      const bound = t.token({ role: 'private_rep', mesaId: a.mesaId });
      await ok(
        t,
        `/mesas/${a.mesaId}/problems`,
        { title: 'En A', barrier: 'skills', raisedBy: 'gremio' },
        bound,
      );
      await refused(
        403,
        `/mesas/${b.mesaId}/problems`,
        { title: 'En B', barrier: 'skills', raisedBy: 'gremio' },
        bound,
      );
      await refused(403, `/problems/${pb}/solutions`, { text: 'En B' }, bound);
    });

    it("a public_rep bound to A does not act on its own entity's task in B", async () => {
      const bound = t.token({ role: 'public_rep', entity: 'SERFOR', mesaId: a.mesaId });
      await refused(403, `/problems/${pb}/tasks/t-serfor/progress`, { note: 'x' }, bound);
      await refused(403, `/problems/${pb}/tasks/t-serfor/complete`, { outcome: 'x' }, bound);
    });

    it("a high_level bound to A neither transfers B nor decides B's escalations", async () => {
      const q = await seedAcceptedProblem(t, coordinator, b);
      await ok(t, `/problems/${q}/escalate`, { reason: 'political' }, coordinator);
      const bound = t.token({ role: 'high_level', mesaId: a.mesaId });
      await refused(403, `/mesas/${b.mesaId}/transfer`, { convener: 'MEF', reason: 'x' }, bound);
      await refused(
        403,
        `/problems/${q}/escalation/decision`,
        { decision: 'x', decidedBy: 'y' },
        bound,
      );
    });
  });

  describe('/audit/events is for auditors only', () => {
    it('401 without a token, 403 for a coordinator, 200 for an auditor', async () => {
      const none = await t.http.get(`${API}/audit/events`);
      expect(none.status).toBe(401);
      expect(none.body.message).toMatch(/bearer token/);
      for (const role of ACTOR_ROLES.filter((r) => r !== 'auditor')) {
        const res = await t.http
          .get(`${API}/audit/events`)
          .set('authorization', `Bearer ${tokenOf(role)}`);
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
        expect(res.body.message).toMatch(/auditor/);
      }
      const ndjson = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${coordinator}`)
        .set('accept', 'application/x-ndjson');
      expect(ndjson.status).toBe(403);
      const auditor = await t.http
        .get(`${API}/audit/events`)
        .set('authorization', `Bearer ${tokenOf('auditor')}`);
      expect(auditor.status).toBe(200);
      expect(auditor.body.events.length).toBeGreaterThan(0);
    });

    it('the public reads need no token', async () => {
      expect((await t.http.get(`${API}/mesas`)).status).toBe(200);
      expect((await t.http.get(`${API}/mesas/${a.mesaId}/matrix`)).status).toBe(200);
    });
  });

  type Envelope = {
    type: string;
    streamId: string;
    actor: string;
    data: Record<string, unknown>;
    metadata: Record<string, unknown>;
  };
  async function eventsOf(streamId: string): Promise<Envelope[]> {
    const res = await t.http
      .get(`${API}/audit/events`)
      .set('authorization', `Bearer ${tokenOf('auditor')}`)
      .query({ limit: 1000 });
    return (res.body.events as Envelope[]).filter((e) => e.streamId === streamId);
  }
  async function typesOf(streamId: string): Promise<string[]> {
    return (await eventsOf(streamId)).map((e) => e.type);
  }
});
