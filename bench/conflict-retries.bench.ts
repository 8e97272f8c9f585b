/**
 * Conflict retries under contention: how many commands end in 409 when many clients write the
 * same stream at once, with the retry policy before backoff (five immediate tries) and with the
 * one every command uses now (exponential backoff with full jitter, `conflict-retry.ts`).
 *
 * The whole app, listening on 127.0.0.1, in the embedded profile (SQLite in a temporary
 * DATA_DIR) and, with `--postgres URL`, in the server profile too (a fresh schema per run, no
 * projections in the API process); `--clients` concurrent HTTP clients (default 32) each send
 * `--revisions` (default 10) solution revisions of the SAME problem, one after another. Each
 * policy runs on a fresh store. Reported: answers by status, the 409 share, wall time and
 * latency percentiles. The numbers are a measurement, not a test: nothing here asserts a time.
 *
 * In the embedded profile a command's read, decision and append run without yielding to other
 * requests (better-sqlite3 is synchronous), so writers of one stream cannot interleave and no
 * conflict arises; the PostgreSQL run is where the policies differ.
 *
 *   npm run build && node -r ./bin/register-paths dist/bench/conflict-retries.bench.js \
 *     [--clients 32] [--revisions 10] [--postgres postgres://postgres@127.0.0.1:5432/test]
 *     [--skip-embedded]
 */
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { loadConfig, resolveAuthSecret, signToken } from '@mesas/runtime';
import {
  CONFLICT_RETRY,
  CONFLICT_RETRY_OPTIONS,
  ConflictRetryPolicy,
  IMMEDIATE_RETRY,
  maxTotalDelayMs,
} from '../apps/api/src/commands/conflict-retry';
import { createApp } from '../apps/api/src/http/create-app';

interface Options {
  readonly clients: number;
  readonly revisions: number;
  readonly postgres: string | null;
}

const POLICIES: readonly [string, ConflictRetryPolicy][] = [
  ['before: 5 immediate tries', IMMEDIATE_RETRY],
  [
    `after: full jitter, ${CONFLICT_RETRY_OPTIONS.attempts} tries, waits ≤ ${CONFLICT_RETRY_OPTIONS.baseMs}·2^n ms capped at ${CONFLICT_RETRY_OPTIONS.capMs} ms (≤ ${maxTotalDelayMs(CONFLICT_RETRY_OPTIONS)} ms in all)`,
    CONFLICT_RETRY,
  ],
];

export async function main(argv: readonly string[] = process.argv.slice(2)) {
  const options = parse(argv);
  const report: Record<string, unknown> = {
    clients: options.clients,
    revisions: options.revisions,
  };
  if (!argv.includes('--skip-embedded')) {
    const embedded = [];
    for (const [policy, retry] of POLICIES) embedded.push(await run(policy, retry, options, null));
    report.embedded = embedded;
  }
  if (options.postgres) {
    const server = [];
    for (const [policy, retry] of POLICIES) {
      server.push(await run(policy, retry, options, options.postgres));
    }
    report.postgres = server;
  }
  console.log(JSON.stringify(report, null, 2));
  return report;
}

async function run(
  policy: string,
  retry: ConflictRetryPolicy,
  options: Options,
  postgres: string | null,
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mesas-bench-conflicts-'));
  const schema = `bench_conflicts_${randomBytes(4).toString('hex')}`;
  let app: INestApplication | null = null;
  try {
    if (postgres) await sql(postgres, `CREATE SCHEMA ${schema}`);
    const config = loadConfig({
      DATA_DIR: dataDir,
      DEMO_DATA: 'off',
      ...(postgres
        ? {
            EVENT_STORE: 'postgres',
            DATABASE_URL: postgres,
            DATABASE_SCHEMA: schema,
            AUTH_SECRET: 'bench',
          }
        : {}),
    });
    app = await createApp(config, { logger: false, retry });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}/api/v1`;
    const token = signToken(resolveAuthSecret(config.authSecret, config.dataDir), {
      sub: 'bench',
      role: 'coordinator',
    });
    const problemId = await seed(base, token);

    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        for (let i = 0; i < options.revisions; i++) {
          const t0 = performance.now();
          const res = await post(base, token, `/problems/${problemId}/solutions`, {
            text: `Propuesta ${client}.${i}`,
            rationale: 'lo que enseñó la ejecución',
          });
          latencies.push(performance.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const wallMs = performance.now() - started;
    const total = options.clients * options.revisions;
    const conflicts = statuses.get(409) ?? 0;
    latencies.sort((a, b) => a - b);
    const result = {
      store: postgres ? 'postgres' : 'sqlite',
      policy,
      requests: total,
      byStatus: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      conflictShare: round(conflicts / total, 3),
      wallSeconds: round(wallMs / 1000, 2),
      latencyMs: {
        p50: round(percentile(latencies, 0.5), 1),
        p99: round(percentile(latencies, 0.99), 1),
        max: round(latencies[latencies.length - 1], 1),
      },
    };
    console.error(JSON.stringify(result));
    return result;
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (postgres) await sql(postgres, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

async function sql(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function seed(base: string, token: string): Promise<string> {
  const mesaId = `bench-${Date.now().toString(36)}`;
  const problemId = `${mesaId}-p`;
  const steps: [string, object][] = [
    ['/mesas', { mesaId, name: 'Mesa de prueba', kind: 'sector', scope: 's', convener: 'PRODUCE' }],
    [`/mesas/${mesaId}/viability`, { viable: true, notes: 'sí' }],
    [`/mesas/${mesaId}/launch`, {}],
    [
      `/mesas/${mesaId}/participants`,
      { participantId: 'gremio', name: 'Gremio', organisation: 'ADEX', role: 'private' },
    ],
    [
      `/mesas/${mesaId}/problems`,
      { problemId, title: 'Un cuello de botella', barrier: 'red_tape', raisedBy: 'gremio' },
    ],
    [`/problems/${problemId}/filter`, { decision: 'accepted' }],
  ];
  for (const [path, body] of steps) {
    const res = await post(base, token, path, body);
    if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${res.text}`);
  }
  return problemId;
}

async function post(
  base: string,
  token: string,
  path: string,
  body: object,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function parse(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(`--${name}`);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  const i = argv.indexOf('--postgres');
  return {
    clients: value('clients', 32),
    revisions: value('revisions', 10),
    postgres: i >= 0 ? (argv[i + 1] ?? null) : (process.env.BENCH_POSTGRES_URL ?? null),
  };
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
