import { DEMO_ACTORS, DEMO_AUDITOR, DemoActor } from './demo-actors';
import { DemoStoreReader, DemoVerdict, demoProgress } from './demo-progress';
import { DemoCommand, readDemoScript } from './demo-script';

export interface DemoLoadOptions {
  /** the API's base, e.g. http://127.0.0.1:3000/api/v1 */
  readonly baseUrl: string;
  /** the store that API writes to: read to find which steps are recorded */
  readonly store: DemoStoreReader;
  /** a bearer token the API accepts for this actor */
  readonly token: (actor: DemoActor) => string;
  /** default: the files of libs/demo/data */
  readonly commands?: readonly DemoCommand[];
  /** send at most this many steps, then stop (a partial load, resumed by the next one) */
  readonly maxSteps?: number;
  readonly log?: (line: string) => void;
  /** after each step sent: how many of this load's pending steps are sent */
  readonly onStep?: (sent: number, pending: number) => void;
}

export interface DemoLoadReport {
  /** what the store called for before this load (see DemoVerdict) */
  readonly verdict: DemoVerdict;
  /** steps sent by this load */
  readonly sent: number;
  /** steps found recorded before this load, and not sent again */
  readonly skipped: number;
  /** steps still not recorded after this load (a stop at maxSteps leaves some) */
  readonly remaining: number;
  readonly total: number;
  /** the position of the last step sent, to wait for the read models to reach it */
  readonly lastPosition: string | null;
}

/**
 * Loads the paper's mesas by sending each step to the running API over HTTP, as a coordinator
 * or a minister would: the same routes, rules and validation as any user.
 *
 * Guarantees: into an empty store, every step; into a store holding some of the demo's steps
 * (an interrupted load), the steps not yet recorded, in order, none twice; into a store that
 * holds events but none of the demo's, nothing (`verdict: 'refuse'`). Each step carries its
 * Idempotency-Key, so two loaders racing on one store still record each step once. Stops at the
 * first refused step and says which it was; the next load resumes there.
 */
export async function loadDemo(options: DemoLoadOptions): Promise<DemoLoadReport> {
  const commands = options.commands ?? readDemoScript();
  const log = options.log ?? (() => undefined);
  const progress = await demoProgress(options.store, commands);
  const report = (sent: number, lastPosition: string | null): DemoLoadReport => ({
    verdict: progress.verdict,
    sent,
    skipped: progress.done,
    remaining: progress.pending.length - sent,
    total: progress.total,
    lastPosition,
  });
  if (progress.verdict === 'refuse') {
    log('the store holds events and none of the demo: demo data not loaded');
    return report(0, null);
  }
  if (progress.verdict === 'complete') {
    log(`demo data already loaded (${progress.total} steps)`);
    return report(0, null);
  }
  const batch = progress.pending.slice(0, options.maxSteps ?? progress.pending.length);
  await checkSameStore(options);
  const tokens = {
    coordinator: options.token(DEMO_ACTORS.coordinator),
    high_level: options.token(DEMO_ACTORS.high_level),
  };
  let lastPosition: string | null = null;
  for (const [i, step] of batch.entries()) {
    const response = await fetch(`${options.baseUrl}${step.path}`, {
      method: step.method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[step.as]}`,
        'idempotency-key': step.key,
      },
      body: JSON.stringify(step.body),
    });
    const body = (await response.json().catch(() => ({}))) as {
      position?: string;
      message?: unknown;
    };
    if (response.status !== 201) {
      throw new Error(
        `demo step ${step.key} (${step.method} ${step.path}) was refused with ${response.status}: ${JSON.stringify(body.message)}`,
      );
    }
    lastPosition = body.position ?? lastPosition;
    options.onStep?.(i + 1, batch.length);
  }
  const done = report(batch.length, lastPosition);
  log(
    `demo data: ${done.sent} steps sent, ${done.skipped} already recorded, ` +
      `${done.remaining} to go (of ${done.total})`,
  );
  return done;
}

/**
 * The steps found recorded were looked up in `store`; the steps are sent to `baseUrl`. Both must
 * be the same log, or an empty local store would send the demo to someone else's API: the
 * first event of the log, as that API's audit route shows it, must be the store's own.
 */
async function checkSameStore(options: DemoLoadOptions): Promise<void> {
  const ours = (await options.store.readAll(null, 1)).events[0]?.eventId ?? null;
  const response = await fetch(`${options.baseUrl}/audit/events?limit=1`, {
    headers: { authorization: `Bearer ${options.token(DEMO_AUDITOR)}` },
  });
  if (response.status !== 200) {
    throw new Error(
      `GET ${options.baseUrl}/audit/events answered ${response.status}: is this the API of the configured store, with its secret?`,
    );
  }
  const page = (await response.json()) as { events?: { eventId?: string }[] };
  const theirs = page.events?.[0]?.eventId ?? null;
  if (theirs !== ours) {
    throw new Error(
      `the API at ${options.baseUrl} does not write to the configured store ` +
        `(first event ${theirs ?? 'none'} there, ${ours ?? 'none'} here): demo data not loaded`,
    );
  }
}
