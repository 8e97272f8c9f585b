import { parseArgs } from 'node:util';
import {
  ProjectionRebuildError,
  describeProjectionStatus,
  projectionStatus,
  rebuildProjections,
} from '@mesas/projections';
import { loadConfig, PROJECTIONS, openDocumentStore, openEventStore } from '@mesas/runtime';
import { CliCommand, progressBar } from '../cli-command';

export const projectionsStatusCommand: CliCommand = {
  path: ['projections', 'status'],
  usage: 'mesas projections status [--json]',
  summary:
    "show each projection's state, checkpoint and lag, and the event a stalled one stopped at; " +
    'exit 1 when one is stalled',
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const config = loadConfig();
    const [store, documents] = [await openEventStore(config), await openDocumentStore(config)];
    try {
      const rows = [];
      for (const p of PROJECTIONS) rows.push(await projectionStatus(p.name, store, documents));
      // `projection` as before this output gained `name`, `state` and the stall: scripts read it
      if (values.json) {
        console.log(
          JSON.stringify(
            rows.map((r) => ({ projection: r.name, ...r })),
            null,
            2,
          ),
        );
      } else for (const r of rows) console.log(describeProjectionStatus(r));
      return rows.some((r) => r.state === 'stalled') ? 1 : 0;
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
    'rebuild projections from the start of the log (all when no name is given) beside the live ' +
    'ones, which keep serving, and swap each in only once complete; safe while the API or a ' +
    'worker runs; an event a projection cannot apply fails the rebuild and leaves it as it was',
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
      const started = Date.now();
      let bar: ReturnType<typeof progressBar> | null = null;
      // One pass over the log for all of them. Readers, and the live runner of this or another
      // process, keep using each live projection until its swap; after it the live runner
      // reloads the rebuilt checkpoint and carries on from there.
      const outcomes = await rebuildProjections(chosen, store, documents, {
        onProgress: (done, total) => {
          bar ??= progressBar(`rebuilding ${chosen.map((p) => p.name).join(', ')}`, total);
          bar.update(done);
        },
      });
      (bar as ReturnType<typeof progressBar> | null)?.finish();
      for (const outcome of outcomes) {
        if (outcome.result) {
          console.error(
            `${outcome.projection}: ${outcome.result.events} events in ${elapsed(started)}; swapped in`,
          );
        } else {
          console.error(
            `\n${outcome.projection}: REBUILD FAILED, the live projection was left as it was\n  ${outcome.error.message}`,
          );
        }
      }
      return outcomes.some((o) => o.error) ? 1 : 0;
    } catch (error) {
      if (!(error instanceof ProjectionRebuildError)) throw error;
      console.error(
        `\nREBUILD FAILED, the live projections were left as they were\n  ${error.message}`,
      );
      return 1;
    } finally {
      await documents.close();
      await store.close();
    }
  },
};

function elapsed(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
