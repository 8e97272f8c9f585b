import type {
  CadenceResult,
  CadenceTotals,
  ScreeningResult,
  TaskDeliveryResult,
  TimeToResolutionResult,
  WhoseMoveResult,
} from '@mesas/analytics';
import type {
  HistoryEntry,
  MatrixDiff,
  MatrixRowView,
  MesaDoc,
  ProblemStory,
  StatusCounts,
} from '@mesas/projections';

/**
 * What the pages render, read by the caller from the read models: plain data, no I/O here.
 * Instants are ISO-8601 strings; calendar dates `YYYY-MM-DD`.
 */

export interface MesaSummaryView {
  readonly mesaId: string;
  readonly name: string;
  readonly kind: string;
  readonly scope: string;
  readonly level: string;
  readonly region: string | null;
  readonly convener: string;
  readonly status: string;
  readonly launchedAt: string | null;
  readonly problems: StatusCounts;
}

/** One ImpactRecorded of the mesa, as its history entry says it. */
export interface ImpactView {
  readonly problemId: string;
  readonly problemTitle: string;
  readonly indicator: string;
  readonly unit: string;
  readonly before: number;
  readonly after: number;
  readonly occurredAt: string;
  readonly historyIndex: number;
}

export interface MesaPageView {
  readonly mesa: MesaDoc;
  readonly rows: readonly MatrixRowView[];
  readonly counts: StatusCounts;
  /** the instant of a historical view; null for the live page */
  readonly asOf: string | null;
  /** the calendar date the reader asked for (the form's value), when historical */
  readonly asOfDay: string | null;
  readonly cadence: CadenceResult | null;
  readonly impacts: readonly ImpactView[];
  /** today in Lima, `YYYY-MM-DD` (defaults of the forms) */
  readonly today: string;
}

export interface MesaDiffPageView {
  readonly mesa: MesaDoc;
  readonly diff: MatrixDiff | null;
  /** the reader's values, as given (dates or instants), for the form */
  readonly fromParam: string;
  readonly toParam: string;
  readonly today: string;
}

export interface ProblemPageView {
  readonly mesa: MesaDoc;
  readonly story: ProblemStory;
  /** the tree size of the signed checkpoint, for the in-browser proof check */
  readonly treeSize: number;
}

export interface HistoryPageView {
  readonly entries: readonly HistoryEntry[];
  readonly nextBefore: number | null;
  readonly before: number | null;
  readonly filter: {
    readonly mesa: string;
    readonly problem: string;
    readonly type: string;
    readonly from: string;
    readonly to: string;
  };
  /** the search stopped early (bounded scan) with fewer entries than a page */
  readonly scanStoppedAt: number | null;
  readonly mesas: readonly { readonly mesaId: string; readonly name: string }[];
  readonly checkpoint: Checkpoint | null;
}

export interface Checkpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signature: string;
}

export type AnalyticsGroupBy = '' | 'barrier' | 'ownership' | 'rootCause' | 'escalated' | 'mesa';

export interface MesaCadenceView {
  readonly mesaId: string;
  readonly name: string;
  readonly cadence: CadenceResult;
}

/** A mesa's cadence in the table of every mesa: the totals, without the month series. */
export interface MesaCadenceTotalsView {
  readonly mesaId: string;
  readonly name: string;
  readonly cadence: CadenceTotals;
}

export interface AnalyticsPageView {
  readonly mesaId: string;
  readonly groupBy: AnalyticsGroupBy;
  readonly mesas: readonly { readonly mesaId: string; readonly name: string }[];
  readonly timeToResolution: TimeToResolutionResult;
  /** the chosen mesa's cadence, month by month */
  readonly cadence: MesaCadenceView | null;
  /** without a mesa: every launched mesa's cadence since its launch */
  readonly cadenceByMesa: readonly MesaCadenceTotalsView[];
  readonly tasks: TaskDeliveryResult;
  /** who held the ball, per court */
  readonly whoseMove: WhoseMoveResult;
  /** screening per organisation of whoever raised the problem */
  readonly screening: ScreeningResult;
}

export interface VerifyPageView {
  /** the site's origin as the reader reached it, for the commands (`http://host:port`) */
  readonly origin: string;
  readonly checkpoint: Checkpoint | null;
  readonly publicKeyPem: string | null;
  /**
   * The same checkpoint as a C2SP signed note (`/tlog/checkpoint`: the log's signature, then the
   * witnesses' cosignature lines) and the log's verifier key; null where the server has none.
   */
  readonly tlog: { readonly note: string; readonly vkey: string } | null;
  /** the witnesses asked to cosign, and what each last cosigned */
  readonly witnesses: readonly WitnessView[];
}

/** A witness of the log as the log knows it (`/api/v1/transparency/witnesses`). */
export interface WitnessView {
  readonly name: string;
  readonly vkey: string;
  /** the tree size it last cosigned, null before its first answer */
  readonly cosignedSize: number | null;
  readonly cosignedAt: string | null;
  readonly lastError: string | null;
}
