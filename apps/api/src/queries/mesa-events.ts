import { mesaStreamId, problemStreamId } from '@mesas/domain';
import type { EventStore, StoredEvent } from '@mesas/event-store';
import { DocumentStore, MATRIX, MatrixRowDoc, ROWS } from '@mesas/projections';

/**
 * The mesa's stream and the streams of every problem ever raised in it (every problem has a
 * matrix row, whatever its status): what time travel (`asOf`) and the matrix diff fold.
 */
export async function readMesaEvents(
  store: EventStore,
  documents: DocumentStore,
  mesaId: string,
): Promise<StoredEvent[]> {
  const mesaEvents = await store.readStream(mesaStreamId(mesaId));
  const rows = (await documents.list(MATRIX, ROWS, mesaId)) as MatrixRowDoc[];
  const problemEvents = await Promise.all(
    rows.map((r) => store.readStream(problemStreamId(r.problemId))),
  );
  return [...mesaEvents, ...problemEvents.flat()];
}
