import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HistoryLang, historyEntries, historyTree, toHistoryEntry } from '@mesas/projections';
import { signCheckpoint, type Checkpoint } from '@mesas/transparency';
import { loadConfig, resolveTransparencyKey, openDocumentStore } from '@mesas/runtime';
import { CliCommand, progressBar } from '../cli-command';
import { EXPORT_FILES, HttpHistorySource } from '@mesas/transparency';

export interface ExportOptions {
  /** a running server; without it, the local store of the configured profile */
  readonly url?: string;
  readonly out: string;
  readonly lang?: HistoryLang;
  readonly progress?: boolean;
}

export interface ExportResult {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly entries: number;
}

/**
 * Writes `history.ndjson` (the entries as served, one per line), `checkpoint.json` and
 * `key.pem` (the SPKI public key) to `out`: what `mesas audit verify --file` checks offline.
 * The checkpoint is taken first and the entries written up to its size, so the three files
 * describe one tree even while the log grows.
 */
export async function exportHistory(options: ExportOptions): Promise<ExportResult> {
  mkdirSync(options.out, { recursive: true });
  const lang = options.lang ?? 'es';
  let checkpoint: Checkpoint;
  let publicKeyPem: string;
  let entries: AsyncIterable<unknown>;
  let close = async (): Promise<void> => undefined;
  if (options.url) {
    const source = new HttpHistorySource(options.url, null, lang);
    checkpoint = (await source.checkpoint()) as Checkpoint;
    publicKeyPem = await source.publicKeyPem();
    entries = source.entries();
  } else {
    const config = loadConfig();
    const key = resolveTransparencyKey(config);
    const documents = await openDocumentStore(config);
    close = () => documents.close();
    const tree = await historyTree(documents);
    checkpoint = signCheckpoint(key.privateKeyPem, tree.treeSize, tree.rootHash);
    publicKeyPem = key.publicKeyPem;
    entries = (async function* () {
      for await (const doc of historyEntries(documents, { treeSize: tree.treeSize })) {
        yield toHistoryEntry(doc, lang);
      }
    })();
  }
  try {
    const bar = options.progress ? progressBar('exporting history', checkpoint.treeSize) : null;
    const out = createWriteStream(join(options.out, EXPORT_FILES.history));
    let written = 0;
    for await (const entry of entries) {
      const index = (entry as { index?: unknown }).index;
      if (typeof index === 'number' && index >= checkpoint.treeSize) continue;
      if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
      written++;
      bar?.update(written);
    }
    out.end();
    await once(out, 'finish');
    bar?.finish();
    writeFileSync(
      join(options.out, EXPORT_FILES.checkpoint),
      `${JSON.stringify({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, signature: checkpoint.signature }, null, 2)}\n`,
    );
    writeFileSync(join(options.out, EXPORT_FILES.key), publicKeyPem);
    return { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, entries: written };
  } finally {
    await close();
  }
}

export const exportCommand: CliCommand = {
  path: ['export'],
  usage: 'mesas export --out DIR [--url URL] [--lang es|en]',
  summary:
    'write the public history (history.ndjson), its signed checkpoint (checkpoint.json) and the ' +
    'public key (key.pem) to DIR, from a server or, without --url, from the local store',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'es' },
        quiet: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (!values.out) {
      console.error('--out DIR is required');
      return 2;
    }
    if (values.lang !== 'es' && values.lang !== 'en') {
      console.error('--lang must be es or en');
      return 2;
    }
    const result = await exportHistory({
      url: values.url,
      out: values.out,
      lang: values.lang,
      progress: !values.quiet,
    });
    console.log(
      `exported ${result.entries} entries (tree size ${result.treeSize}, root ${result.rootHash}) to ${values.out}`,
    );
    return 0;
  },
};
