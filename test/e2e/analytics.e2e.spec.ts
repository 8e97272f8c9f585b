import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * One mesa's history with business dates in 2015, posted through the API, then the analytics
 * routes read over HTTP. Every expected number is worked out by hand in the comments.
 *
 * Problems (all times 12:00Z): P1 raised 03-01, resolved 03-11 (10 days). P2 raised 03-01,
 * escalated 03-05, decided 03-09, resolved 03-21 (20 days). P3 raised 03-01, rejected 03-03.
 * P4 raised 03-06, resolved 03-16 (10 days), reopened 03-20. P5 raised 03-01, open.
 * Tasks: T1 (P2, SERFOR) due 03-10, moved 03-08 to 03-15, completed 03-18 → 3 days late.
 * T2 (P1, SERFOR) due 03-10, completed 03-09. T3 (P5, PRODUCE) due 03-20, open.
 * Regular sessions on 03-01, 03-15, 03-31, 04-01; an inter-session on 03-10.
 */
describe('analytics over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  const m = freshId('forestal');
  const [p1, p2, p3, p4, p5] = [1, 2, 3, 4, 5].map((i) => freshId(`p${i}`));
  let lastPosition = '0';

  const post = async (path: string, body: object) => {
    const res = await t.http
      .post(`${API}${path}`)
      .set('authorization', `Bearer ${coordinator}`)
      .send(body);
    if (res.status !== 201)
      throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    lastPosition = res.body.position;
    return res.body as { position: string };
  };
  const get = (path: string, query: Record<string, string> = {}, accept = 'application/json') =>
    t.http.get(`${API}/analytics/${path}`).query(query).set('accept', accept);

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });

    await post('/mesas', {
      mesaId: m,
      name: 'Forestal',
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
      occurredAt: '2015-01-05T12:00:00Z',
    });
    await post(`/mesas/${m}/viability`, {
      viable: true,
      notes: 'ok',
      occurredAt: '2015-01-10T12:00:00Z',
    });
    await post(`/mesas/${m}/launch`, { occurredAt: '2015-02-01T12:00:00Z' });
    for (const [participantId, role] of [
      ['equipo', 'dedicated_team'],
      ['gremio', 'private'],
      ['serfor', 'public'],
    ]) {
      await post(`/mesas/${m}/participants`, {
        participantId,
        name: participantId,
        organisation: participantId,
        role,
        occurredAt: '2015-02-01T13:00:00Z',
      });
    }
    const session = (sessionId: string, type: string, heldOn: string) =>
      post(`/mesas/${m}/sessions`, {
        sessionId,
        type,
        heldOn,
        attendees: ['equipo', 'gremio'],
        occurredAt: `${heldOn}T20:00:00Z`,
      });
    await session('s1', 'regular', '2015-03-01');
    await session('s2', 'inter_session', '2015-03-10');
    await session('s3', 'regular', '2015-03-15');
    await session('s4', 'regular', '2015-03-31');
    await session('s5', 'regular', '2015-04-01');

    const raise = (problemId: string, day: string) =>
      post(`/mesas/${m}/problems`, {
        problemId,
        title: problemId,
        barrier: 'red_tape',
        raisedBy: 'gremio',
        occurredAt: `2015-03-${day}T12:00:00Z`,
      });
    const on = (problemId: string, action: string, body: object, when: string) =>
      post(`/problems/${problemId}/${action}`, { ...body, occurredAt: `2015-${when}:00Z` });

    await raise(p1, '01');
    await on(p1, 'filter', { decision: 'accepted' }, '03-02T12:00');
    await on(
      p1,
      'tasks',
      { taskId: 't2', title: 'T2', responsibleEntity: 'SERFOR', dueOn: '2015-03-10' },
      '03-02T12:00',
    );
    await on(p1, 'tasks/t2/complete', {}, '03-09T15:00');
    await on(p1, 'resolve', { outcome: 'ok' }, '03-11T12:00');

    await raise(p2, '01');
    await on(p2, 'filter', { decision: 'accepted' }, '03-02T12:00');
    await on(p2, 'classify', { ownership: 'MP', rootCause: 'law' }, '03-02T12:00');
    await on(
      p2,
      'tasks',
      { taskId: 't1', title: 'T1', responsibleEntity: 'SERFOR', dueOn: '2015-03-10' },
      '03-02T12:00',
    );
    await on(p2, 'escalate', { reason: 'budget' }, '03-05T12:00');
    await on(p2, 'tasks/t1/deadline', { dueOn: '2015-03-15', reason: 'consulta' }, '03-08T12:00');
    await on(
      p2,
      'escalation/decision',
      { decision: 'MEF asigna', decidedBy: 'PCM' },
      '03-09T12:00',
    );
    await on(p2, 'tasks/t1/complete', {}, '03-18T15:00');
    await on(p2, 'resolve', { outcome: 'ok' }, '03-21T12:00');

    await raise(p3, '01');
    await on(p3, 'filter', { decision: 'rejected', reason: 'fuera de alcance' }, '03-03T12:00');

    await raise(p5, '01');
    await on(p5, 'filter', { decision: 'accepted' }, '03-02T12:00');
    await on(
      p5,
      'tasks',
      { taskId: 't3', title: 'T3', responsibleEntity: 'PRODUCE', dueOn: '2015-03-20' },
      '03-02T12:00',
    );

    await raise(p4, '06');
    await on(p4, 'filter', { decision: 'accepted' }, '03-07T12:00');
    await on(p4, 'resolve', { outcome: 'ok' }, '03-16T12:00');
    await on(p4, 'reopen', { reason: 'volvió' }, '03-20T12:00');
  });
  afterAll(() => t.close());

  describe('time to resolution', () => {
    it('as of 04-01, with minPosition: P1 10 d, P2 20 d, P4 (reopened) censored at 26 d, P5 at 31 d, P3 rejected', async () => {
      // S(10) = 3/4, S(20) = 3/4 · 2/3 = 1/2 → p25 10, median 20, p75 never reached
      const res = await get('time-to-resolution', {
        mesaId: m,
        asOf: '2015-04-01T12:00:00Z',
        minPosition: lastPosition,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        asOf: '2015-04-01T12:00:00.000Z',
        groups: [
          {
            key: 'all',
            n: 4,
            resolved: 2,
            censored: 2,
            p25Days: 10,
            medianDays: 20,
            p75Days: null,
            medianCi: { lower: expect.any(Number), upper: null },
            curve: [
              { day: 0, survival: 1 },
              { day: 10, survival: 0.75 },
              { day: 20, survival: 0.5 },
            ],
          },
        ],
      });
    });

    it('as of 03-18, P4 counts as resolved (its reopening had not happened) and P3 as rejected', async () => {
      // P1 10 e, P4 10 e, P2 and P5 censored at 17: S(10) = 1 − 2/4
      const res = await get('time-to-resolution', { mesaId: m, asOf: '2015-03-18T12:00:00Z' });
      expect(res.body.groups[0]).toMatchObject({
        n: 4,
        resolved: 2,
        censored: 2,
        medianDays: 10,
        p25Days: 10,
      });
    });

    it('as of 03-02, P3 is not yet rejected and P4 not yet raised', async () => {
      const res = await get('time-to-resolution', { mesaId: m, asOf: '2015-03-02T00:00:00Z' });
      expect(res.body.groups[0]).toMatchObject({
        n: 4,
        resolved: 0,
        censored: 4,
        medianDays: null,
      });
    });

    it('groups by escalated and by ownership', async () => {
      const escalated = await get('time-to-resolution', {
        mesaId: m,
        asOf: '2015-04-01T12:00:00Z',
        groupBy: 'escalated',
      });
      expect(
        escalated.body.groups.map((g: { key: string; n: number; medianDays: number | null }) => [
          g.key,
          g.n,
          g.medianDays,
        ]),
      ).toEqual([
        ['false', 3, null], // P1 10 e, P4 26 c, P5 31 c: S(10) = 2/3
        ['true', 1, 20],
      ]);
      const ownership = await get('time-to-resolution', {
        mesaId: m,
        asOf: '2015-04-01T12:00:00Z',
        groupBy: 'ownership',
      });
      expect(ownership.body.groups.map((g: { key: string; n: number }) => [g.key, g.n])).toEqual([
        ['MP', 1],
        ['unknown', 3],
      ]);
    });

    it('answers in CSV with the same numbers', async () => {
      const query = { mesaId: m, asOf: '2015-04-01T12:00:00Z', groupBy: 'escalated' };
      const json = await get('time-to-resolution', query);
      const res = await get('time-to-resolution', query, 'text/csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual([
        'asOf',
        'key',
        'n',
        'resolved',
        'censored',
        'medianDays',
        'p25Days',
        'p75Days',
        'medianCiLower',
        'medianCiUpper',
      ]);
      expect(rows.slice(1)).toEqual(
        json.body.groups.map(
          (
            g: Record<string, unknown> & {
              medianCi: { lower: number | null; upper: number | null };
            },
          ) =>
            [
              json.body.asOf,
              g.key,
              g.n,
              g.resolved,
              g.censored,
              g.medianDays,
              g.p25Days,
              g.p75Days,
              g.medianCi.lower,
              g.medianCi.upper,
            ].map(csvText),
        ),
      );
      const curve = parseCsv(
        (await get('time-to-resolution', { ...query, table: 'curve' }, 'text/csv')).text,
      );
      expect(curve).toEqual([
        ['key', 'day', 'survival'],
        ['false', '0', '1'],
        ['false', '10', '0.6667'], // 2/3 to 4 decimals
        ['true', '0', '1'],
        ['true', '20', '0'],
      ]);
    });
  });

  it('cadence: regular sessions on both boundary days count, the inter-session and 04-01 do not', async () => {
    const res = await get('cadence', { mesaId: m, from: '2015-03-01', to: '2015-03-31' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mesaId: m,
      from: '2015-03-01',
      to: '2015-03-31',
      sessions: 3,
      days: 31,
      perMonth: 3 / (31 / 30.4375),
      longestGapDays: 16,
      months: [{ month: '2015-03', sessions: 3, days: 31 }],
    });
    const csv = parseCsv(
      (await get('cadence', { mesaId: m, from: '2015-03-01', to: '2015-03-31' }, 'text/csv')).text,
    );
    expect(csv).toEqual([
      ['from', 'to', 'sessions', 'days', 'perMonth', 'longestGapDays'],
      ['2015-03-01', '2015-03-31', '3', '31', '2.9456', '16'], // 3 / (31 / 30.4375)
    ]);
    const months = parseCsv(
      (
        await get(
          'cadence',
          { mesaId: m, from: '2015-02-15', to: '2015-04-01', table: 'months' },
          'text/csv',
        )
      ).text,
    );
    expect(months).toEqual([
      ['month', 'sessions', 'days'],
      ['2015-02', '0', '14'],
      ['2015-03', '3', '31'],
      ['2015-04', '1', '1'],
    ]);
  });

  it('tasks per responsible entity: one late after a moved deadline, one on time, one overdue', async () => {
    const res = await get('tasks', {
      groupBy: 'responsibleEntity',
      mesaId: m,
      asOf: '2015-04-01T12:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ groupBy: 'responsibleEntity', asOfDate: '2015-04-01' });
    expect(res.body.groups).toEqual([
      {
        key: 'PRODUCE',
        assigned: 1,
        open: 1,
        done: 0,
        doneOnTime: 0,
        doneLate: 0,
        doneOnOriginalTime: 0,
        cancelled: 0,
        overdueNow: 1,
        medianDaysLate: null,
      },
      {
        key: 'SERFOR',
        assigned: 2,
        open: 0,
        done: 2,
        doneOnTime: 1,
        doneLate: 1,
        doneOnOriginalTime: 1,
        cancelled: 0,
        overdueNow: 0,
        medianDaysLate: 3,
      },
    ]);
    const csv = parseCsv(
      (
        await get(
          'tasks',
          { groupBy: 'responsibleEntity', mesaId: m, asOf: '2015-04-01T12:00:00Z' },
          'text/csv',
        )
      ).text,
    );
    expect(csv[2]).toEqual(['2015-04-01', 'SERFOR', '2', '0', '2', '1', '1', '1', '0', '0', '3']);
  });

  it('escalations: one, decided in 4 days, a quarter of the problems', async () => {
    const res = await get('escalations', { mesaId: m, asOf: '2015-04-01T12:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      count: 1,
      decided: 1,
      pending: 0,
      problems: 4,
      escalatedProblems: 1,
      shareEscalated: 0.25,
      timeToDecision: { medianDays: 4 },
      timeToResolution: {
        escalated: { n: 1, medianDays: 20 },
        notEscalated: { n: 3, medianDays: null },
      },
    });
    const csv = parseCsv(
      (await get('escalations', { mesaId: m, asOf: '2015-04-01T12:00:00Z' }, 'text/csv')).text,
    );
    expect(csv[1].slice(0, 8)).toEqual([
      '2015-04-01T12:00:00.000Z',
      '1',
      '1',
      '0',
      '4',
      '1',
      '0.25',
      '4',
    ]);
  });

  /*
   * Whose move as of 04-01 12:00 (days):
   * P1: team [03-01,03-02) 1 · SERFOR [03-02 12h,03-09 15h) 7.125 · team to 03-11 1.875.
   * P2: team 1 · SERFOR [03-02,03-05) 3 · high level [03-05,03-09) 4 · SERFOR [03-09 12h,03-18 15h)
   *     9.125 · team to 03-21 2.875.
   * P3: team until its rejection on 03-03: 2.
   * P4: team [03-06,03-16) 10 · resolved until reopened 03-20: nobody · team [03-20,04-01) 12.
   * P5: team 1 · PRODUCE [03-02,04-01) 30 (T3 still open).
   * Totals of 85: team 31.75, PRODUCE 30, SERFOR 19.25, high level 4.
   */
  it('whose move: days, shares and problems per court, and per problem', async () => {
    const res = await get('whose-move', { mesaId: m, asOf: '2015-04-01T12:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2015-04-01T12:00:00.000Z');
    expect(res.body.groups).toEqual([
      { court: 'dedicated_team', days: 31.75, share: 0.3735, problems: 5 },
      { court: 'PRODUCE', days: 30, share: 0.3529, problems: 1 },
      { court: 'SERFOR', days: 19.25, share: 0.2265, problems: 2 },
      { court: 'high_level', days: 4, share: 0.0471, problems: 1 },
    ]);
    const byId = Object.fromEntries(
      res.body.problems.map((p: { problemId: string; courts: object }) => [p.problemId, p.courts]),
    );
    expect(byId).toEqual({
      [p1]: { SERFOR: 7.125, dedicated_team: 2.875 },
      [p2]: { SERFOR: 12.125, dedicated_team: 3.875, high_level: 4 },
      [p3]: { dedicated_team: 2 },
      [p4]: { dedicated_team: 22 },
      [p5]: { PRODUCE: 30, dedicated_team: 1 },
    });
    const csv = parseCsv(
      (await get('whose-move', { mesaId: m, asOf: '2015-04-01T12:00:00Z', format: 'csv' })).text,
    );
    expect(csv.slice(0, 2)).toEqual([
      ['asOf', 'court', 'days', 'share', 'problems'],
      ['2015-04-01T12:00:00.000Z', 'dedicated_team', '31.75', '0.3735', '5'],
    ]);
  });

  it('screening: per organisation of the raiser, the rejected share and the reasons', async () => {
    const res = await get('screening', { mesaId: m, asOf: '2015-04-01T12:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      asOf: '2015-04-01T12:00:00.000Z',
      groupBy: 'organisation',
      groups: [
        {
          key: 'gremio',
          raised: 5,
          accepted: 4,
          rejected: 1,
          pending: 0,
          rejectedShare: 0.2,
          reasons: [{ reason: 'fuera de alcance', n: 1 }],
        },
      ],
    });
    // as of 03-02 00:00 nothing had been filtered yet and P4 had not been raised
    const early = await get('screening', {
      mesaId: m,
      asOf: '2015-03-02T00:00:00Z',
      groupBy: 'barrier',
    });
    expect(early.body.groups).toEqual([
      {
        key: 'red_tape',
        raised: 4,
        accepted: 0,
        rejected: 0,
        pending: 4,
        rejectedShare: null,
        reasons: [],
      },
    ]);
  });

  /*
   * A second mesa for the CSV downloads. Q1 "-menos trámites" (raised 05-01 12h, accepted and
   * given tasks for MEF, SERFOR and SUNAT 05-02 12h, all completed and the problem resolved 05-03
   * 12h): team 1, each entity ⅓ day. Q2 raised 05-01 12h, rejected at 18h for `=HYPERLINK("x")`:
   * team 0.25. Totals of 2.25: team 1.25 (0.5556), each entity 0.333 (0.1481).
   */
  describe('CSV downloads', () => {
    const m2 = freshId('textil');
    const [q1, q2] = [freshId('q1'), freshId('q2')];

    beforeAll(async () => {
      await post('/mesas', {
        mesaId: m2,
        name: 'Textil y confecciones',
        kind: 'sector',
        scope: 'textil',
        convener: 'PRODUCE',
        occurredAt: '2015-04-01T12:00:00Z',
      });
      await post(`/mesas/${m2}/viability`, {
        viable: true,
        notes: 'ok',
        occurredAt: '2015-04-02T12:00:00Z',
      });
      await post(`/mesas/${m2}/launch`, { occurredAt: '2015-04-03T12:00:00Z' });
      await post(`/mesas/${m2}/participants`, {
        participantId: 'sni',
        name: 'Gremio',
        organisation: 'Sociedad Nacional de Industrias',
        role: 'private',
        occurredAt: '2015-04-03T13:00:00Z',
      });
      for (const [problemId, title] of [
        [q1, '-menos trámites'],
        [q2, 'subsidio'],
      ]) {
        await post(`/mesas/${m2}/problems`, {
          problemId,
          title,
          barrier: 'funding',
          raisedBy: 'sni',
          occurredAt: '2015-05-01T12:00:00Z',
        });
      }
      const on = (problemId: string, action: string, body: object, at: string) =>
        post(`/problems/${problemId}/${action}`, { ...body, occurredAt: at });
      await on(
        q2,
        'filter',
        { decision: 'rejected', reason: '=HYPERLINK("x")' },
        '2015-05-01T18:00:00Z',
      );
      await on(q1, 'filter', { decision: 'accepted' }, '2015-05-02T12:00:00Z');
      for (const entity of ['MEF', 'SERFOR', 'SUNAT']) {
        await on(
          q1,
          'tasks',
          {
            taskId: entity.toLowerCase(),
            title: `tarea ${entity}`,
            responsibleEntity: entity,
            dueOn: '2015-05-30',
          },
          '2015-05-02T12:00:00Z',
        );
      }
      for (const entity of ['MEF', 'SERFOR', 'SUNAT']) {
        await on(q1, `tasks/${entity.toLowerCase()}/complete`, {}, '2015-05-03T12:00:00Z');
      }
      await on(q1, 'resolve', { outcome: 'ok' }, '2015-05-03T12:00:00Z');
    });

    it('whose-move as a download: BOM, file name, days to 3 decimals, shares to 4', async () => {
      const res = await get('whose-move', {
        mesaId: m2,
        asOf: '2015-06-01T12:00:00Z',
        format: 'csv',
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="whose-move-groups-${m2}-2015-06-01.csv"`,
      );
      expect(parseCsv(res.text)).toEqual([
        ['asOf', 'court', 'days', 'share', 'problems'],
        ['2015-06-01T12:00:00.000Z', 'dedicated_team', '1.25', '0.5556', '2'],
        ['2015-06-01T12:00:00.000Z', 'MEF', '0.333', '0.1481', '1'],
        ['2015-06-01T12:00:00.000Z', 'SERFOR', '0.333', '0.1481', '1'],
        ['2015-06-01T12:00:00.000Z', 'SUNAT', '0.333', '0.1481', '1'],
      ]);
      const json = await get('whose-move', { mesaId: m2, asOf: '2015-06-01T12:00:00Z' });
      expect(json.body.groups[1]).toEqual({
        court: 'MEF',
        days: 0.333,
        share: 0.1481,
        problems: 1,
      });
    });

    it('screening reasons: a formula-like reason is written as text', async () => {
      const res = await get(
        'screening',
        { mesaId: m2, asOf: '2015-06-01T12:00:00Z', table: 'reasons' },
        'text/csv',
      );
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="screening-organisation-reasons-${m2}-2015-06-01.csv"`,
      );
      expect(res.text).toBe(
        '\uFEFFgroupBy,key,reason,n\r\n' +
          `organisation,Sociedad Nacional de Industrias,"'=HYPERLINK(""x"")",1\r\n`,
      );
    });

    it('the matrix and the mesa list as downloads, accents intact, formula-like titles neutralised', async () => {
      const matrix = await t.http.get(`${API}/mesas/${m2}/matrix`).query({ format: 'csv' });
      expect(matrix.status).toBe(200);
      expect(matrix.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="matrix-problems-${m2}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      );
      expect(matrix.text.startsWith('\uFEFFmesaId,asOf,problemId,title,')).toBe(true);
      expect(matrix.text).toContain(`,${q1},'-menos trámites,funding,`);
      const tasks = await t.http
        .get(`${API}/mesas/${m2}/matrix`)
        .query({ format: 'csv', table: 'tasks', asOf: '2015-05-02T13:00:00Z' });
      expect(tasks.text.split('\r\n').filter(Boolean)).toHaveLength(4);
      expect(tasks.text).toContain(`,${q1},mef,tarea MEF,MEF,2015-05-30,open,false\r\n`);

      const list = await t.http.get(`${API}/mesas`).set('accept', 'text/csv');
      expect(list.headers['content-disposition']).toBe('attachment; filename="mesas.csv"');
      expect(list.text).toContain(
        `\r\n${m2},Textil y confecciones,sector,textil,national,,PRODUCE,launched,`,
      );
    });

    it('format=json wins over Accept; an unknown format is a 400 everywhere', async () => {
      const json = await t.http
        .get(`${API}/analytics/whose-move`)
        .query({ mesaId: m2, format: 'json' })
        .set('accept', 'text/csv');
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      for (const path of [
        '/analytics/whose-move',
        '/analytics/screening',
        '/analytics/tasks',
        `/mesas/${m2}/matrix`,
        '/mesas',
        '/history',
      ]) {
        const res = await t.http.get(`${API}${path}`).query({ format: 'xlsx' });
        expect([path, res.status]).toEqual([path, 400]);
        expect(JSON.stringify(res.body.message)).toMatch(/format must be one of/);
      }
    });
  });

  describe('refuses bad questions', () => {
    it.each([
      ['time-to-resolution', { groupBy: 'colour' }, /groupBy must be one of/],
      ['time-to-resolution', { asOf: 'yesterday' }, /asOf must be an ISO-8601/],
      ['time-to-resolution', { asOf: '2999-01-01' }, /asOf must not be in the future/],
      ['time-to-resolution', { groupby: 'barrier' }, /unknown query parameter groupby/],
      ['time-to-resolution', { mesaId: 'NOT AN ID' }, /mesaId must be an id/],
      ['time-to-resolution', { minPosition: '-1' }, /minPosition must be a position/],
      ['cadence', { from: '2015-03-01', to: '2015-03-31' }, /mesaId is required/],
      [
        'cadence',
        { mesaId: 'x', from: '2015-03-31', to: '2015-03-01' },
        /from 2015-03-31 is after to 2015-03-01/,
      ],
      [
        'cadence',
        { mesaId: 'x', from: '2015-02-30', to: '2015-03-01' },
        /from must be a calendar date/,
      ],
      ['cadence', { mesaId: 'x', from: '2015-03-01' }, /to is required/],
      ['tasks', { groupBy: 'title' }, /groupBy must be one of responsibleEntity, mesa/],
      ['escalations', { table: 'everything' }, /table must be one of/],
      [
        'screening',
        { groupBy: 'colour' },
        /groupBy must be one of organisation, barrier, raisedBy/,
      ],
      ['whose-move', { groupBy: 'court' }, /unknown query parameter groupBy/],
    ])('%s %j → 400', async (route, query, message) => {
      const res = await get(route, query as Record<string, string>);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    });

    it('a repeated parameter → 400', async () => {
      const res = await t.http.get(
        `${API}/analytics/time-to-resolution?groupBy=barrier&groupBy=mesa`,
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('groupBy must be given once, as plain text');
    });

    it.each(['time-to-resolution', 'tasks', 'escalations', 'whose-move', 'screening'])(
      '%s of an unknown mesa → 404',
      async (route) => {
        const res = await get(route, { mesaId: freshId('nadie') });
        expect(res.status).toBe(404);
        expect(res.body.message).toMatch(/unknown mesa/);
      },
    );

    it('cadence of an unknown mesa → 404', async () => {
      const res = await get('cadence', {
        mesaId: freshId('nadie'),
        from: '2015-01-01',
        to: '2015-12-31',
      });
      expect(res.status).toBe(404);
    });

    it('a minPosition the projection cannot reach → 503 after waiting', async () => {
      const res = await get('tasks', { minPosition: String(BigInt(lastPosition) + 1_000_000n) });
      expect(res.status).toBe(503);
    });
  });
});

/** RFC 4180 as the analytics routes write it (a BOM first; no quoted fields in these answers). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(1, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

/** A JSON number of days as the CSV writes it (3 decimals). */
function csvText(value: unknown): string {
  return value === null
    ? ''
    : typeof value === 'number'
      ? String(Math.round(value * 1000) / 1000)
      : String(value);
}
