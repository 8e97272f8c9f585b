import { appendToTree, nodeId, type StoredNode } from '@mesas/transparency';
import type { DocWrite, DocumentStore } from '../document-store.port';
import { entryKey } from './history-entry';
import {
  HISTORY_HEADS,
  HISTORY_META,
  HISTORY_NODES,
  HISTORY_TREE_KEY,
  HistoryTreeDoc,
  documentNodeReader,
  isStoredNode,
} from './history.queries';

/**
 * What appending `leafHashes` at `start` writes besides the entries: the new Merkle nodes of
 * even levels ≥ 2, about one per three entries (isStoredNode: a leaf is its entry's leafHash,
 * an odd level is hashed from its children; stored nodes never change), the new tree head and
 * the head kept under its tree size. The frontier is read once; the new root folds frontier and
 * new nodes without more reads. `head: false` leaves the head out of the kept heads (the tree
 * doc still moves): for appends that are parts of one batch.
 */
export async function treeWrites(
  documents: DocumentStore,
  start: number,
  leafHashes: readonly string[],
  { head: keepHead = true }: { readonly head?: boolean } = {},
): Promise<DocWrite[]> {
  const tree = await appendToTree(documentNodeReader(documents), start, leafHashes);
  const head: HistoryTreeDoc = { treeSize: start + leafHashes.length, rootHash: tree.rootHash };
  const writes: DocWrite[] = tree.nodes.filter((node) => isStoredNode(node.key)).map(nodeWrite);
  writes.push({ collection: HISTORY_META, key: HISTORY_TREE_KEY, partition: null, doc: head });
  // Every head is a tree size the log may sign: tlog-tiles serves its partial tiles.
  if (keepHead) {
    writes.push({
      collection: HISTORY_HEADS,
      key: entryKey(head.treeSize),
      partition: null,
      doc: head,
    });
  }
  return writes;
}

function nodeWrite(node: StoredNode): DocWrite {
  return {
    collection: HISTORY_NODES,
    key: nodeId(node.key),
    partition: null,
    doc: { hash: node.hash },
  };
}
