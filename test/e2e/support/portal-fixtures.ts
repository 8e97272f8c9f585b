import { ok } from './http-fixtures';
import { TestApp, freshId } from './test-app';

/** A title that would run if the portal did not escape: public input, shown as text. */
export const HOSTILE_TITLE =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

export interface PortalStory {
  mesaId: string;
  /** raised (with the hostile title), accepted, solution proposed then revised with a rationale, task moved and completed, resolved, impact */
  resolvedProblem: string;
  /** raised and rejected */
  rejectedProblem: string;
  lastPosition: string;
}

/**
 * A small mesa told in the past (2015), with decisions in named sessions: enough for every
 * portal page to have something to show, and dates to travel to.
 */
export async function seedPortalStory(t: TestApp): Promise<PortalStory> {
  const c = t.token({ role: 'coordinator' });
  const mesaId = freshId('portal');
  const m = `/mesas/${mesaId}`;
  const at = (day: string, time = '15:00') => `${day}T${time}:00Z`;
  await ok(
    t,
    '/mesas',
    {
      mesaId,
      name: `Mesa Ejecutiva de Prueba ${mesaId}`,
      kind: 'sector',
      scope: 'forestal',
      convener: 'PRODUCE',
      occurredAt: at('2015-01-05'),
    },
    c,
  );
  await ok(
    t,
    `${m}/viability`,
    { viable: true, notes: 'demanda', occurredAt: at('2015-01-10') },
    c,
  );
  await ok(t, `${m}/launch`, { occurredAt: at('2015-01-15') }, c);
  for (const [participantId, role] of [
    ['equipo', 'dedicated_team'],
    ['gremio', 'private'],
    ['serfor', 'public'],
  ]) {
    await ok(
      t,
      `${m}/participants`,
      {
        participantId,
        name: participantId,
        organisation: participantId.toUpperCase(),
        role,
        occurredAt: at('2015-01-15', '16:00'),
      },
      c,
    );
  }
  const s1 = `${mesaId}-s1`;
  const s2 = `${mesaId}-s2`;
  await ok(
    t,
    `${m}/sessions`,
    {
      sessionId: s1,
      type: 'regular',
      heldOn: '2015-02-02',
      attendees: ['equipo', 'gremio'],
      summary: 'primera sesión',
      occurredAt: at('2015-02-02'),
    },
    c,
  );
  const resolvedProblem = freshId('problema');
  const p = `/problems/${resolvedProblem}`;
  await ok(
    t,
    `${m}/problems`,
    {
      problemId: resolvedProblem,
      title: HOSTILE_TITLE,
      barrier: 'red_tape',
      raisedBy: 'gremio',
      occurredAt: at('2015-02-02', '15:10'),
      sessionId: s1,
    },
    c,
  );
  await ok(
    t,
    `${p}/classify`,
    {
      ownership: 'MP',
      rootCause: 'implementation',
      occurredAt: at('2015-02-02', '15:15'),
      sessionId: s1,
    },
    c,
  );
  await ok(
    t,
    `${p}/filter`,
    { decision: 'accepted', occurredAt: at('2015-02-02', '15:20'), sessionId: s1 },
    c,
  );
  await ok(
    t,
    `${p}/prioritize`,
    { rank: 1, occurredAt: at('2015-02-02', '15:25'), sessionId: s1 },
    c,
  );
  await ok(
    t,
    `${p}/solutions`,
    { text: 'Ventanilla única', occurredAt: at('2015-02-02', '15:30'), sessionId: s1 },
    c,
  );
  await ok(
    t,
    `${p}/tasks`,
    {
      taskId: 'ventanilla',
      title: 'Abrir la ventanilla',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-03-01',
      occurredAt: at('2015-02-02', '15:40'),
      sessionId: s1,
    },
    c,
  );
  await ok(
    t,
    `${m}/sessions`,
    {
      sessionId: s2,
      type: 'regular',
      heldOn: '2015-03-16',
      attendees: ['equipo', 'gremio', 'serfor'],
      occurredAt: at('2015-03-16'),
    },
    c,
  );
  await ok(
    t,
    `${p}/tasks/ventanilla/deadline`,
    {
      dueOn: '2015-04-01',
      reason: 'falta el presupuesto',
      occurredAt: at('2015-03-16', '15:05'),
      sessionId: s2,
    },
    c,
  );
  await ok(
    t,
    `${p}/solutions`,
    {
      text: 'Ventanilla única digital',
      rationale: 'la presencial no escala a las regiones',
      occurredAt: at('2015-03-16', '15:10'),
      sessionId: s2,
    },
    c,
  );
  const rejectedProblem = freshId('subsidio');
  await ok(
    t,
    `${m}/problems`,
    {
      problemId: rejectedProblem,
      title: 'Subsidio a la reforestación',
      barrier: 'funding',
      raisedBy: 'gremio',
      occurredAt: at('2015-03-16', '15:20'),
      sessionId: s2,
    },
    c,
  );
  await ok(
    t,
    `/problems/${rejectedProblem}/filter`,
    {
      decision: 'rejected',
      reason: 'pide un subsidio',
      occurredAt: at('2015-03-16', '15:25'),
      sessionId: s2,
    },
    c,
  );
  await ok(
    t,
    `${p}/tasks/ventanilla/complete`,
    { outcome: 'abierta', occurredAt: at('2015-03-20') },
    c,
  );
  await ok(
    t,
    `${p}/resolve`,
    { outcome: 'trámite en 3 días', occurredAt: at('2015-03-20', '16:00') },
    c,
  );
  const last = await ok(
    t,
    `${p}/impact`,
    {
      indicator: 'Duración del trámite',
      unit: 'días',
      before: 180,
      after: 3,
      occurredAt: at('2015-03-20', '17:00'),
    },
    c,
  );
  return { mesaId, resolvedProblem, rejectedProblem, lastPosition: last.position };
}
