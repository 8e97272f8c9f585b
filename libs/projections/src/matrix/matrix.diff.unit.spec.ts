import type { StoredEvent } from '@mesas/event-store';
import { HistoryBuilder } from '../analytics/testing/analytics-history';
import { matrixDiff } from './matrix.diff';
import { matrixAsOf } from './matrix.queries';

/**
 * Mesa m1 (2015): problem a raised 02-10 and accepted in session s1; b raised 03-01, rejected;
 * a's solution revised, a task assigned, moved and completed, an escalation decided; mesa m2
 * has a problem too (never in m1's diff). Events marked with a session carry it in metadata.
 */
function history(): StoredEvent[] {
  const h = new HistoryBuilder();
  const m = { mesaId: 'm1' };
  const a = { mesaId: 'm1', problemId: 'a' };
  const b = { mesaId: 'm1', problemId: 'b' };
  h.mesa(
    'MesaProposed',
    {
      ...m,
      name: 'Forestal',
      kind: 'sector',
      scope: 'forestal',
      level: 'national',
      region: null,
      convener: 'PRODUCE',
      cadenceDays: 14,
    },
    '2015-01-05T00:00:00Z',
  );
  h.mesa('MesaLaunched', m, '2015-02-01T00:00:00Z');
  h.mesa(
    'SessionHeld',
    {
      ...m,
      sessionId: 's1',
      type: 'regular',
      heldOn: '2015-02-10',
      attendees: [],
      problemIds: ['a'],
      summary: 'acta',
    },
    '2015-02-10T20:00:00Z',
  );
  h.problem(
    'ProblemRaised',
    { ...a, title: 'Registro lento', description: null, barrier: 'red_tape', raisedBy: 'gremio' },
    '2015-02-10T15:00:00Z',
  );
  h.problem(
    'ProblemFiltered',
    { ...a, decision: 'accepted', reason: null },
    '2015-02-10T21:00:00Z',
  );
  h.problem(
    'SolutionProposed',
    { ...a, revision: 1, text: 'En línea', rationale: null },
    '2015-02-11T00:00:00Z',
  );
  h.problem(
    'ProblemRaised',
    { ...b, title: 'Subsidio', description: null, barrier: 'funding', raisedBy: 'gremio' },
    '2015-03-01T00:00:00Z',
  );
  h.problem(
    'ProblemFiltered',
    { ...b, decision: 'rejected', reason: 'subsidio' },
    '2015-03-02T00:00:00Z',
  );
  h.problem(
    'TaskAssigned',
    { ...a, taskId: 't1', title: 'Lineamientos', responsibleEntity: 'SERFOR', dueOn: '2015-04-30' },
    '2015-03-05T00:00:00Z',
  );
  h.mesa(
    'SessionHeld',
    {
      ...m,
      sessionId: 'r1',
      type: 'inter_session',
      heldOn: '2015-03-20',
      attendees: [],
      problemIds: [],
      summary: 'NOTA-INTERNA',
    },
    '2015-03-20T20:00:00Z',
  );
  h.problem(
    'SolutionRevised',
    { ...a, revision: 2, text: 'En 3 días', rationale: 'no bastaba' },
    '2015-04-01T00:00:00Z',
  );
  h.problem(
    'TaskDeadlineMoved',
    { ...a, taskId: 't1', previousDueOn: '2015-04-30', dueOn: '2015-06-30', reason: 'consulta' },
    '2015-04-20T00:00:00Z',
  );
  h.problem('Escalated', { ...a, reason: 'budget', note: null }, '2015-05-01T00:00:00Z');
  h.problem(
    'EscalationResolved',
    { ...a, decision: 'MEF financia', decidedBy: 'PCM' },
    '2015-05-20T00:00:00Z',
  );
  h.problem('TaskCompleted', { ...a, taskId: 't1', outcome: 'aprobados' }, '2015-06-10T00:00:00Z');
  h.problem('ProblemResolved', { ...a, outcome: 'tres días' }, '2015-09-30T00:00:00Z');
  h.problem(
    'ProblemRaised',
    {
      mesaId: 'm2',
      problemId: 'z',
      title: 'Otra mesa',
      description: null,
      barrier: 'other',
      raisedBy: 'x',
    },
    '2015-03-01T00:00:00Z',
  );
  const inSession: Record<string, string> = {
    ProblemFiltered: 's1',
    SolutionProposed: 's1',
    EscalationResolved: 's9',
  };
  return h.events.map((e) =>
    inSession[e.type] && e.data.problemId === 'a'
      ? { ...e, metadata: { ...e.metadata, sessionId: inSession[e.type] } }
      : e,
  );
}

