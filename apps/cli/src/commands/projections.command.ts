import { parseArgs } from 'node:util';
import type { EventStore } from '@mesas/event-store';
import {
  BatchProjection,
  DocumentStore,
  Projection,
  ProjectionRunner,
  supportsShadowRebuild,
} from '@mesas/projections';
import { loadConfig, PROJECTIONS, openDocumentStore, openEventStore } from '@mesas/runtime';
import { CliCommand, progressBar } from '../cli-command';

export const projectionsStatusCommand: CliCommand = {
  path: ['projections', 'status'],
  usage: 'mesas projections status [--json]',
  summary: "show each projection's checkpoint and how many events it is behind",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const config = loadConfig();
    const [store, documents] = [await openEventStore(config), await openDocumentStore(config)];
    try {
      const rows = [];
      for (const p of PROJECTIONS) {
        const checkpoint = await documents.checkpoint(p.name);
        rows.push({ projection: p.name, checkpoint, lag: await store.lagOf(checkpoint) });
      }
      if (values.json) console.log(JSON.stringify(rows, null, 2));
      else
        for (const r of rows)
          console.log(
            `${r.projection.padEnd(20)} checkpoint ${String(r.checkpoint ?? '-').padEnd(24)} lag ${r.lag}`,
          );
      return 0;
    } finally {
      await documents.close();
      await store.close();
    }
  },
};

export const projectionsRebuildCommand: CliCommand = {
  path: ['projections', 'rebuild'],
  usage: 'mesas projections rebuild [NAME ...]',
  summary:
    'rebuild projections from the start of the log (all when no name is given); on PostgreSQL ' +
    'into a new generation that is swapped in when caught up, while the live one keeps serving',
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const unknown = positionals.filter((n) => !PROJECTIONS.some((p) => p.name === n));
    if (unknown.length > 0) {
      console.error(
        `unknown projection(s): ${unknown.join(', ')}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`,
      );
      return 2;
    }
    const chosen = PROJECTIONS.filter(
      (p) => positionals.length === 0 || positionals.includes(p.name),
    );
    const config = loadConfig();
    const [store, documents] = [await openEventStore(config), await openDocumentStore(config)];
    try {
      for (const projection of chosen) {
        const started = Date.now();
        if (supportsShadowRebuild(documents)) {
          // Server profile: readers (and the worker's live runner) keep using the current
          // generation until the swap; after it the live runner finds its checkpoint gone,
          // reloads the new one and carries on from there.
          const shadow = await documents.prepareRebuild(projection.name);
          try {
            const applied = await runToHead(projection, store, shadow.documents);
            await shadow.activate();
            console.error(
              `${projection.name}: ${applied} events in ${elapsed(started)}; generation ${shadow.generation} swapped in`,
            );
          } catch (error) {
            await shadow.discard().catch(() => undefined);
            throw error;
          }
        } else {
          // Embedded profile: in place (the projection is empty until it has caught up).
          await documents.reset(projection.name);
          const applied = await runToHead(projection, store, documents);
          console.error(`${projection.name}: ${applied} events in ${elapsed(started)}`);
        }
      }
      return 0;
    } finally {
      await documents.close();
      await store.close();
    }
  },
};

/**
 * Runs `projection` into `documents` from its checkpoint until it has read the whole log, with
 * a progress bar; returns how many events the log held when it finished. Gives up (throws)
 * after repeated failures rather than spinning.
 */
async function runToHead(
  projection: Projection | BatchProjection,
  store: EventStore,
  documents: DocumentStore,
): Promise<number> {
  let total = await store.lagOf(await documents.checkpoint(projection.name));
  const bar = progressBar(`rebuilding ${projection.name}`, total);
  const failures: unknown[] = [];
  // its own runner, not the live one's lease: the generation it writes is its alone
  const runner = new ProjectionRunner(projection, store, documents, {
    batchSize: 1000,
    pollMs: 50,
    lease: null,
    onError: (error) => failures.push(error),
  });
  runner.start();
  try {
    for (;;) {
      if (failures.length >= 5) throw failures[failures.length - 1];
      const lag = await store.lagOf(runner.checkpoint);
      if (lag === 0 && (runner.checkpoint !== null || total === 0)) break;
      total = Math.max(total, lag);
      bar.update(Math.max(0, total - lag));
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await runner.stop();
  }
  bar.finish();
  return total;
}

function elapsed(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
