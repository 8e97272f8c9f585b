import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

/** The newest modification time of the sources under `dir` that the build compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing')
        newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !/\.(spec|contract)\.ts$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function builtAt(): number {
  const outputs = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];
  try {
    return Math.min(...outputs.map((f) => statSync(join(ROOT, f)).mtimeMs));
  } catch {
    return 0;
  }
}

/**
 * The child processes run the compiled build (bin/api.js, bin/worker.js), as users do: build
 * once when dist/ is missing or older than a source. tsc emits even when some file elsewhere
 * in the tree does not type-check; that is reported, and only a missing output fails.
 */
export function ensureBuilt(): { built: boolean; ms: number } {
  const sources = Math.max(newestSource(join(ROOT, 'apps')), newestSource(join(ROOT, 'libs')));
  if (builtAt() >= sources) return { built: false, ms: 0 };
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (builtAt() < started - 1000) {
    throw new Error(`npm run build did not produce dist/: ${result.stdout}${result.stderr}`);
  }
  if (result.status !== 0) {
    console.warn(
      `the build reported type errors (dist/ was still emitted):\n${result.stdout.slice(0, 2000)}`,
    );
  }
  return { built: true, ms: Date.now() - started };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process of ours, with its output kept for the failure message. */
export class Child {
  private output = '';
  private stdoutOnly = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    process.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      this.stdoutOnly = (this.stdoutOnly + chunk.toString()).slice(-100_000);
    });
    process.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  static start(
    name: string,
    script: string,
    env: Record<string, string>,
    args: string[] = [],
  ): Child {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Child(name, child);
  }

  /** stdout and stderr as they came (the last 20 kB) */
  get log(): string {
    return this.output;
  }

  get stdout(): string {
    return this.stdoutOnly;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.running) throw new Error(`${this.name} exited before ${pattern}:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not print ${pattern} in time:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.process.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