describe('matrixDiff', () => {
  const events = history();

  it('lists what changed in (from, to], each change with the session it was decided in', () => {
    const diff = matrixDiff(events, 'm1', '2015-01-31T00:00:00Z', '2015-03-31T00:00:00Z')!;
    expect(diff.events).toBe(9);
    expect(diff.before).toEqual({
      problems: 0,
      byStatus: { raised: 0, rejected: 0, open: 0, escalated: 0, resolved: 0 },
    });
    expect(diff.after.byStatus).toMatchObject({ open: 1, rejected: 1 });
    expect(diff.problemsAdded).toEqual([
      {
        problemId: 'a',
        title: 'Registro lento',
        barrier: 'red_tape',
        raisedAt: '2015-02-10T15:00:00.000Z',
        status: 'open',
        sessionId: null,
      },
      {
        problemId: 'b',
        title: 'Subsidio',
        barrier: 'funding',
        raisedAt: '2015-03-01T00:00:00.000Z',
        status: 'rejected',
        sessionId: null,
      },
    ]);
    expect(diff.statusChanges).toEqual([]); // neither existed at `from`
    expect(diff.solutionRevisions).toEqual([
      {
        problemId: 'a',
        title: 'Registro lento',
        revision: 1,
        text: 'En línea',
        rationale: null,
        occurredAt: '2015-02-11T00:00:00.000Z',
        sessionId: 's1',
      },
    ]);
    expect(diff.tasks).toEqual([
      expect.objectContaining({
        taskId: 't1',
        change: 'assigned',
        responsibleEntity: 'SERFOR',
        dueOn: '2015-04-30',
        sessionId: null,
      }),
    ]);
    expect(diff.decisions.map((d) => [d.type, d.problemId, d.sessionId])).toEqual([
      ['MesaLaunched', null, null],
      ['ProblemFiltered', 'a', 's1'],
      ['ProblemFiltered', 'b', null],
    ]);
    expect(diff.decisions[2].details).toEqual({ decision: 'rejected', reason: 'subsidio' });
    expect(diff.sessions).toEqual([
      {
        sessionId: 's1',
        heldOn: '2015-02-10',
        type: 'regular',
        heldInWindow: true,
        decisions: [
          { type: 'ProblemFiltered', problemId: 'a', occurredAt: '2015-02-10T21:00:00.000Z' },
          { type: 'SolutionProposed', problemId: 'a', occurredAt: '2015-02-11T00:00:00.000Z' },
        ],
      },
      {
        sessionId: 'r1',
        heldOn: '2015-03-20',
        type: 'inter_session',
        heldInWindow: true,
        decisions: [],
      },
    ]);
    expect(JSON.stringify(diff)).not.toContain('NOTA-INTERNA');
    expect(JSON.stringify(diff)).not.toContain('Otra mesa');
  });

  it('reports status changes between the two folds and the task, escalation and solution events between them', () => {
    const diff = matrixDiff(events, 'm1', '2015-03-31T00:00:00Z', '2015-12-31T00:00:00Z')!;
    expect(diff.problemsAdded).toEqual([]);
    expect(diff.statusChanges).toEqual([
      { problemId: 'a', title: 'Registro lento', before: 'open', after: 'resolved' },
    ]);
    expect(diff.solutionRevisions.map((r) => [r.revision, r.rationale])).toEqual([
      [2, 'no bastaba'],
    ]);
    expect(diff.tasks.map((t) => [t.change, t.dueOn, t.previousDueOn, t.note])).toEqual([
      ['deadline_moved', '2015-06-30', '2015-04-30', 'consulta'],
      ['completed', '2015-06-30', undefined, 'aprobados'],
    ]);
    expect(diff.escalations).toEqual([
      expect.objectContaining({ change: 'escalated', reason: 'budget', sessionId: null }),
      expect.objectContaining({
        change: 'resolved',
        decision: 'MEF financia',
        decidedBy: 'PCM',
        sessionId: 's9',
      }),
    ]);
    // a session named by a command but never recorded in the mesa is still listed, undated
    expect(diff.sessions).toEqual([
      {
        sessionId: 's9',
        heldOn: null,
        type: null,
        heldInWindow: false,
        decisions: [expect.objectContaining({ type: 'EscalationResolved' })],
      },
    ]);
  });

  it('agrees with the two time-travel matrices at its ends', () => {
    const [from, to] = ['2015-02-10T22:00:00Z', '2015-05-10T00:00:00Z'];
    const diff = matrixDiff(events, 'm1', from, to)!;
    const before = matrixAsOf(events, 'm1', from).rows;
    const after = matrixAsOf(events, 'm1', to).rows;
    expect(diff.before.problems).toBe(before.length);
    expect(diff.after.problems).toBe(after.length);
    expect(diff.problemsAdded.map((p) => p.problemId)).toEqual(
      after.filter((r) => !before.some((b) => b.problemId === r.problemId)).map((r) => r.problemId),
    );
    expect(diff.statusChanges).toEqual([
      { problemId: 'a', title: 'Registro lento', before: 'open', after: 'escalated' },
    ]);
  });

  it('is empty for an empty window, null before the mesa existed, and refuses from after to', () => {
    const empty = matrixDiff(events, 'm1', '2015-03-10T00:00:00Z', '2015-03-10T00:00:00Z')!;
    expect([
      empty.events,
      empty.problemsAdded.length,
      empty.tasks.length,
      empty.sessions.length,
    ]).toEqual([0, 0, 0, 0]);
    expect(matrixDiff(events, 'm1', '2014-01-01T00:00:00Z', '2014-06-01T00:00:00Z')).toBeNull();
    expect(() => matrixDiff(events, 'm1', '2015-06-01T00:00:00Z', '2015-01-01T00:00:00Z')).toThrow(
      RangeError,
    );
  });
});
