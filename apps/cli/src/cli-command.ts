/** One `mesas` subcommand. `run` returns the process exit code. */
export interface CliCommand {
  /** words after `mesas`, e.g. ['projections', 'rebuild'] */
  readonly path: readonly string[];
  readonly usage: string;
  readonly summary: string;
  /** more for `mesas COMMAND --help`: options, environment, exit codes */
  readonly details?: string;
  run(args: string[]): Promise<number>;
}

/** Progress on stderr, redrawn in place on a terminal and every few seconds otherwise. */
export function progressBar(
  label: string,
  total: number,
): { update(done: number): void; finish(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  const draw = (done: number, final = false): void => {
    const now = Date.now();
    if (!final && now - last < (tty ? 100 : 5000)) return;
    last = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
    const line = `${label} [${bar}] ${done}/${total} (${Math.round(ratio * 100)}%)`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  };
  return {
    update: (done) => draw(done),
    finish: () => {
      draw(total, true);
      if (tty) process.stderr.write('\n');
    },
  };
}
