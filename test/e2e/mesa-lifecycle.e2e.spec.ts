import { API, TestApp, freshId, startTestApp } from './support/test-app';

describe("a mesa's whole life over HTTP", () => {
  let t: TestApp;
  let coordinator: string;
  let minister: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });
    minister = t.token({ role: 'high_level' });
    auditor = t.token({ role: 'auditor' });
  });
  afterAll(() => t.close());

  const post = async (path: string, body: object, token = coordinator) => {
    const res = await t.http
      .post(`${API}${path}`)
      .set('authorization', `Bearer ${token}`)
      .send(body);
    if (res.status !== 201)
      throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; streamId: string; version: number; position: string };
  };

  it('records every step and shows it in the matrix, the mesa and the audit log', async () => {
    const m = freshId('forestal');
    const p = freshId('registro');
    const proposed = await post('/mesas', {
      mesaId: m,
      name: 'Mesa Ejecutiva Forestal',
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2015-01-05T14:00:00Z',
    });
    expect(proposed).toMatchObject({ id: m, streamId: `mesa-${m}`, version: 1 });
    expect(proposed.position).toMatch(/^\d+$/);

    await post(`/mesas/${m}/viability`, {
      viable: true,
      notes: 'Demanda privada clara; SERFOR puede ejecutar',
      occurredAt: '2015-01-20T14:00:00Z',
    });
    await post(`/mesas/${m}/launch`, { occurredAt: '2015-02-01T14:00:00Z' });
    await post(`/mesas/${m}/participants`, {
      participantId: 'equipo',
      name: 'Equipo dedicado',
      organisation: 'PRODUCE',
      role: 'dedicated_team',
      occurredAt: '2015-02-01T15:00:00Z',
    });
    await post(`/mesas/${m}/participants`, {
      participantId: 'gremio',
      name: 'Representante de la asociación',
      organisation: 'Asociación de madereros',
      role: 'private',
      occurredAt: '2015-02-01T15:00:00Z',
    });
    await post(`/mesas/${m}/participants`, {
      participantId: 'serfor',
      name: 'Representante de SERFOR',
      organisation: 'SERFOR',
      role: 'public',
      occurredAt: '2015-02-01T15:00:00Z',
    });

    const raised = await post(`/mesas/${m}/problems`, {
      problemId: p,
      title: 'Registro de plantaciones demora 6 a 12 meses',
      barrier: 'red_tape',
      raisedBy: 'gremio',
      occurredAt: '2015-02-10T15:00:00Z',
    });
    expect(raised).toMatchObject({ id: p, streamId: `problem-${p}`, version: 1 });
    const session = await post(`/mesas/${m}/sessions`, {
      sessionId: 's1',
      type: 'regular',
      heldOn: '2015-02-10',
      attendees: ['equipo', 'gremio', 'serfor'],
      problemIds: [p],
      occurredAt: '2015-02-10T18:00:00Z',
    });
    expect(session.id).toBe('s1');

    await post(`/problems/${p}/classify`, {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 's1',
      occurredAt: '2015-02-10T18:10:00Z',
    });
    await post(`/problems/${p}/filter`, {
      decision: 'accepted',
      sessionId: 's1',
      occurredAt: '2015-02-10T18:20:00Z',
    });
    await post(`/problems/${p}/prioritize`, { rank: 1, occurredAt: '2015-02-10T18:30:00Z' });
    await post(`/problems/${p}/solutions`, {
      text: 'Registro en línea',
      occurredAt: '2015-02-11T10:00:00Z',
    });
    const revised = await post(`/problems/${p}/solutions`, {
      text: 'Registro automático en 3 días',
      rationale: 'El trámite en línea no bastaba',
      occurredAt: '2015-03-01T10:00:00Z',
    });
    expect(revised.version).toBe(6);
    const task = await post(`/problems/${p}/tasks`, {
      taskId: 't1',
      title: 'Aprobar lineamientos',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-04-30',
      occurredAt: '2015-03-01T11:00:00Z',
    });
    expect(task.id).toBe('t1');
    await post(`/problems/${p}/tasks`, {
      taskId: 't2',
      title: 'Piloto en Ucayali',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-05-30',
      occurredAt: '2015-03-01T11:00:00Z',
    });
    await post(`/problems/${p}/tasks/t1/progress`, {
      note: 'Borrador listo',
      occurredAt: '2015-03-15T11:00:00Z',
    });
    await post(`/problems/${p}/tasks/t1/deadline`, {
      dueOn: '2015-06-30',
      reason: 'Consulta pública',
      occurredAt: '2015-04-20T11:00:00Z',
    });
    await post(`/problems/${p}/tasks/t2/cancel`, {
      reason: 'Se hará a nivel nacional',
      occurredAt: '2015-04-21T11:00:00Z',
    });
    await post(`/problems/${p}/escalate`, {
      reason: 'budget',
      note: 'Falta presupuesto para el sistema',
      occurredAt: '2015-05-01T11:00:00Z',
    });

    let matrix = await t.http.get(`${API}/mesas/${m}/matrix`).query({
      minPosition: (
        await post(`/problems/${p}/tasks/t1/progress`, {
          note: 'Esperando presupuesto',
          occurredAt: '2015-05-02T11:00:00Z',
        })
      ).position,
    });
    expect(matrix.status).toBe(200);
    expect(matrix.body.rows[0]).toMatchObject({
      problemId: p,
      status: 'escalated',
      escalation: { reason: 'budget', since: '2015-05-01T11:00:00.000Z' },
    });

    await post(
      `/problems/${p}/escalation/decision`,
      {
        decision: 'MEF asigna presupuesto',
        decidedBy: 'Consejo de Ministros',
        occurredAt: '2015-05-20T11:00:00Z',
      },
      minister,
    );
    await post(`/problems/${p}/tasks/t1/complete`, {
      outcome: 'Lineamientos aprobados',
      occurredAt: '2015-06-15T11:00:00Z',
    });
    await post(`/problems/${p}/resolve`, {
      outcome: 'El registro toma 3 días',
      occurredAt: '2015-09-30T15:00:00Z',
    });
    const impact = await post(`/problems/${p}/impact`, {
      indicator: 'tiempo de registro de plantaciones',
      unit: 'días',
      before: 270,
      after: 3,
      occurredAt: '2015-10-01T15:00:00Z',
    });
    await post(
      `/mesas/${m}/transfer`,
      { convener: 'MINAGRI', reason: 'Competencia forestal', occurredAt: '2017-03-01T15:00:00Z' },
      minister,
    );

    matrix = await t.http.get(`${API}/mesas/${m}/matrix`).query({ minPosition: impact.position });
    expect(matrix.status).toBe(200);
    expect(matrix.body).toMatchObject({ mesaId: m });
    expect(matrix.body.rows).toEqual([
      expect.objectContaining({
        problemId: p,
        title: 'Registro de plantaciones demora 6 a 12 meses',
        barrier: 'red_tape',
        ownership: 'MP',
        rootCause: 'implementation',
        rank: 1,
        status: 'resolved',
        solution: { revision: 2, text: 'Registro automático en 3 días' },
        tasks: [
          {
            taskId: 't1',
            title: 'Aprobar lineamientos',
            responsibleEntity: 'SERFOR',
            dueOn: '2015-06-30',
            status: 'done',
            overdue: false,
          },
          {
            taskId: 't2',
            title: 'Piloto en Ucayali',
            responsibleEntity: 'SERFOR',
            dueOn: '2015-05-30',
            status: 'cancelled',
            overdue: false,
          },
        ],
        escalation: null,
        raisedAt: '2015-02-10T15:00:00.000Z',
        resolvedAt: '2015-09-30T15:00:00.000Z',
      }),
    ]);
    expect(matrix.body.rows[0].decidedIn.map((d: { sessionId: string }) => d.sessionId)).toEqual([
      's1',
      's1',
    ]);

    await post(`/problems/${p}/reopen`, {
      reason: 'El registro volvió a demorar',
      occurredAt: '2016-01-10T15:00:00Z',
    });
    const closed = await post(`/mesas/${m}/close`, {
      reason: 'Cumplió su agenda',
      occurredAt: '2018-12-20T15:00:00Z',
    });

    const mesa = await t.http.get(`${API}/mesas/${m}`).query({ minPosition: closed.position });
    expect(mesa.status).toBe(200);
    expect(mesa.body).toMatchObject({
      mesaId: m,
      status: 'closed',
      convener: 'MINAGRI',
      launchedAt: '2015-02-01T14:00:00.000Z',
      problems: { open: 1, resolved: 0, raised: 0, rejected: 0, escalated: 0 },
    });
    expect(mesa.body.convenerHistory.map((c: { convener: string }) => c.convener)).toEqual([
      'PRODUCE',
      'MINAGRI',
    ]);
    expect(mesa.body.participants).toHaveLength(3);
    expect(mesa.body.sessions).toEqual([
      expect.objectContaining({
        sessionId: 's1',
        type: 'regular',
        heldOn: '2015-02-10',
        problemIds: [p],
      }),
    ]);

    const list = await t.http.get(`${API}/mesas`);
    expect(list.body.mesas).toEqual(
      expect.arrayContaining([expect.objectContaining({ mesaId: m, status: 'closed' })]),
    );

    // a closed mesa accepts nothing
    const refused = await t.http
      .post(`${API}/problems/${p}/resolve`)
      .set('authorization', `Bearer ${coordinator}`)
      .send({ outcome: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/closed/);

    const audit = await t.http
      .get(`${API}/audit/events`)
      .set('authorization', `Bearer ${auditor}`)
      .query({ limit: 1000 });
    expect(audit.status).toBe(200);
    const ours = audit.body.events.filter(
      (e: { streamId: string }) => e.streamId === `problem-${p}`,
    );
    expect(ours.map((e: { type: string }) => e.type)).toEqual([
      'ProblemRaised',
      'ProblemClassified',
      'ProblemFiltered',
      'ProblemPrioritized',
      'SolutionProposed',
      'SolutionRevised',
      'TaskAssigned',
      'TaskAssigned',
      'TaskProgressReported',
      'TaskDeadlineMoved',
      'TaskCancelled',
      'Escalated',
      'TaskProgressReported',
      'EscalationResolved',
      'TaskCompleted',
      'ProblemResolved',
      'ImpactRecorded',
      'ProblemReopened',
    ]);
    expect(ours[1]).toMatchObject({
      actor: 'test-coordinator',
      metadata: { sessionId: 's1', actorRole: 'coordinator' },
      schemaVersion: 1,
    });
    expect(ours[13]).toMatchObject({
      actor: 'test-high_level',
      data: { decidedBy: 'Consejo de Ministros' },
    });
  });
});
