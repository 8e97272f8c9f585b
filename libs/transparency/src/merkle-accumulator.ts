import { EMPTY_TREE_ROOT, nodeHash } from './merkle';

/**
 * MTH over leaves pushed one at a time, in O(log n) memory: the log's perfect subtrees, largest
 * first (RFC 9162's MTH of any size is their right fold). Lets the auditor hash a log of
 * millions of entries without holding it.
 */
export class MerkleRootAccumulator {
  private readonly stack: { size: number; hash: string }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  push(leafHash: string): void {
    let node = { size: 1, hash: leafHash };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.leaves++;
  }

  root(): string {
    if (this.stack.length === 0) return EMPTY_TREE_ROOT;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}
