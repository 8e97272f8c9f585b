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
  appendToTree,
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
export {
  FIELDS_OUTSIDE_LEAF,
  historyLeafBytes,
  historyLeafHash,
  historyLeafTextAndHash,
} from './history-leaf';
export {
  MAX_NOTE_SIGNATURES,
  SIGNATURE_LINE_PREFIX,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  SignedNoteError,
  ed25519PrivateKeyObject,
  ed25519PublicKeyObject,
  ed25519RawPublicKey,
  ed25519Vkey,
  formatNote,
  formatSignatureLine,
  formatVkey,
  isSignatureOf,
  isValidKeyName,
  noteKeyId,
  parseNote,
  parseSignatureLine,
  parseVkey,
  signNoteEd25519,
  strictBase64,
  verifierKey,
  verifyNoteEd25519,
  type NoteSignature,
  type NoteVerifierKey,
  type SignedNote,
} from './signed-note';
export {
  formatCheckpointText,
  isValidOrigin,
  openCheckpoint,
  parseCheckpointText,
  signCheckpointNote,
  type OpenedCheckpoint,
  type TlogCheckpoint,
} from './tlog-checkpoint';
export {
  cosignCheckpoint,
  cosignatureVkey,
  cosignedMessage,
  verifyCosignature,
  type Cosignature,
} from './cosignature';
export {
  MAX_ENTRY_BYTES,
  MAX_TILE_LEVEL,
  TILE_HEIGHT,
  TILE_WIDTH,
  TilePathError,
  assertEntrySize,
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundleLeafHashes,
  formatTileIndex,
  fullTileRoot,
  parseTilePath,
  partialTileWidth,
  readTile,
  tileHashes,
  tileNodeKeys,
  tilePath,
  tileWidthAt,
  treeSizesOfPartialTile,
  type TileCoordinates,
} from './tlog-tiles';
export {
  TLOG_SIZE_CONTENT_TYPE,
  decideAddCheckpoint,
  formatAddCheckpoint,
  parseAddCheckpoint,
  type AddCheckpointRequest,
  type WitnessAnswer,
  type WitnessIdentity,
  type WitnessRecord,
} from './witness';
export {
  parseWitnessVkeys,
  verifyTiles,
  verifyTlog,
  type TlogVerifyInput,
  type TlogVerifyReport,
} from './tlog-verifier';
export { MerkleRootAccumulator } from './merkle-accumulator';
export {
  INTERNAL_FIELDS,
  publicData,
  type EventData,
  type EventJsonValue,
  type InternalField,
} from './public-fields';
export { historyLeafOf, type HistoryLeaf, type HistorySourceEvent } from './public-history-leaf';
export {
  verifyHistory,
  type SavedCheckpoint,
  type VerifyInput,
  type VerifyReport,
} from './audit/history-verifier';
export * from './audit/history-sources';
