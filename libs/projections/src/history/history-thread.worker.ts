// The history thread of a rebuild (history-thread.ts): reads the log by itself and makes each
// event's entry with the projection's own code. Modules of this library by relative path only.
import { SqliteLogReader, StoredEvent, Upcaster, upcastEvent } from '@mesas/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import type { Doc, EncodedWrite } from '../document-store.port';
import { sourceWorkerData } from '../sqlite/source-worker';
import type { HistoryThreadData, HistoryThreadMessage } from './history-thread';
import { HistoryNamesView, historyEntryParts, namesIn } from './history.projection';

/** The names the summaries use, for the whole log, and which of them the page changed. */
class Names implements HistoryNamesView {
  /** by collection, then key (looked up several times per event: no composite key built) */
  private readonly docs = new Map<string, Map<string, Doc>>();
  private readonly changed = new Map<string, Set<string>>();

  get<T extends Doc>(collection: string, key: string): T | null {
    return (this.docs.get(collection)?.get(key) as T | undefined) ?? null;
  }

  put(collection: string, key: string, doc: Doc): void {
    let docs = this.docs.get(collection);
    if (!docs) this.docs.set(collection, (docs = new Map()));
    docs.set(key, doc);
    let changed = this.changed.get(collection);
    if (!changed) this.changed.set(collection, (changed = new Set()));
    changed.add(key);
  }

  /** The documents changed since the last call, as writes. */
  drain(): EncodedWrite[] {
    const writes: EncodedWrite[] = [];
    for (const [collection, keys] of this.changed) {
      for (const key of keys) {
        const json = JSON.stringify(this.get(collection, key));
        writes.push({ collection, key, partition: null, json });
      }
    }
    this.changed.clear();
    return writes;
  }
}

const {
  log,
  pageSize,
  piece: pieceSize,
  total,
  ahead,
} = sourceWorkerData<HistoryThreadData>(workerData);
const post = (message: HistoryThreadMessage): void => parentPort!.postMessage(message);

function run(): void {
  // an entry reads one member of the metadata (historySourceOf)
  const reader = new SqliteLogReader(log.filename, { metadata: ['sessionId'] });
  const upcasters: readonly Upcaster[] = log.upcasters
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(log.upcasters.module) as Record<string, readonly Upcaster[]>)[log.upcasters.name]
    : [];
  const names = new Names();
  const summaryNames = namesIn(names);
  let after: string | null = null;
  let index = 0;
  let credits = ahead;
  let ended = false;
  const end = (): void => {
    if (!ended) post({ kind: 'end' });
    ended = true;
  };

  const step = (): void => {
    if (credits === 0 || ended) return;
    if (index >= total) return end();
    // a piece never spans two pages: pages are made of `pageSize` events from the first
    const room = pageSize - (index % pageSize);
    const wanted = Math.min(pieceSize, room, total - index);
    let events: readonly StoredEvent[];
    let to: string | null;
    try {
      const read = reader.readAll(after, wanted);
      events = read.events;
      to = read.checkpoint;
    } catch (error) {
      return post(errorMessage(error));
    }
    if (events.length === 0) return end();
    const texts: string[] = [];
    const summariesJson: string[] = [];
    const partitions: (string | null)[] = [];
    for (const stored of events) {
      try {
        const event = upcasters.length > 0 ? upcastEvent(stored, upcasters) : stored;
        const { leaf, text, summaries } = historyEntryParts(event, index, names, summaryNames);
        texts.push(text);
        summariesJson.push(JSON.stringify(summaries));
        partitions.push(leaf.mesaId);
      } catch (error) {
        return post({
          kind: 'stall',
          stall: {
            position: stored.globalPosition.toString(),
            eventId: stored.eventId,
            type: stored.type,
            streamId: stored.streamId,
            error: errorMessage(error).message,
            since: new Date().toISOString(),
            attempts: 1,
          },
        });
      }
      index++;
    }
    // the page ends at its size, at the events asked for, or where the log ends for now
    const last = index % pageSize === 0 || index >= total || events.length < wanted;
    post({
      kind: 'piece',
      first: index - events.length,
      to,
      texts,
      summaries: summariesJson,
      partitions,
      names: names.drain(),
      last,
    });
    after = to;
    credits--;
    setImmediate(step);
  };

  parentPort!.on('message', (message: unknown) => {
    if (message !== 'more') return;
    credits++;
    if (credits === 1) setImmediate(step);
  });
  step();
}

function errorMessage(error: unknown): { kind: 'error'; name: string; message: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'error', name: e.name, message: e.message };
}

try {
  run();
} catch (error) {
  post(errorMessage(error));
}
