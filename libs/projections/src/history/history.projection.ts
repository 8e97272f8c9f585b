import type { StoredEvent } from '@mesas/event-store';
import { leafHashOfText } from '@mesas/transparency';
import type { Doc, DocRef, DocWrite } from '../document-store.port';
import { BatchProjection, MemoryDocView } from '../projection';
import {
  HistoryEntryDoc,
  HistoryLeaf,
  HistorySourceEvent,
  entryJson,
  entryKey,
  historyLeafOf,
  checkedLeafText,
} from './history-entry';
import {
  HISTORY,
  HISTORY_ENTRIES,
  HISTORY_MESA_NAMES,
  HISTORY_META,
  HISTORY_PROBLEM_NAMES,
  HISTORY_TREE_KEY,
  HistoryTreeDoc,
} from './history.queries';
import { Summaries, SummaryNames, summarize } from './history-summary';
import { rebuildHistoryOnThread } from './history-thread';
import { treeWrites } from './history-tree-writes';

const MESA_NAMES = HISTORY_MESA_NAMES;
const PROBLEM_NAMES = HISTORY_PROBLEM_NAMES;

type MesaNamesDoc = {
  name: string;
  participants: { [participantId: string]: string };
  sessions: { [sessionId: string]: string };
};
type ProblemNamesDoc = { title: string; tasks: { [taskId: string]: string } };

/** The parts of a stored event an entry is made of (the metadata's sessionId: provenance). */
export function historySourceOf(event: StoredEvent): HistorySourceEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    data: event.data,
    ...(event.metadata.sessionId !== undefined ? { sessionId: event.metadata.sessionId } : {}),
  };
}

/**
 * The public history (docs/API.md, "Public history and its proofs"): one entry per stored event, in
 * the order of the global log, indexed from 0, and the RFC 9162 tree over them.
 *
 * A batch projection because appending needs the tree as it stands: the batch reads the tree
 * head (its size) and the O(log n) frontier nodes, gives the batch's events the next indexes,
 * and writes in ONE `commit`, together with the runner's checkpoint: the entries, the new
 * Merkle nodes of even levels ≥ 2, about one per three entries (isStoredNode: a leaf is its
 * entry's leafHash, an odd level is hashed from its children; stored nodes never change), the
 * names its summaries use and the new tree head {treeSize, rootHash}. So entries, tree and
 * head move together, exactly once: a batch applied twice would fail the checkpoint's
 * compare-and-set and write nothing. It holds no state between batches, so a rebuild into a
 * fresh generation is correct. A rebuild from a log another thread can read makes the entries
 * on a thread of its own with the same code (`rebuildOnThread`: history-thread.ts, decision
 * 0031).
 */
export const historyProjection: BatchProjection = {
  name: HISTORY,

  async applyBatch(events, documents, from, to) {
    const refs: DocRef[] = [{ collection: HISTORY_META, key: HISTORY_TREE_KEY }];
    for (const event of events) refs.push(...nameRefsOf(event));
    const view = new MemoryDocView(await documents.load(HISTORY, refs));
    const start = view.get<HistoryTreeDoc>(HISTORY_META, HISTORY_TREE_KEY)?.treeSize ?? 0;

    const entries: DocWrite[] = [];
    const leafHashes: string[] = [];
    const names = namesIn(view);
    events.forEach((event, i) => {
      const entry = historyEntryOf(event, start + i, view, names);
      leafHashes.push(entry.leafHash);
      entries.push(entry.write);
    });
    const tree = await treeWrites(documents, start, leafHashes);
    await documents.commit(HISTORY, from, to, [...entries, ...tree, ...view.pendingWrites()]);
  },

  rebuildOnThread: (run) => rebuildHistoryOnThread(run),
};

/** Where the names that summaries use are kept while entries are made: get and put by key. */
export interface HistoryNamesView {
  get<T extends Doc>(collection: string, key: string): T | null;
  put(collection: string, key: string, doc: Doc): void;
}

/**
 * What makes the entry of `event` at `index`, up to its hash: the leaf, its canonical text
 * (refused when too large for a tile) and its summaries, remembering in `view` the names the
 * event introduces for later summaries. `names` reads `view` (namesIn).
 */
