import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Real Kafka brokers for the int specs, through infra/kafka/start.sh and stop.sh.
 *
 * - Under CI=true `.ci/run` has started one and set KAFKA_BROKERS; a test that must kill its
 *   broker still starts its own (the jars are cached by then). Anything missing fails the run.
 * - Outside CI: without java, or without both cached jars and Maven, the suites are skipped with
 *   a loud warning; a broker that cannot be started is reported the same way.
 */

const KAFKA_DIR = resolve(__dirname, '../../../../infra/kafka');
const START = join(KAFKA_DIR, 'start.sh');
const STOP = join(KAFKA_DIR, 'stop.sh');
const inCi = process.env.CI === 'true';

export interface TestBroker {
  readonly brokers: string[];
  /** null for the broker of KAFKA_BROKERS, which is not ours to kill or stop */
  readonly dataDir: string | null;
  /** SIGKILL, as a crash: returns once the process is gone */
  kill(): Promise<void>;
  /** start.sh again on the same data dir: same port, topics and offsets kept */
  restart(): Promise<void>;
  /** stop.sh, then removes the data dir */
  stop(): Promise<void>;
}

/** Why no broker can be started here, or null when one can. */
export function whyNoKafka(): string | null {
  if (!existsSync(START)) return `${START} is missing`;
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    return 'java is not on PATH';
  }
  const lib = process.env.KAFKA_LIB_DIR ?? join(KAFKA_DIR, 'target', 'lib');
  const cached = existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('kafka_2.13-'));
  if (cached) return null;
  try {
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
    return null;
  } catch {
    return `no cached broker jars in ${lib} and mvn is not on PATH`;
  }
}

/**
 * `describe`, or `describe.skip` with a loud warning when no broker can run here (under CI=true
 * that is an error instead). `ownBroker`: the suite starts its own even when KAFKA_BROKERS is set.
 */
export function describeWithKafka(
  name: string,
  body: () => void,
  options: { readonly ownBroker?: boolean } = {},
): void {
  const reason = process.env.KAFKA_BROKERS && !options.ownBroker ? null : whyNoKafka();
  if (reason === null) {
    describe(name, body);
    return;
  }
  if (inCi) throw new Error(`CI=true and Kafka cannot run: ${reason}`);
  console.warn(`\n*** SKIPPED "${name}": no Kafka broker (${reason}) ***\n`);
  describe.skip(name, body);
}

/** Reports a broker that could not be started: fails under CI, warns loudly outside. */
export function brokerUnavailable(name: string, error: unknown): null {
  if (inCi) throw error;
  console.warn(`\n*** SKIPPED "${name}": the Kafka broker did not start: ${String(error)} ***\n`);
  return null;
}

function run(script: string, dataDir: string, timeoutMs: number): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_DATA_DIR: dataDir,
    KAFKA_START_TIMEOUT: process.env.KAFKA_START_TIMEOUT ?? '150',
  };
  delete env.KAFKA_PORT;
  return new Promise((done, fail) => {
    execFile('bash', [script], { env, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${script} failed: ${error.message}\n${stderr.slice(-2000)}`));
      else done(stdout.trim().split('\n').pop() ?? '');
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A broker of our own, on a fresh data dir: killable and restartable. */
export async function startOwnBroker(): Promise<TestBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mesas-kafka-test-'));
  let address: string;
  try {
    address = await run(START, dataDir, 180_000);
  } catch (error) {
    await run(STOP, dataDir, 60_000).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  if (!/^127\.0\.0\.1:\d+$/.test(address)) throw new Error(`start.sh printed ${address}`);
  return {
    brokers: [address],
    dataDir,
    async kill() {
      const pid = Number(readFileSync(join(dataDir, 'kafka.pid'), 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (alive(pid)) {
        if (Date.now() > deadline) throw new Error(`broker ${pid} still alive after SIGKILL`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async restart() {
      const again = await run(START, dataDir, 180_000);
      if (again !== address) throw new Error(`restarted broker moved from ${address} to ${again}`);
    },
    async stop() {
      await run(STOP, dataDir, 60_000).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The broker of KAFKA_BROKERS when set (CI), else one of our own. */
export async function sharedOrOwnBroker(): Promise<TestBroker> {
  const shared = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (shared.length === 0) return startOwnBroker();
  const notOurs = async (): Promise<never> => {
    throw new Error('the KAFKA_BROKERS broker is not ours to kill or restart');
  };
  return { brokers: shared, dataDir: null, kill: notOurs, restart: notOurs, stop: async () => {} };
}
