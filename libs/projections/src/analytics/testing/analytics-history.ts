import type { JsonObject, StoredEvent } from '@mesas/event-store';
import { mesaStreamId, problemStreamId } from '@mesas/domain';
import type { Doc, DocumentStore } from '../../document-store.port';
import type { AnalyticsDocuments } from '../analytics.queries';
import type { MemoryDocView } from '../../projection';

/**
 * Builds stored events the way the store would hand them to a projection (versions per stream,
 * increasing global positions), for specs that fold a small, hand-written history.
 */
export class HistoryBuilder {
  private position = 0n;
  private readonly versions = new Map<string, number>();
  readonly events: StoredEvent[] = [];

  mesa(type: string, data: JsonObject & { mesaId: string }, occurredAt: string): this {
    return this.push(mesaStreamId(data.mesaId), type, data, occurredAt);
  }

  problem(
    type: string,
    data: JsonObject & { mesaId: string; problemId: string },
    occurredAt: string,
  ): this {
    return this.push(problemStreamId(data.problemId), type, data, occurredAt);
  }

  private push(streamId: string, type: string, data: JsonObject, occurredAt: string): this {
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    this.position++;
    this.events.push({
      eventId: `e-${this.position}`,
      type,
      schemaVersion: 1,
      occurredAt: new Date(occurredAt).toISOString(),
      data,
      metadata: {
        actor: 'test',
        correlationId: 'c',
        causationId: null,
        commandId: `cmd-${this.position}`,
      },
      streamId,
      streamVersion: version,
      globalPosition: this.position,
      recordedAt: new Date(occurredAt).toISOString(),
    });
    return this;
  }
}

/**
 * The reads of the analytics queries, served from a folded in-memory view; `reads` counts the
 * collection reads (scans or lists).
 */
export function documentsOf(
  view: MemoryDocView,
): AnalyticsDocuments & Pick<DocumentStore, 'list'> & { reads: number } {
  const all = (collection: string, partition?: string): Doc[] =>
    view
      .pendingWrites()
      .filter(
        (w) =>
          w.collection === collection && (partition === undefined || w.partition === partition),
      )
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((w) => w.doc);
  const docs = {
    reads: 0,
    async get(_projection: string, collection: string, key: string) {
      return view.get(collection, key);
    },
    async list(_projection: string, collection: string, partition?: string) {
      docs.reads++;
      return all(collection, partition);
    },
    async scan(
      _projection: string,
      collection: string,
      partition: string | undefined,
      visit: (doc: Doc) => void,
    ) {
      docs.reads++;
      for (const doc of all(collection, partition)) visit(doc);
    },
  };
  return docs;
}

/**
 * A small hand-checked history (mesa `m1`, all times UTC, 2024):
 * - A raised 01-01, classified MP/law 01-02, accepted 01-02, resolved 01-11 (day 10), reopened
 *   01-15, reclassified YP/capacity 01-20, resolved again 01-31 (day 30).
 * - B raised 01-01, accepted 01-02, escalated 01-05, decided 01-09, resolved 01-21 (day 20).
 * - C raised 01-01, rejected 01-03.
 * - D raised 01-06, accepted 01-07, never resolved.
 * - E in mesa `m2`, raised 01-01, resolved 01-03 (day 2).
 * Tasks: t1 (A, SERFOR) due 01-10, moved on 01-08 to 01-20, completed 01-25 15:00Z (5 days
 * late); t2 (B, SERFOR) due 01-15, completed 01-14; t3 (B, MEF) due 01-10, open; t4 (D, MEF)
 * due 01-31, cancelled 01-07. Sessions of m1: regular 01-01, inter_session 01-05, regular 01-15,
 * regular 02-29.
 */
