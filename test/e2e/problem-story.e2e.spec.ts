import { ok, seedAcceptedProblem, seedLaunchedMesa } from './support/http-fixtures';
import { API, TestApp, startTestApp } from './support/test-app';

/** GET /problems/{p}: one problem's matrix row and its timeline, from public data only. */
describe('a problem and its timeline over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator' });
  });
  afterAll(() => t.close());

  it('tells the story in order, with sessions, history indexes and the summary in either language', async () => {
    const mesa = await seedLaunchedMesa(t, coordinator);
    const problemId = await seedAcceptedProblem(t, coordinator, mesa);
    await ok(
      t,
      `/mesas/${mesa.mesaId}/sessions`,
      {
        sessionId: `${mesa.mesaId}-s1`,
        type: 'regular',
        // today in Lima (UTC-5), where sessions' days are counted: from 00:00 to 05:00 UTC the
        // UTC date is tomorrow there, a session that has not happened yet
        heldOn: new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10),
        attendees: [mesa.team, mesa.gremio],
      },
      coordinator,
    );
    await ok(
      t,
      `/problems/${problemId}/solutions`,
      { text: 'Ventanilla única', sessionId: `${mesa.mesaId}-s1` },
      coordinator,
    );
    await ok(
      t,
      `/problems/${problemId}/solutions`,
      { text: 'Ventanilla única digital', rationale: 'la presencial no escala' },
      coordinator,
    );
    const last = await ok(t, `/problems/${problemId}/resolve`, { outcome: 'hecho' }, coordinator);

    const es = await t.http
      .get(`${API}/problems/${problemId}`)
      .query({ minPosition: last.position });
    expect(es.status).toBe(200);
    expect(es.body.problemId).toBe(problemId);
    expect(es.body.mesaId).toBe(mesa.mesaId);
    expect(es.body.row).toMatchObject({
      problemId,
      mesaId: mesa.mesaId,
      status: 'resolved',
      solution: { revision: 2, text: 'Ventanilla única digital' },
    });
    const timeline = es.body.timeline as {
      type: string;
      sessionId?: string;
      historyIndex: number;
      summary: string;
      occurredAt: string;
      recordedAt: string;
      data: Record<string, unknown>;
    }[];
    expect(timeline.map((e) => e.type)).toEqual([
      'ProblemRaised',
      'ProblemFiltered',
      'SolutionProposed',
      'SolutionRevised',
      'ProblemResolved',
    ]);
    expect(timeline[2].sessionId).toBe(`${mesa.mesaId}-s1`);
    expect(timeline[3]).not.toHaveProperty('sessionId');
    expect(timeline[3].data.rationale).toBe('la presencial no escala');
    const indexes = timeline.map((e) => e.historyIndex);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);

    // each historyIndex is the entry of the public history that records that step
    for (const step of timeline) {
      const page = await t.http
        .get(`${API}/history`)
        .query({ after: step.historyIndex === 0 ? undefined : step.historyIndex - 1, limit: 1 });
      const entry = page.body.entries[0];
      expect(entry.index).toBe(step.historyIndex);
      expect(entry.type).toBe(step.type);
      expect(entry.summary).toBe(step.summary);
      expect(entry.occurredAt).toBe(step.occurredAt);
    }

    const en = await t.http.get(`${API}/problems/${problemId}`).query({ lang: 'en' });
    expect(en.status).toBe(200);
    expect(en.body.timeline[0].summary).not.toBe(timeline[0].summary);
    expect(en.body.timeline[0].summary).toMatch(/raised/i);
  });

  it('answers 404 for an unknown problem and 400 for a malformed id or language', async () => {
    const unknown = await t.http.get(`${API}/problems/no-such-problem`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/unknown problem/);
    expect((await t.http.get(`${API}/problems/NOT%20AN%20ID`)).status).toBe(400);
    expect((await t.http.get(`${API}/problems/abc`).query({ lang: 'fr' })).status).toBe(400);
  });
});
