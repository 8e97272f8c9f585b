import { parseArgs } from 'node:util';
import type { DemoActor } from './demo-actors';
import { loadDemo } from './demo-loader';
import { DemoProgress, DemoStoreReader, demoProgress } from './demo-progress';
import { readDemoScript } from './demo-script';

/** What the `mesas demo` commands need from the app that runs them. */
export interface DemoCliContext {
  /** the store of the environment's configuration; closed by `close` */
  openStore(): Promise<DemoStoreReader & { close(): Promise<void> }>;
  /** signs a token with the environment's secret */
  token(actor: DemoActor): string;
  /** the API of the environment's configuration, e.g. http://127.0.0.1:3000 */
  readonly defaultUrl: string;
  /** progress of a load on stderr */
  progress?(total: number): { update(done: number): void; finish(): void };
}

export const DEMO_LOAD_USAGE = 'mesas demo load [--url URL] [--max-steps N]';
export const DEMO_LOAD_SUMMARY =
  'load the demo data (the mesas of the paper) through the API at URL (default: this ' +
  "configuration's PORT on 127.0.0.1); resumes an interrupted load; refuses a store holding other events";
export const DEMO_STATUS_USAGE = 'mesas demo status [--json]';
export const DEMO_STATUS_SUMMARY =
  'how many demo steps of how many the configured store holds, per mesa, and what a load would do';

const LOAD_HELP = `usage: ${DEMO_LOAD_USAGE}

Sends the demo's steps not yet recorded in the configured store (EVENT_STORE, DATA_DIR,
DATABASE_URL, ...) to the API at URL, with tokens signed by the configured secret (AUTH_SECRET
or DATA_DIR/auth-secret). URL is the API's address (http://host:port; /api/v1 is added); the
API must write to the configured store.

  --url URL        the API (default http://127.0.0.1:$PORT)
  --max-steps N    send at most N steps, then stop; the next load goes on from there

Exit status: 0 loaded or already complete, 1 refused (the store holds events that are not the
demo's) or a step was refused, 2 bad arguments.`;

const STATUS_HELP = `usage: ${DEMO_STATUS_USAGE}

Reads the configured store and prints how many of the demo's steps it holds, per mesa, and what
\`mesas demo load\` would do: load (empty store), resume, nothing (complete) or refuse.

  --json    the same as JSON`;

function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** `mesas demo load`: the exit code. `contextOf` is called after `--help` is handled. */
export async function runDemoLoad(
  args: string[],
  contextOf: () => DemoCliContext,
): Promise<number> {
  if (wantsHelp(args)) {
    console.log(LOAD_HELP);
    return 0;
  }
  let values: { url?: string; 'max-steps'?: string };
  let maxSteps: number | undefined;
  try {
    values = parseArgs({
      args,
      options: { url: { type: 'string' }, 'max-steps': { type: 'string' } },
    }).values;
    if (values.url !== undefined) apiBase(values.url);
    if (values['max-steps'] !== undefined) {
      maxSteps = Number(values['max-steps']);
      if (!Number.isInteger(maxSteps) || maxSteps < 0) {
        throw new Error(`--max-steps must be a whole number, not ${values['max-steps']}`);
      }
    }
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${LOAD_HELP}`);
    return 2;
  }
  // the configuration is read once the arguments are known good
  const context = contextOf();
  const url = apiBase(values.url ?? context.defaultUrl);
  const commands = readDemoScript();
  const store = await context.openStore();
  try {
    let bar: { update(done: number): void; finish(): void } | undefined;
    const report = await loadDemo({
      baseUrl: url,
      store,
      token: (actor) => context.token(actor),
      commands,
      maxSteps,
      log: (line) => console.error(line),
      onStep: (sent, pending) => {
        bar ??= context.progress?.(pending);
        bar?.update(sent);
        if (sent === pending) bar?.finish();
      },
    });
    console.log(JSON.stringify(report));
    return report.verdict === 'refuse' ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `mesas demo status`: the exit code. */
export async function runDemoStatus(
  args: string[],
  contextOf: () => DemoCliContext,
): Promise<number> {
  if (wantsHelp(args)) {
    console.log(STATUS_HELP);
    return 0;
  }
  let json: boolean;
  try {
    json = parseArgs({ args, options: { json: { type: 'boolean', default: false } } }).values.json;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${STATUS_HELP}`);
    return 2;
  }
  const context = contextOf();
  const commands = readDemoScript();
  const store = await context.openStore();
  try {
    const progress = await demoProgress(store, commands);
    if (json) {
      const { pending, ...rest } = progress;
      console.log(JSON.stringify({ ...rest, next: pending[0]?.key ?? null }, null, 2));
    } else {
      console.log(describeProgress(progress));
    }
    return 0;
  } finally {
    await store.close();
  }
}

function describeProgress(progress: DemoProgress): string {
  const width = Math.max(...progress.mesas.map((m) => m.mesa.length));
  const rows = progress.mesas.map((m) => `  ${m.mesa.padEnd(width)}  ${m.done}/${m.total}`);
  const next = progress.pending[0]?.key;
  const verdicts = {
    load: 'the store is empty: `mesas demo load` loads it',
    resume: `interrupted: \`mesas demo load\` goes on from ${next}`,
    complete: 'complete',
    refuse: 'the store holds events and none of the demo: it never gets the demo',
  };
  return [
    `demo data: ${progress.done} of ${progress.total} steps recorded; ${verdicts[progress.verdict]}`,
    ...rows,
  ].join('\n');
}

/** http://host:port or http://host:port/api/v1 → http://host:port/api/v1 */
function apiBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url must be an http(s) URL, not ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`--url must be an http(s) URL, not ${url}`);
  }
  const root = parsed.href.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${root}/api/v1`;
}
