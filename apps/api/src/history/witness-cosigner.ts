import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  historyConsistencyProof,
  historyTree,
  type DocumentStore,
  type HistoryTreeDoc,
} from '@mesas/projections';
import { APP_CONFIG, DOCUMENT_STORE, type AppConfig, type WitnessEndpoint } from '@mesas/runtime';
import {
  SignedNoteError,
  formatAddCheckpoint,
  formatNote,
  parseSignatureLine,
  verifyCosignature,
  type NoteSignature,
} from '@mesas/transparency';
import { TransparencySigner } from './transparency-signer';

/** What the log knows of one witness, for /tlog/checkpoint and the portal. */
export interface WitnessStatus {
  readonly name: string;
  readonly vkey: string;
  readonly url: string;
  /** the tree size this witness last cosigned for us, null before its first answer */
  readonly cosignedSize: number | null;
  /** when it signed that cosignature (ISO-8601), from the cosignature's own timestamp */
  readonly cosignedAt: string | null;
  /** the last failure, cleared by the next cosignature */
  readonly lastError: string | null;
}

interface WitnessState {
  readonly endpoint: WitnessEndpoint;
  /** the size the witness says it last cosigned (its 409 answers), 0 until it says otherwise */
  knownSize: number;
  latest: { treeSize: number; rootHash: string; line: NoteSignature; timestamp: number } | null;
  failures: number;
  nextAttempt: number;
  busy: boolean;
  lastError: string | null;
}

const TICK_MS = 250;
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Asks every witness in WITNESSES to cosign the current tree head (c2sp.org/tlog-witness), in
 * the background: the checkpoint is served at once with the cosignatures that match it, and a
 * witness that is down or slow delays only its own cosignature (retried with exponential backoff
 * up to a minute, each witness independently). A witness's 409 tells us the size it holds; we
 * then send the consistency proof from that size. Cosignatures are kept in memory: each API
 * process collects its own (the witnesses answer every process, their record is per log).
 */
@Injectable()
export class WitnessCosigner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Witnesses');
  private readonly witnesses: WitnessState[];
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly signer: TransparencySigner,
  ) {
    this.witnesses = config.witnesses.map((endpoint) => ({
      endpoint,
      knownSize: 0,
      latest: null,
      failures: 0,
      nextAttempt: 0,
      busy: false,
      lastError: null,
    }));
  }

  onApplicationBootstrap(): void {
    if (this.witnesses.length === 0) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Signature lines of the witnesses whose latest cosignature is for exactly this head. */
  cosignaturesFor(treeSize: number, rootHash: string): NoteSignature[] {
    return this.witnesses
      .filter((w) => w.latest?.treeSize === treeSize && w.latest.rootHash === rootHash)
      .map((w) => w.latest!.line);
  }

  status(): WitnessStatus[] {
    return this.witnesses.map((w) => ({
      name: w.endpoint.key.name,
      vkey: w.endpoint.vkey,
      url: w.endpoint.url,
      cosignedSize: w.latest?.treeSize ?? null,
      cosignedAt: w.latest ? new Date(w.latest.timestamp * 1000).toISOString() : null,
      lastError: w.lastError,
    }));
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const head = await historyTree(this.documents);
      const now = Date.now();
      for (const w of this.witnesses) {
        if (w.busy || w.nextAttempt > now) continue;
        if (w.latest?.treeSize === head.treeSize && w.latest.rootHash === head.rootHash) continue;
        w.busy = true;
        void this.ask(w, head).finally(() => {
          w.busy = false;
        });
      }
    } catch (error) {
      this.logger.warn(`cannot read the tree head: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /** One add-checkpoint round; a 409 is followed at once by a second with the witness's size. */
  private async ask(w: WitnessState, head: HistoryTreeDoc): Promise<void> {
    try {
      for (let round = 0; round < 2; round++) {
        const outcome = await this.addCheckpoint(w, head);
        if (outcome !== 'retry') return;
      }
      this.fail(w, 'the witness kept answering 409');
    } catch (error) {
      this.fail(w, (error as Error).message);
    }
  }

  private async addCheckpoint(w: WitnessState, head: HistoryTreeDoc): Promise<'done' | 'retry'> {
    const { treeSize, rootHash } = head;
    if (w.knownSize > treeSize) {
      // The witness saw a larger tree (another process of this log); this one will catch up.
      this.fail(w, `the witness holds size ${w.knownSize}, beyond this process's ${treeSize}`);
      return 'done';
    }
    const proof =
      w.knownSize === 0
        ? []
        : (await historyConsistencyProof(this.documents, w.knownSize, treeSize)).path;
    const note = this.signer.note(treeSize, rootHash);
    const body = formatAddCheckpoint({ oldSize: w.knownSize, proof, note: formatNote(note) });
    const res = await fetch(`${w.endpoint.url}/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status === 409) {
      const size = /^(0|[1-9][0-9]{0,15})\n$/.exec(text);
      if (!size || Number(size[1]) === w.knownSize)
        throw new Error(`409 without a new size: ${text.slice(0, 100)}`);
      w.knownSize = Number(size[1]);
      return 'retry';
    }
    if (res.status !== 200) throw new Error(`${res.status}: ${text.trim().slice(0, 200)}`);
    const line = this.cosignatureIn(text, note.text, w);
    if (!line) throw new Error('200 without a valid cosignature of its key');
    w.latest = { treeSize, rootHash, ...line };
    w.knownSize = treeSize;
    w.failures = 0;
    w.nextAttempt = 0;
    w.lastError = null;
    return 'done';
  }

  /** The witness's own valid cosignature among the lines it answered; others are ignored. */
  private cosignatureIn(
    text: string,
    checkpointText: string,
    w: WitnessState,
  ): { line: NoteSignature; timestamp: number } | null {
    for (const raw of text.split('\n').filter(Boolean)) {
      try {
        const line = parseSignatureLine(raw);
        const timestamp = verifyCosignature(checkpointText, line, w.endpoint.key);
        if (timestamp !== null) return { line, timestamp };
      } catch (error) {
        if (!(error instanceof SignedNoteError)) throw error;
      }
    }
    return null;
  }

  private fail(w: WitnessState, why: string): void {
    w.failures++;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(w.failures - 1, 6));
    w.nextAttempt = Date.now() + backoff * (0.75 + Math.random() / 2);
    if (w.lastError !== why)
      this.logger.warn(`witness ${w.endpoint.key.name}: ${why} (retrying in ~${backoff} ms)`);
    w.lastError = why;
  }
}
