import { HttpException, Inject, Injectable } from '@nestjs/common';
import { cadence } from '@mesas/analytics';
import type { EventStore } from '@mesas/event-store';
import {
  HistoryFilter,
  HistoryLang,
  MATRIX,
  MESAS,
  MatrixRowDoc,
  MesaDoc,
  ROWS,
  countByStatus,
  mesaSummaries,
  historyPageNewestFirst,
  historyTree,
  matrixAsOf,
  matrixDiff,
  matrixRows,
  readCadence,
  readCadenceTotals,
  readProblemStory,
  readAnalyticsOverview,
  toHistoryEntry,
} from '@mesas/projections';
import {
  AnalyticsGroupBy,
  AnalyticsPageView,
  Checkpoint,
  HistoryPageView,
  ImpactView,
  MesaCadenceTotalsView,
  MesaCadenceView,
  MesaDiffPageView,
  MesaPageView,
  MesaSummaryView,
  ProblemPageView,
  Translator,
  VerifyPageView,
} from '@mesas/portal';
import { EVENT_STORE } from '@mesas/runtime';
import { formatNote } from '@mesas/transparency';
import { TransparencySigner } from '../history/transparency-signer';
import { WitnessCosigner } from '../history/witness-cosigner';
import { readMesaEvents } from '../queries/mesa-events';
import { ReadModels } from '../queries/read-models';

/** How many entries one history page shows, and how many it may read to find them. */
export const HISTORY_PAGE_SIZE = 50;
const HISTORY_SCAN_LIMIT = 5000;

/**
 * What the portal's pages show, read from the same read models and folds as the API's query
 * routes (so a page and its JSON download agree): the live matrix from the matrix projection,
 * a past one from a fold of the mesa's streams, the history and analytics from theirs.
 * Returns null for what does not exist; the routes turn that into a 404 page.
 */
