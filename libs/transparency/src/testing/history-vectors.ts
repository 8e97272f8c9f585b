import vectors from './history-vectors.json';

/**
 * The shared vectors of the public history (history-vectors.json): what the library and the
 * portal's in-browser checks must both accept and refuse. Typed here for the specs that read them.
 */
export interface HistoryVectors {
  readonly emptyTreeRoot: string;
  /** JSON text as received, and its RFC 8785 form */
  readonly jcs: readonly { json: string; canonical: string }[];
  /** JSON text with no canonical form (ill-formed Unicode) */
  readonly jcsInvalid: readonly string[];
  readonly leaves: readonly { entry: object; canonical: string; leafHash: string }[];
  /** an entry changed after its hash was taken: the hash must no longer match */
  readonly leavesMutated: readonly { entry: object; leafHash: string; why: string }[];
  readonly inclusion: readonly {
    index: number;
    treeSize: number;
    leafHash: string;
    auditPath: string[];
    rootHash: string;
    valid: boolean;
    why?: string;
  }[];
  readonly consistency: readonly {
    first: number;
    second: number;
    path: string[];
    firstRoot: string;
    secondRoot: string;
    valid: boolean;
    why?: string;
  }[];
}

export const HISTORY_VECTORS: HistoryVectors = vectors;