export function analyticsHistory(): HistoryBuilder {
  const h = new HistoryBuilder();
  const m = { mesaId: 'm1' };
  const p = (problemId: string) => ({ mesaId: 'm1', problemId });
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
    '2023-12-01T00:00:00Z',
  );
  h.mesa(
    'MesaProposed',
    {
      mesaId: 'm2',
      name: 'Acuícola',
      kind: 'sector',
      scope: 'acuícola',
      level: 'national',
      region: null,
      convener: 'PRODUCE',
      cadenceDays: 14,
    },
    '2023-12-01T00:00:00Z',
  );
  const session = (sessionId: string, type: string, heldOn: string) =>
    h.mesa(
      'SessionHeld',
      { ...m, sessionId, type, heldOn, attendees: [], problemIds: [], summary: null },
      `${heldOn}T20:00:00Z`,
    );
  session('s1', 'regular', '2024-01-01');
  for (const id of ['a', 'b', 'c']) {
    h.problem(
      'ProblemRaised',
      {
        ...p(id),
        title: id,
        description: null,
        barrier: id === 'b' ? 'funding' : 'red_tape',
        raisedBy: 'gremio',
      },
      '2024-01-01T00:00:00Z',
    );
  }
  h.problem(
    'ProblemRaised',
    {
      mesaId: 'm2',
      problemId: 'e',
      title: 'e',
      description: null,
      barrier: 'funding',
      raisedBy: 'x',
    },
    '2024-01-01T00:00:00Z',
  );
  h.problem(
    'ProblemResolved',
    { mesaId: 'm2', problemId: 'e', outcome: 'ok' },
    '2024-01-03T00:00:00Z',
  );
  h.problem(
    'ProblemClassified',
    { ...p('a'), ownership: 'MP', rootCause: 'law' },
    '2024-01-02T00:00:00Z',
  );
  h.problem(
    'ProblemFiltered',
    { ...p('a'), decision: 'accepted', reason: null },
    '2024-01-02T00:00:00Z',
  );
  h.problem(
    'ProblemFiltered',
    { ...p('b'), decision: 'accepted', reason: null },
    '2024-01-02T00:00:00Z',
  );
  h.problem(
    'TaskAssigned',
    { ...p('a'), taskId: 't1', title: 'norma', responsibleEntity: 'SERFOR', dueOn: '2024-01-10' },
    '2024-01-02T00:00:00Z',
  );
  h.problem(
    'TaskAssigned',
    { ...p('b'), taskId: 't2', title: 'piloto', responsibleEntity: 'SERFOR', dueOn: '2024-01-15' },
    '2024-01-02T00:00:00Z',
  );
  h.problem(
    'ProblemFiltered',
    { ...p('c'), decision: 'rejected', reason: 'fuera de alcance' },
    '2024-01-03T00:00:00Z',
  );
  h.problem(
    'TaskAssigned',
    {
      ...p('b'),
      taskId: 't3',
      title: 'presupuesto',
      responsibleEntity: 'MEF',
      dueOn: '2024-01-10',
    },
    '2024-01-03T00:00:00Z',
  );
  h.problem('Escalated', { ...p('b'), reason: 'budget', note: null }, '2024-01-05T00:00:00Z');
  session('s2', 'inter_session', '2024-01-05');
  h.problem(
    'ProblemRaised',
    { ...p('d'), title: 'd', description: null, barrier: 'skills', raisedBy: 'gremio' },
    '2024-01-06T00:00:00Z',
  );
  h.problem(
    'TaskAssigned',
    { ...p('d'), taskId: 't4', title: 'curso', responsibleEntity: 'MEF', dueOn: '2024-01-31' },
    '2024-01-06T00:00:00Z',
  );
  h.problem(
    'ProblemFiltered',
    { ...p('d'), decision: 'accepted', reason: null },
    '2024-01-07T00:00:00Z',
  );
  h.problem(
    'TaskCancelled',
    { ...p('d'), taskId: 't4', reason: 'otro programa' },
    '2024-01-07T00:00:00Z',
  );
  h.problem(
    'TaskDeadlineMoved',
    {
      ...p('a'),
      taskId: 't1',
      previousDueOn: '2024-01-10',
      dueOn: '2024-01-20',
      reason: 'consulta',
    },
    '2024-01-08T00:00:00Z',
  );
  h.problem(
    'EscalationResolved',
    { ...p('b'), decision: 'MEF asigna', decidedBy: 'PCM' },
    '2024-01-09T00:00:00Z',
  );
  h.problem('ProblemResolved', { ...p('a'), outcome: 'ok' }, '2024-01-11T00:00:00Z');
  h.problem('TaskCompleted', { ...p('b'), taskId: 't2', outcome: null }, '2024-01-14T12:00:00Z');
  h.problem('ProblemReopened', { ...p('a'), reason: 'volvió' }, '2024-01-15T00:00:00Z');
  session('s3', 'regular', '2024-01-15');
  h.problem(
    'ProblemClassified',
    { ...p('a'), ownership: 'YP', rootCause: 'capacity' },
    '2024-01-20T00:00:00Z',
  );
  h.problem('ProblemResolved', { ...p('b'), outcome: 'ok' }, '2024-01-21T00:00:00Z');
  h.problem('TaskCompleted', { ...p('a'), taskId: 't1', outcome: null }, '2024-01-25T15:00:00Z');
  h.problem('ProblemResolved', { ...p('a'), outcome: 'ok' }, '2024-01-31T00:00:00Z');
  session('s4', 'regular', '2024-02-29');
  return h;
}