@Injectable()
export class PortalReads {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly signer: TransparencySigner,
    private readonly cosigner: WitnessCosigner,
  ) {}

  private get documents() {
    return this.readModels.documents;
  }

  mesas(): Promise<MesaSummaryView[]> {
    return mesaSummaries(this.documents);
  }

  /** Every mesa's id and name, scanned: the documents (kilobytes each) are not kept. */
  async mesaNames(): Promise<{ mesaId: string; name: string }[]> {
    const names: { mesaId: string; name: string }[] = [];
    await this.documents.scan(MATRIX, MESAS, undefined, (doc) => {
      const m = doc as MesaDoc;
      names.push({ mesaId: m.mesaId, name: m.name });
    });
    return names;
  }

  async mesa(mesaId: string): Promise<MesaDoc | null> {
    return (await this.documents.get(MATRIX, MESAS, mesaId)) as MesaDoc | null;
  }

  /**
   * The mesa page, live or as of an instant. 'not-yet' when the mesa exists but had not been
   * proposed by then.
   */
  async mesaPage(
    mesaId: string,
    asOf: { instant: string; day: string } | undefined,
  ): Promise<MesaPageView | null | 'not-yet'> {
    const now = new Date().toISOString();
    const today = Translator.limaDate(now);
    let mesa: MesaDoc | null;
    let rowDocs: MatrixRowDoc[];
    if (asOf === undefined) {
      [mesa, rowDocs] = await Promise.all([
        this.mesa(mesaId),
        this.documents.list(MATRIX, ROWS, mesaId) as Promise<MatrixRowDoc[]>,
      ]);
      if (!mesa) return null;
    } else {
      const events = await readMesaEvents(this.store, this.documents, mesaId);
      if (events.length === 0) return null;
      const past = matrixAsOf(events, mesaId, asOf.instant);
      if (!past.mesa) return 'not-yet';
      mesa = past.mesa;
      rowDocs = past.rows;
    }
    const at = asOf?.instant ?? now;
    const rows = matrixRows(rowDocs, at);
    const titles = new Map(rowDocs.map((r) => [r.problemId, r.title]));
    const start = mesa.launchedAt ?? mesa.proposedAt;
    const window = { from: Translator.limaDate(start), to: asOf?.day ?? today };
    return {
      mesa,
      rows,
      counts: countByStatus(rowDocs),
      asOf: asOf?.instant ?? null,
      asOfDay: asOf?.day ?? null,
      cadence:
        window.from <= window.to
          ? cadence(
              mesa.sessions.map((s) => ({
                type: s.type === 'regular' ? 'regular' : 'inter_session',
                heldOn: s.heldOn,
              })),
              window,
            )
          : null,
      impacts: await this.impacts(mesaId, at, titles),
      today,
    };
  }

  private async impacts(
    mesaId: string,
    upTo: string,
    titles: Map<string, string>,
  ): Promise<ImpactView[]> {
    const page = await historyPageNewestFirst(this.documents, {
      limit: 100,
      filter: { mesaId, types: ['ImpactRecorded'], to: upTo },
      scanLimit: HISTORY_SCAN_LIMIT,
    });
    return page.entries.map((e) => {
      const d = e.data;
      const problemId = e.problemId ?? '';
      return {
        problemId,
        problemTitle: titles.get(problemId) ?? problemId,
        indicator: typeof d.indicator === 'string' ? d.indicator : '',
        unit: typeof d.unit === 'string' ? d.unit : '',
        before: typeof d.before === 'number' ? d.before : NaN,
        after: typeof d.after === 'number' ? d.after : NaN,
        occurredAt: e.occurredAt,
        historyIndex: e.index,
      };
    });
  }

  async diffPage(
    mesaId: string,
    from: { instant: string; day: string },
    to: { instant: string; day: string },
  ): Promise<MesaDiffPageView | null | 'not-yet'> {
    const events = await readMesaEvents(this.store, this.documents, mesaId);
    if (events.length === 0) return null;
    const diff = matrixDiff(events, mesaId, from.instant, to.instant);
    const mesa = matrixAsOf(events, mesaId, to.instant).mesa;
    if (!diff || !mesa) return 'not-yet';
    return {
      mesa,
      diff,
      fromParam: from.day,
      toParam: to.day,
      today: Translator.limaDate(new Date().toISOString()),
    };
  }

  async problemPage(
    mesaId: string,
    problemId: string,
    lang: HistoryLang,
  ): Promise<ProblemPageView | null> {
    const story = await readProblemStory(this.documents, {
      problemId,
      lang,
      now: new Date().toISOString(),
    });
    if (!story || story.mesaId !== mesaId) return null;
    const [mesa, tree] = await Promise.all([this.mesa(mesaId), historyTree(this.documents)]);
    if (!mesa) return null;
    return { mesa, story, treeSize: tree.treeSize };
  }

  async historyPage(options: {
    before?: number;
    filter: HistoryFilter;
    form: HistoryPageView['filter'];
    lang: HistoryLang;
  }): Promise<HistoryPageView> {
    const [page, mesas, checkpoint] = await Promise.all([
      historyPageNewestFirst(this.documents, {
        before: options.before,
        limit: HISTORY_PAGE_SIZE,
        filter: options.filter,
        scanLimit: HISTORY_SCAN_LIMIT,
      }),
      this.mesaNames(),
      this.checkpoint(),
    ]);
    return {
      entries: page.entries.map((doc) => toHistoryEntry(doc, options.lang)),
      nextBefore: page.nextBefore,
      before: options.before ?? null,
      filter: options.form,
      scanStoppedAt:
        page.nextBefore !== null && page.entries.length < HISTORY_PAGE_SIZE
          ? page.nextBefore
          : null,
      mesas,
      checkpoint,
    };
  }

  async analyticsPage(
    mesaId: string | undefined,
    groupBy: AnalyticsGroupBy,
  ): Promise<AnalyticsPageView> {
    const now = new Date().toISOString();
    const today = Translator.limaDate(now);
    const cached = this.readModels.cached;
    // what the page needs of each mesa, not its whole document
    type MesaDates = Pick<MesaDoc, 'mesaId' | 'name' | 'launchedAt' | 'proposedAt'>;
    const mesas: MesaDates[] = [];
    await this.documents.scan(MATRIX, MESAS, undefined, (doc) => {
      const m = doc as MesaDoc;
      mesas.push({
        mesaId: m.mesaId,
        name: m.name,
        launchedAt: m.launchedAt,
        proposedAt: m.proposedAt,
      });
    });
    const since = (m: MesaDates) => Translator.limaDate(m.launchedAt ?? m.proposedAt);
    const cadenceOf = async (m: MesaDates): Promise<MesaCadenceView> => ({
      mesaId: m.mesaId,
      name: m.name,
      cadence: await readCadence(cached, { mesaId: m.mesaId, from: since(m), to: today }),
    });
    const totalsOf = async (m: MesaDates): Promise<MesaCadenceTotalsView> => ({
      mesaId: m.mesaId,
      name: m.name,
      cadence: await readCadenceTotals(cached, { mesaId: m.mesaId, from: since(m), to: today }),
    });
    const chosen = mesaId ? mesas.find((m) => m.mesaId === mesaId) : undefined;
    const [overview, cadenceView, byMesa] = await Promise.all([
      readAnalyticsOverview(cached, {
        asOf: now,
        mesaId,
        ...(groupBy ? { groupBy } : {}),
        tasksGroupBy: 'responsibleEntity',
        screeningGroupBy: 'organisation',
      }),
      chosen ? cadenceOf(chosen) : Promise.resolve(null),
      chosen
        ? Promise.resolve([])
        : Promise.all(mesas.filter((m) => m.launchedAt !== null).map(totalsOf)),
    ]);
    const { timeToResolution: ttr, tasks, whoseMove, screening } = overview;
    return {
      mesaId: mesaId ?? '',
      groupBy,
      mesas: mesas.map((m) => ({ mesaId: m.mesaId, name: m.name })),
      timeToResolution: ttr.result,
      cadence: cadenceView,
      cadenceByMesa: byMesa,
      tasks,
      whoseMove,
      screening,
    };
  }

  async verifyPage(origin: string): Promise<VerifyPageView> {
    let publicKeyPem: string | null = null;
    let tlog: VerifyPageView['tlog'] = null;
    const { treeSize, rootHash } = await historyTree(this.documents);
    try {
      publicKeyPem = this.signer.publicKeyPem();
      // the same signed note as /tlog/checkpoint: the log's signature, then the cosignatures
      const note = this.signer.note(treeSize, rootHash);
      const cosignatures = this.cosigner.cosignaturesFor(treeSize, rootHash);
      tlog = {
        note: formatNote({ ...note, signatures: [...note.signatures, ...cosignatures] }),
        vkey: this.signer.vkey(),
      };
    } catch (error) {
      // a process without the signing key shows what it can; anything else is a real failure
      if (!(error instanceof HttpException)) throw error;
    }
    const witnesses = this.cosigner.status().map((w) => ({
      name: w.name,
      vkey: w.vkey,
      cosignedSize: w.cosignedSize,
      cosignedAt: w.cosignedAt,
      lastError: w.lastError,
    }));
    return { origin, checkpoint: await this.checkpoint(), publicKeyPem, tlog, witnesses };
  }

  /** The signed checkpoint, or null on a process that holds no signing key. */
  async checkpoint(): Promise<Checkpoint | null> {
    const { treeSize, rootHash } = await historyTree(this.documents);
    try {
      return this.signer.sign(treeSize, rootHash);
    } catch {
      return null;
    }
  }
}
