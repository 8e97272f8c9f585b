export {
  CanonicalJsonError,
  canonicalBytes,
  canonicalize,
  type JsonArray,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
} from './jcs';
export {
  EMPTY_TREE_ROOT,
  consistencyProofFromLeafHashes,
  inclusionProofFromLeafHashes,
  isHashHex,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyProof,
  type InclusionProof,
} from './merkle';
export {
  InMemoryMerkleStore,
  MerkleStoreError,
  consistencyProof,
  inclusionProof,
  nodeId,
  nodesToAppend,
  rootHash,
  type MerkleNodeReader,
  type NodeKey,
  type StoredNode,
} from './merkle-store';
export {
  CHECKPOINT_ORIGIN,
  checkpointMessage,
  generateKeyPair,
  publicKeyPemFromPrivate,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type KeyPairPem,
} from './checkpoint';
export { FIELDS_OUTSIDE_LEAF, historyLeafBytes, historyLeafHash } from './history-leaf';
