#!/usr/bin/env node
// Runs every compiled benchmark (dist/bench/*.bench.js, each exporting main()), one after the
// other, and writes all their JSON results to bench/results/run-<timestamp>.json.
require('./register-paths');
const fs = require('node:fs');
const path = require('node:path');

async function run() {
  const dir = path.join(__dirname, '..', 'dist', 'bench');
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results = {};
  // benchmarks print their own progress and reports; the runner's stdout is the one JSON report
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  for (const file of files) {
    process.stderr.write(`\n== ${file}\n`);
    const { main } = require(path.join(dir, file));
    // each benchmark's own flags are for running it alone: here every one runs with its defaults
    results[file.replace(/\.bench\.js$/, '')] = await main([]);
  }
  process.stdout.write = stdoutWrite;
  const out = path.join(__dirname, '..', 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `run-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const report = {
    node: process.version,
    cpus: require('node:os').cpus().length,
    at: new Date().toISOString(),
    results,
  };
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
}

run().catch((error) => {
  console.error(error);
  process.exit(1);
});