export function historyEntryParts(
  event: StoredEvent,
  index: number,
  view: HistoryNamesView,
  names: SummaryNames,
): { leaf: HistoryLeaf; text: string; summaries: Summaries } {
  const leaf = historyLeafOf(historySourceOf(event), index);
  rememberNames(view, leaf);
  return { leaf, text: checkedLeafText(leaf), summaries: summarize(leaf, names) };
}

/** The entry of `event` at `index` (historyEntryParts): its write and its leaf hash. */
export function historyEntryOf(
  event: StoredEvent,
  index: number,
  view: HistoryNamesView,
  names: SummaryNames,
): { write: DocWrite; leafHash: string } {
  const { leaf, text, summaries } = historyEntryParts(event, index, view, names);
  // the leaf is hashed before it becomes the entry; its canonical text is the entry's text
  const leafHash = leafHashOfText(text);
  const doc: HistoryEntryDoc = Object.assign(leaf, { summaries, leafHash });
  return {
    write: {
      collection: HISTORY_ENTRIES,
      key: entryKey(leaf.index),
      partition: leaf.mesaId,
      doc: doc as unknown as Doc,
      json: entryJson(text, summaries, leafHash),
    },
    leafHash,
  };
}

function nameRefsOf(event: StoredEvent): DocRef[] {
  const refs: DocRef[] = [];
  if (typeof event.data.mesaId === 'string')
    refs.push({ collection: MESA_NAMES, key: event.data.mesaId });
  if (typeof event.data.problemId === 'string')
    refs.push({ collection: PROBLEM_NAMES, key: event.data.problemId });
  return refs;
}

/** Keeps the names later summaries refer to, from the entry's public data only. */
function rememberNames(view: HistoryNamesView, leaf: HistoryLeaf): void {
  const d = leaf.data;
  const str = (key: string): string => (typeof d[key] === 'string' ? (d[key] as string) : '');
  const mesaId = leaf.mesaId;
  const mesa = (change: (m: MesaNamesDoc) => MesaNamesDoc): void => {
    if (mesaId === null) return;
    const current = view.get<MesaNamesDoc>(MESA_NAMES, mesaId) ?? {
      name: mesaId,
      participants: {},
      sessions: {},
    };
    view.put(MESA_NAMES, mesaId, change(current));
  };
  const problem = (change: (p: ProblemNamesDoc) => ProblemNamesDoc): void => {
    if (leaf.problemId === undefined) return;
    const current = view.get<ProblemNamesDoc>(PROBLEM_NAMES, leaf.problemId) ?? {
      title: leaf.problemId,
      tasks: {},
    };
    view.put(PROBLEM_NAMES, leaf.problemId, change(current));
  };
  switch (leaf.type) {
    case 'MesaProposed':
      return mesa((m) => ({ ...m, name: str('name') || m.name }));
    case 'ParticipantJoined':
      return mesa((m) => ({
        ...m,
        participants: { ...m.participants, [str('participantId')]: str('name') },
      }));
    case 'SessionHeld':
      return mesa((m) => ({
        ...m,
        sessions: { ...m.sessions, [str('sessionId')]: str('heldOn') },
      }));
    case 'ProblemRaised':
      return problem((p) => ({ ...p, title: str('title') || p.title }));
    case 'TaskAssigned':
      return problem((p) => ({ ...p, tasks: { ...p.tasks, [str('taskId')]: str('title') } }));
    default:
      return;
  }
}

export function namesIn(view: HistoryNamesView): SummaryNames {
  const mesa = (id: string) => view.get<MesaNamesDoc>(MESA_NAMES, id);
  const problem = (id: string) => view.get<ProblemNamesDoc>(PROBLEM_NAMES, id);
  return {
    mesa: (id) => mesa(id)?.name ?? null,
    problem: (id) => problem(id)?.title ?? null,
    task: (problemId, taskId) => problem(problemId)?.tasks[taskId] ?? null,
    participant: (mesaId, id) => mesa(mesaId)?.participants[id] ?? null,
    session: (mesaId, id) => mesa(mesaId)?.sessions[id] ?? null,
  };
}
