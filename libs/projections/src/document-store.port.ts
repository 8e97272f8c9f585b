import type { JsonObject, LogCheckpoint } from '@mesas/event-store';

/** A read-model document: plain JSON, owned by one projection. */
export type Doc = JsonObject;

export interface DocRef {
  readonly collection: string;
  readonly key: string;
}

export interface DocWrite extends DocRef {
  /** groups documents for listing (e.g. the mesa of a matrix row) */
  readonly partition: string | null;
  readonly doc: Doc;
  /**
   * `doc` as JSON text, when the projection has it already: stores that keep text write it
   * instead of serializing `doc` again. It must parse to a value equal to `doc` (its members
   * may come in another order).
   */
  readonly json?: string;
}

/** A document write with the document already serialized as JSON text. */
export interface EncodedWrite extends DocRef {
  readonly partition: string | null;
  readonly json: string;
}

/** A write as a store of JSON text keeps it: the projection's own text, or `doc` serialized. */
export function encodeWrite(write: DocWrite): EncodedWrite {
  return {
    collection: write.collection,
    key: write.key,
    partition: write.partition,
    json: write.json ?? JSON.stringify(write.doc),
  };
}

export interface RangeOptions {
  readonly partition?: string;
  /** exclusive lower bound */
  readonly afterKey?: string;
  /** exclusive upper bound */
  readonly beforeKey?: string;
  readonly limit: number;
  /** newest first, for keys that grow with time */
  readonly descending?: boolean;
}

export const refKey = (ref: DocRef): string => `${ref.collection}/${ref.key}`;

/**
 * Where projections keep their documents and their checkpoint. The one promise that matters:
 * `commit` writes the documents and moves the checkpoint in one transaction, and only if the
 * checkpoint is still where the runner read it (compare-and-set), so a batch takes effect
 * exactly once even with a crash or a second runner.
 */
export interface DocumentStore {
  checkpoint(projection: string): Promise<LogCheckpoint | null>;
  load(projection: string, refs: readonly DocRef[]): Promise<Map<string, Doc>>;
  commit(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly DocWrite[],
  ): Promise<void>;
  get(projection: string, collection: string, key: string): Promise<Doc | null>;
  list(projection: string, collection: string, partition?: string): Promise<Doc[]>;
  /**
   * Hands every document of a collection (or of one partition of it) to `visit`, in key order,
   * as one transaction sees them, without holding them all: for folds over collections too large
   * to list (memory is one document at a time, plus whatever `visit` keeps). `visit` must not
   * call the store.
   */
  scan(
    projection: string,
    collection: string,
    partition: string | undefined,
    visit: (doc: Doc) => void,
  ): Promise<void>;
  /**
   * Documents with keys strictly between `afterKey` and `beforeKey` (either bound optional), in
   * key order (reverse key order with `descending`), at most `limit`: for paging through large
   * collections whose keys sort as they should be read (e.g. zero-padded indexes), either way.
   */
  range(projection: string, collection: string, options: RangeOptions): Promise<Doc[]>;
  /** How many documents a collection (or one partition of it) holds. */
  count(projection: string, collection: string, partition?: string): Promise<number>;
  /** Forgets a projection's documents and checkpoint, so it rebuilds from the start of the log. */
  reset(projection: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A store that keeps documents as JSON text and takes them already serialized: `commit`, with
 * the serialization done by the caller. A rebuild holding many documents between writes keeps
 * them as text, one string each instead of a tree of objects (decision 0030).
 */
export interface EncodedCommitSupport {
  commitEncoded(
    projection: string,
    from: LogCheckpoint | null,
    to: LogCheckpoint | null,
    writes: readonly EncodedWrite[],
  ): Promise<void>;
}

export function supportsEncodedCommit(
  documents: DocumentStore,
): documents is DocumentStore & EncodedCommitSupport {
  return typeof (documents as Partial<EncodedCommitSupport>).commitEncoded === 'function';
}

/** Another runner moved the checkpoint first: this batch was not applied. */
export class CheckpointConflict extends Error {
  constructor(
    readonly projection: string,
    readonly expected: LogCheckpoint | null,
  ) {
    super(`projection ${projection} is no longer at checkpoint ${expected ?? 'start'}`);
    this.name = 'CheckpointConflict';
  }
}

/**
 * A rebuild in progress: a new, empty generation of one projection that readers do not see.
 * Run the projection into `documents`, then `activate` swaps it in (one transaction) and drops
 * the generation it replaces; `discard` drops it instead. Until `activate`, the live projection
 * is untouched: a rebuild that fails leaves it as it was.
 */
export interface ShadowRebuild {
  readonly projection: string;
  readonly generation: string;
  readonly documents: DocumentStore;
  activate(): Promise<void>;
  discard(): Promise<void>;
}

/** A read-model store that can rebuild a projection beside the live one and swap it in. */
export interface ShadowRebuildSupport {
  prepareRebuild(projection: string): Promise<ShadowRebuild>;
}

export function supportsShadowRebuild(
  documents: DocumentStore,
): documents is DocumentStore & ShadowRebuildSupport {
  return typeof (documents as Partial<ShadowRebuildSupport>).prepareRebuild === 'function';
}
