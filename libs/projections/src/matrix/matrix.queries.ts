import {
  Barrier,
  EscalationReason,
  MATRIX_STATUSES,
  MatrixStatus,
  Ownership,
  RootCause,
  TaskStatus,
} from '@mesas/domain';
import type { StoredEvent } from '@mesas/event-store';
import { foldInMemory } from '../projection';
import type { MatrixRowDoc, MesaDoc } from './matrix.documents';
import { MATRIX, MESAS, ROWS, matrixProjection } from './matrix.projection';
import type { DocumentStore } from '../document-store.port';

export type MatrixRowView = {
  problemId: string;
  title: string;
  barrier: Barrier;
  ownership: Ownership | null;
  rootCause: RootCause | null;
  rank: number | null;
  status: MatrixStatus;
  solution: { revision: number; text: string } | null;
  tasks: {
    taskId: string;
    title: string;
    responsibleEntity: string;
    dueOn: string;
    status: TaskStatus;
    overdue: boolean;
  }[];
  escalation: { reason: EscalationReason; since: string } | null;
  raisedAt: string;
  resolvedAt: string | null;
  decidedIn: { type: string; sessionId: string; occurredAt: string }[];
};

/**
 * The matrix as the portal shows it: prioritised problems first (by rank), then the rest in the
 * order they were raised. A task is overdue when it is open and its due date is before the
 * day of `asOf`.
 */
export function matrixRows(rows: readonly MatrixRowDoc[], asOf: string): MatrixRowView[] {
  const day = asOf.slice(0, 10);
  return [...rows].sort(byRankThenRaised).map((row) => ({
    problemId: row.problemId,
    title: row.title,
    barrier: row.barrier,
    ownership: row.ownership,
    rootCause: row.rootCause,
    rank: row.rank,
    status: row.status,
    solution: row.solution,
    tasks: row.tasks.map((t) => ({
      taskId: t.taskId,
      title: t.title,
      responsibleEntity: t.responsibleEntity,
      dueOn: t.dueOn,
      status: t.status,
      overdue: t.status === 'open' && t.dueOn < day,
    })),
    escalation: row.escalation,
    raisedAt: row.raisedAt,
    resolvedAt: row.resolvedAt,
    decidedIn: row.decidedIn,
  }));
}

function byRankThenRaised(a: MatrixRowDoc, b: MatrixRowDoc): number {
  const ra = a.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  if (a.raisedAt !== b.raisedAt) return a.raisedAt < b.raisedAt ? -1 : 1;
  return a.problemId < b.problemId ? -1 : 1;
}

/**
 * Time travel: the matrix of one mesa from the events that occurred up to `asOf`. Each stream is
 * ordered by business time (the domain refuses an event earlier than its stream's last one), so
 * filtering by `occurredAt` keeps a prefix of every stream and the fold is exact.
 */
export function matrixAsOf(
  events: readonly StoredEvent[],
  mesaId: string,
  asOf: string,
): { mesa: MesaDoc | null; rows: MatrixRowDoc[] } {
  const cutoff = Date.parse(asOf);
  const occurred = events
    .filter((e) => Date.parse(e.occurredAt) <= cutoff)
    .sort(
      (a, b) =>
        Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
        compareBig(a.globalPosition, b.globalPosition),
    );
  const view = foldInMemory(matrixProjection, occurred);
  return {
    mesa: view.get<MesaDoc>(MESAS, mesaId),
    rows: (view.all(ROWS) as MatrixRowDoc[]).filter((r) => r.mesaId === mesaId),
  };
}

export type StatusCounts = Record<MatrixStatus, number>;

export function countByStatus(rows: readonly MatrixRowDoc[]): StatusCounts {
  const counts = Object.fromEntries(MATRIX_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const row of rows) counts[row.status]++;
  return counts;
}

/**
 * Each mesa's problems counted by status, scanning one mesa's rows at a time: nothing holds more
 * than one row (a mesa list over a large store).
 */
export async function problemCountsByMesa(
  documents: Pick<DocumentStore, 'scan'>,
  mesaIds: readonly string[],
): Promise<Map<string, StatusCounts>> {
  const counts = new Map<string, StatusCounts>();
  for (const mesaId of mesaIds) {
    const mesa = countByStatus([]);
    await documents.scan(MATRIX, ROWS, mesaId, (row) => {
      mesa[(row as MatrixRowDoc).status]++;
    });
    counts.set(mesaId, mesa);
  }
  return counts;
}

/** A mesa as the mesa list shows it: what it is, and its problems counted by status. */
export type MesaSummary = Pick<
  MesaDoc,
  'mesaId' | 'name' | 'kind' | 'scope' | 'level' | 'region' | 'convener' | 'status' | 'launchedAt'
> & { problems: StatusCounts };

/**
 * Every mesa with its problems counted by status (the API's mesa list and the portal's). The
 * mesa documents (sessions, participants: kilobytes each) are scanned and only what the list
 * shows is kept.
 */
export async function mesaSummaries(
  documents: Pick<DocumentStore, 'scan'>,
): Promise<MesaSummary[]> {
  const mesas: Omit<MesaSummary, 'problems'>[] = [];
  await documents.scan(MATRIX, MESAS, undefined, (doc) => {
    const m = doc as MesaDoc;
    mesas.push({
      mesaId: m.mesaId,
      name: m.name,
      kind: m.kind,
      scope: m.scope,
      level: m.level,
      region: m.region,
      convener: m.convener,
      status: m.status,
      launchedAt: m.launchedAt,
    });
  });
  const counts = await problemCountsByMesa(
    documents,
    mesas.map((m) => m.mesaId),
  );
  return mesas.map((m) => ({ ...m, problems: counts.get(m.mesaId) ?? countByStatus([]) }));
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
