import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  FileHistorySource,
  HistorySource,
  HttpHistorySource,
  SignedNoteError,
  parseWitnessVkeys,
  verifyHistory,
  type NoteVerifierKey,
  type SavedCheckpoint,
  type VerifyReport,
} from '@mesas/transparency';
import { CliCommand, progressBar } from '../cli-command';
import { verifyTlogOf } from './audit-tlog';

export interface AuditVerifyOptions {
  /** a running server (its base URL, with or without /api/v1) */
  readonly url?: string;
  /** a directory written by `mesas export` (offline) */
  readonly file?: string;
  /** an auditor's bearer token: also check every audit event has its public entry */
  readonly token?: string;
  /** a checkpoint saved by an earlier verification: this log must extend it */
  readonly sinceCheckpoint?: string;
  /** where to save this checkpoint when everything verifies */
  readonly saveCheckpoint?: string;
  readonly progress?: boolean;
  /** witnesses (cosignature/v1 vkeys) whose cosignatures count towards the quorum */
  readonly witnesses?: readonly string[];
  /** how many of them must have cosigned the checkpoint note (default: all given) */
  readonly quorum?: number;
  /** with a token: how long the history may take to cover audit events newer than its checkpoint (default 10 s) */
  readonly catchUpMs?: number;
}

/** Verifies a public history; the report lists what passed and every problem found. */
export async function auditVerify(options: AuditVerifyOptions): Promise<VerifyReport> {
  if ((options.url === undefined) === (options.file === undefined)) {
    throw new UsageError('give exactly one of --url URL or --file EXPORT_DIR');
  }
  if (options.token && options.file) {
    throw new UsageError('--token needs --url: an export holds no audit log');
  }
  const source: HistorySource = options.url
    ? new HttpHistorySource(options.url, options.token ?? null)
    : new FileHistorySource(options.file!);
  const earlier = options.sinceCheckpoint ? readSavedCheckpoint(options.sinceCheckpoint) : null;
  const witnesses = witnessKeys(options);
  const quorum = options.quorum ?? witnesses.length;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length)
    throw new UsageError(`--quorum must be between 0 and the ${witnesses.length} --witness given`);
  if (witnesses.length > 0 && !options.url)
    throw new UsageError('--witness needs --url: cosignatures are served with /tlog/checkpoint');

  // The checkpoint first: the entries are then read up to its size, whatever was appended since.
  const checkpoint = await source.checkpoint();
  const publicKeyPem = await source.publicKeyPem();
  const total = (checkpoint as { treeSize?: unknown }).treeSize;
  const bar =
    options.progress && typeof total === 'number' ? progressBar('verifying history', total) : null;
  const report = await verifyHistory({
    checkpoint,
    publicKeyPem,
    entries: source.entries(),
    earlier,
    consistencyProof: source.consistencyProof?.bind(source),
    inclusionProof: source.inclusionProof?.bind(source),
    auditEvents: options.token ? source.auditEvents?.() : undefined,
    // audit events newer than the checkpoint must be covered by the history, soon
    latestTreeSize: options.token
      ? async () => ((await source.checkpoint()) as { treeSize: number }).treeSize
      : undefined,
    catchUpMs: options.catchUpMs,
    onProgress: bar ? (done) => bar.update(done) : undefined,
  });
  bar?.finish();
  // The C2SP view of the same log: note, vkey, witnesses, tiles (online only).
  const tlog = options.url
    ? await verifyTlogOf(options.url, {
        checkpoint,
        publicKeyPem,
        witnesses,
        quorum,
        pinnedVkey: earlier?.vkey ?? null,
      })
    : null;
  const merged: VerifyReport = tlog
    ? {
        ...report,
        ok: report.ok && tlog.problems.length === 0,
        passed: [...report.passed, ...tlog.passed],
        problems: [...report.problems, ...tlog.problems],
      }
    : report;

  if (merged.ok && options.saveCheckpoint) {
    const saved: SavedWithNote = {
      ...(checkpoint as SavedCheckpoint),
      publicKeyPem,
      ...(tlog?.vkey && tlog.note ? { vkey: tlog.vkey, note: tlog.note } : {}),
      ...(options.url ? { url: source.description } : {}),
      savedAt: new Date().toISOString(),
    };
    writeFileSync(options.saveCheckpoint, `${JSON.stringify(saved, null, 2)}\n`);
  }
  return merged;
}

function witnessKeys(options: AuditVerifyOptions): NoteVerifierKey[] {
  try {
    return parseWitnessVkeys(options.witnesses ?? []);
  } catch (error) {
    if (error instanceof SignedNoteError) throw new UsageError(`--witness: ${error.message}`);
    throw error;
  }
}

export function formatVerdict(report: VerifyReport, source: string): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(
      `OK: the public history at ${source} verifies (${report.treeSize} entries, root ${report.rootHash})`,
    );
  } else {
    lines.push(
      `FAILED: the public history at ${source} does not verify (${report.problems.length} problem(s))`,
    );
    for (const p of report.problems) lines.push(`  ✗ ${p}`);
  }
  for (const p of report.passed) lines.push(`  ✓ ${p}`);
  return lines.join('\n');
}

export class UsageError extends Error {}

/** A saved checkpoint also pins the log's C2SP vkey and keeps the note it verified. */
type SavedWithNote = SavedCheckpoint & { readonly vkey?: string; readonly note?: string };

function quorumOf(value: string): number {
  if (!/^(0|[1-9][0-9]{0,3})$/.test(value)) throw new UsageError('--quorum must be a whole number');
  return Number(value);
}

function readSavedCheckpoint(path: string): SavedWithNote {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --since-checkpoint ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as SavedWithNote;
  } catch {
    throw new UsageError(`--since-checkpoint ${path} is not JSON`);
  }
}

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  usage:
    'mesas audit verify (--url URL | --file EXPORT_DIR) [--since-checkpoint FILE] [--save-checkpoint FILE] [--token TOKEN] [--witness VKEY ... --quorum N]',
  summary:
    'recompute every leaf and the root of the public history, check the signed checkpoint, its ' +
    'consistency with a saved one, (auditor token) that every audit event has its entry, and the C2SP ' +
    'note, tiles and witness cosignatures (--witness, --quorum); exit 1 on any mismatch',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        file: { type: 'string' },
        token: { type: 'string' },
        'since-checkpoint': { type: 'string' },
        'save-checkpoint': { type: 'string' },
        witness: { type: 'string', multiple: true },
        quorum: { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
      strict: true,
    });
    try {
      const report = await auditVerify({
        url: values.url,
        file: values.file,
        token: values.token,
        sinceCheckpoint: values['since-checkpoint'],
        saveCheckpoint: values['save-checkpoint'],
        progress: !values.quiet,
        witnesses: values.witness ?? [],
        quorum: values.quorum === undefined ? undefined : quorumOf(values.quorum),
      });
      console.log(formatVerdict(report, values.url ?? values.file ?? ''));
      if (report.ok && values['save-checkpoint']) {
        console.log(`  checkpoint saved to ${values['save-checkpoint']}`);
      }
      return report.ok ? 0 : 1;
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(error.message);
        return 2;
      }
      console.log(
        `FAILED: could not verify: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 1;
    }
  },
};
