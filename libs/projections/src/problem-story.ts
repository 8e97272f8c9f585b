import type { DocumentStore } from './document-store.port';
import { HistoryLang } from './history/history-entry';
import { ProblemTimelineEntry, problemTimeline } from './history/history-search';
import type { MatrixRowDoc } from './matrix/matrix.documents';
import { MATRIX, ROWS } from './matrix/matrix.projection';
import { MatrixRowView, matrixRows } from './matrix/matrix.queries';

/** `GET /problems/{p}`: the problem's matrix row (public fields) and its timeline. */
export type ProblemStory = {
  problemId: string;
  mesaId: string;
  row: MatrixRowView & { mesaId: string; description: string | null };
  timeline: ProblemTimelineEntry[];
};

/**
 * One problem told from the read models: its live matrix row (overdue as of `now`) and every
 * public history entry about it, oldest first. Null for a problem the matrix does not know.
 * The row and the timeline come from two projections, each at its own checkpoint; callers that
 * need both to include a write wait for both (`minPosition`).
 */
export async function readProblemStory(
  documents: DocumentStore,
  options: { problemId: string; lang: HistoryLang; now: string },
): Promise<ProblemStory | null> {
  const doc = (await documents.get(MATRIX, ROWS, options.problemId)) as MatrixRowDoc | null;
  if (!doc) return null;
  const [view] = matrixRows([doc], options.now);
  const timeline = await problemTimeline(documents, {
    mesaId: doc.mesaId,
    problemId: doc.problemId,
    lang: options.lang,
  });
  return {
    problemId: doc.problemId,
    mesaId: doc.mesaId,
    row: { ...view, mesaId: doc.mesaId, description: doc.description },
    timeline,
  };
}
