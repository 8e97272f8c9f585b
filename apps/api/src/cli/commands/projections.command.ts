import { parseArgs } from 'node:util';
import { ProjectionRunner } from '@mesas/projections';
import { loadConfig } from '../../config/app-config';
import { PROJECTIONS } from '../../infrastructure/projection-host';
import { openDocumentStore, openEventStore } from '../../infrastructure/store-factory';
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
      else for (const r of rows) console.log(`${r.projection.padEnd(20)} checkpoint ${String(r.checkpoint ?? '-').padEnd(20)} lag ${r.lag}`);
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
  summary: 'rebuild projections from the start of the log (all when no name is given)',
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const unknown = positionals.filter((n) => !PROJECTIONS.some((p) => p.name === n));
    if (unknown.length > 0) {
      console.error(`unknown projection(s): ${unknown.join(', ')}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
      return 2;
    }
    const chosen = PROJECTIONS.filter((p) => positionals.length === 0 || positionals.includes(p.name));
    const config = loadConfig();
    const [store, documents] = [await openEventStore(config), await openDocumentStore(config)];
    try {
      for (const projection of chosen) {
        await documents.reset(projection.name);
        const total = await store.lagOf(null);
        const bar = progressBar(`rebuilding ${projection.name}`, total);
        const runner = new ProjectionRunner(projection, store, documents, { batchSize: 1000, pollMs: 50 });
        runner.start();
        for (;;) {
          const lag = await runner.lag();
          bar.update(total - lag);
          if (lag === 0 && runner.checkpoint !== null) break;
          if (total === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await runner.stop();
        bar.finish();
      }
      return 0;
    } finally {
      await documents.close();
      await store.close();
    }
  },
};
