import { toCsv } from '@mesas/analytics';
import type { MatrixRowView, StatusCounts } from '@mesas/projections';

/*
 * The CSV forms of the mesa list and of a matrix (written with @mesas/analytics' `toCsv`, so the
 * same quoting, rounding and formula neutralisation apply). Nested JSON becomes either a flat
 * column (counts, the current solution) or a table of its own (`table=tasks`).
 */

export interface MesaListRow {
  readonly mesaId: string;
  readonly name: string;
  readonly kind: string;
  readonly scope: string;
  readonly level: string;
  readonly region: string | null;
  readonly convener: string;
  readonly status: string;
  readonly launchedAt: string | null;
  readonly problems: StatusCounts;
}

/** mesaId,name,kind,scope,level,region,convener,status,launchedAt, then the problems per status. */
export function mesaListCsv(mesas: readonly MesaListRow[]): string {
  return toCsv(
    [
      'mesaId',
      'name',
      'kind',
      'scope',
      'level',
      'region',
      'convener',
      'status',
      'launchedAt',
      'problemsRaised',
      'problemsRejected',
      'problemsOpen',
      'problemsEscalated',
      'problemsResolved',
    ],
    mesas.map((m) => [
      m.mesaId,
      m.name,
      m.kind,
      m.scope,
      m.level,
      m.region,
      m.convener,
      m.status,
      m.launchedAt,
      m.problems.raised,
      m.problems.rejected,
      m.problems.open,
      m.problems.escalated,
      m.problems.resolved,
    ]),
  );
}

/**
 * One row per problem, in the matrix's order: mesaId,asOf,problemId,title,barrier,ownership,
 * rootCause,rank,status,solutionRevision,solution,tasks,tasksOpen,tasksOverdue,escalationReason,
 * escalatedSince,raisedAt,resolvedAt,decidedIn (session ids, `;`-separated).
 */
export function matrixProblemsCsv(mesaId: string, asOf: string, rows: readonly MatrixRowView[]) {
  return toCsv(
    [
      'mesaId',
      'asOf',
      'problemId',
      'title',
      'barrier',
      'ownership',
      'rootCause',
      'rank',
      'status',
      'solutionRevision',
      'solution',
      'tasks',
      'tasksOpen',
      'tasksOverdue',
      'escalationReason',
      'escalatedSince',
      'raisedAt',
      'resolvedAt',
      'decidedIn',
    ],
    rows.map((r) => [
      mesaId,
      asOf,
      r.problemId,
      r.title,
      r.barrier,
      r.ownership,
      r.rootCause,
      r.rank,
      r.status,
      r.solution?.revision ?? null,
      r.solution?.text ?? null,
      r.tasks.length,
      r.tasks.filter((t) => t.status === 'open').length,
      r.tasks.filter((t) => t.overdue).length,
      r.escalation?.reason ?? null,
      r.escalation?.since ?? null,
      r.raisedAt,
      r.resolvedAt,
      [...new Set(r.decidedIn.map((d) => d.sessionId))].join(';'),
    ]),
  );
}

/** One row per task: mesaId,asOf,problemId,taskId,title,responsibleEntity,dueOn,status,overdue. */
export function matrixTasksCsv(mesaId: string, asOf: string, rows: readonly MatrixRowView[]) {
  return toCsv(
    [
      'mesaId',
      'asOf',
      'problemId',
      'taskId',
      'title',
      'responsibleEntity',
      'dueOn',
      'status',
      'overdue',
    ],
    rows.flatMap((r) =>
      r.tasks.map((t) => [
        mesaId,
        asOf,
        r.problemId,
        t.taskId,
        t.title,
        t.responsibleEntity,
        t.dueOn,
        t.status,
        t.overdue,
      ]),
    ),
  );
}
