import { resolve } from 'node:path';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  isValidOrigin,
  parseVkey,
  type NoteVerifierKey,
} from '@mesas/transparency';

export type EventStoreKind = 'sqlite' | 'postgres' | 'esdb';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the product reads from its environment, read once, checked, then passed around. */
export interface AppConfig {
  readonly port: number;
  /** the address the API listens on (HOST, default 0.0.0.0) */
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly databaseUrl: string | null;
  /** the PostgreSQL schema holding events and read models (DATABASE_SCHEMA, default public) */
  readonly databaseSchema: string;
  readonly esdbConnectionString: string | null;
  readonly kafkaBrokers: string[];
  /** KAFKA_TOPIC: default `mesas.events.v1` (docs/API.md); another name is for tests and staging */
  readonly kafkaTopic: string;
  /** KAFKA_PARTITIONS: partitions of the topic when the publisher creates it (default 6) */
  readonly kafkaPartitions: number;
  /** null: the embedded profile keeps a generated secret under dataDir */
  readonly authSecret: string | null;
  readonly demoData: boolean;
  /** whether this process runs the projections and the publisher (PROJECTIONS=in-process) */
  readonly runProjections: boolean;
  readonly bodyLimit: string;
  /** Ed25519 key signing the history's checkpoints: a PKCS#8 PEM or a file (docs/history.md) */
  readonly transparencyKey: { readonly pem: string | null; readonly file: string | null };
  /** LOG_ORIGIN: the C2SP origin and key name of the public history (default localhost/mesas) */
  readonly logOrigin: string;
  /** WITNESSES: the C2SP witnesses asked to cosign each new checkpoint (docs/history.md) */
  readonly witnesses: readonly WitnessEndpoint[];
  /** origins allowed to send commands from a browser (CORS_ORIGINS); reads are open to all */
  readonly corsOrigins: readonly string[];
  /** how long a SIGTERM waits for requests, downloads and consumers before exiting */
  readonly shutdownGraceMs: number;
  /** /health/ready fails when a projection served here is more events behind than this */
  readonly readyMaxLag: number;
  /** per client and minute; 0 turns the limit off */
  readonly rateLimits: { readonly readsPerMinute: number; readonly authFailuresPerMinute: number };
  readonly logLevel: LogLevel;
}

export interface WitnessEndpoint {
  /** the witness's cosignature/v1 verifier key, as given */
  readonly vkey: string;
  readonly key: NoteVerifierKey;
  /** its submission prefix: POST {url}/add-checkpoint */
  readonly url: string;
}

/** The origin when LOG_ORIGIN is unset: stable, so a log keeps its identity across ports. */
export const DEFAULT_LOG_ORIGIN = 'localhost/mesas';

/** A configuration the process must not start with; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Every variable the processes read, and what it accepts (README "Operations"). Kept as data so
 * that the deployment files (infra/) can be checked to name only these.
 */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'EVENT_STORE',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'ESDB_CONNECTION_STRING',
  'KAFKA_BROKERS',
  'KAFKA_TOPIC',
  'KAFKA_PARTITIONS',
  'AUTH_SECRET',
  'DEMO_DATA',
  'PROJECTIONS',
  'BODY_LIMIT',
  'TRANSPARENCY_PRIVATE_KEY',
  'TRANSPARENCY_KEY_FILE',
  'LOG_ORIGIN',
  'WITNESSES',
  'CORS_ORIGINS',
  'SHUTDOWN_GRACE_MS',
  'READY_MAX_LAG',
  'RATE_LIMIT_READS_PER_MINUTE',
  'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
  'LOG_LEVEL',
] as const;

const BOOLEANS: Record<string, boolean> = {
  on: true,
  true: true,
  '1': true,
  off: false,
  false: false,
  '0': false,
};
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
/** HS256 wants a key at least as long as its output: 32 bytes (`openssl rand -hex 32` gives 64) */
export const MIN_AUTH_SECRET_LENGTH = 32;

/**
 * Reads and checks every variable at once. Typed values (numbers, booleans, choices, sizes)
 * refuse an empty string, since `PORT=` is a mistake rather than a wish for the default;
 * free text and lists (`KAFKA_BROKERS=`, `AUTH_SECRET=`) read empty as unset, which is how a
 * deployment file clears a variable it inherits. Throws ConfigError listing every problem.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new Reader(env, problems);

  const eventStore = read.oneOf('EVENT_STORE', ['sqlite', 'postgres', 'esdb'] as const, 'sqlite');
  const port = read.integer('PORT', 3000, 0, 65_535, 'a port number from 0 to 65535');
  const host = read.text(
    'HOST',
    '0.0.0.0',
    /^[A-Za-z0-9.:[\]-]{1,255}$/,
    'a host name or IP address',
  );
  const dataDir = resolve(read.text('DATA_DIR', './data', /^[^\0]+$/, 'a directory path'));
  const databaseUrl = read.optional(
    'DATABASE_URL',
    /^postgres(ql)?:\/\/\S+$/,
    'a postgres:// or postgresql:// URL',
  );
  const esdbConnectionString = read.optional(
    'ESDB_CONNECTION_STRING',
    /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\/\S+$/,
    'an esdb:// (or esdb+discover://) connection string',
  );
  if (eventStore !== 'sqlite' && databaseUrl === null && !env.DATABASE_URL) {
    problems.push(
      `EVENT_STORE=${eventStore} keeps its read models in PostgreSQL: set DATABASE_URL`,
    );
  }
  if (eventStore === 'esdb' && esdbConnectionString === null && !env.ESDB_CONNECTION_STRING) {
    problems.push('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  }
  const kafkaBrokers = read.list(
    'KAFKA_BROKERS',
    /^[A-Za-z0-9.-]+:\d{1,5}$/,
    'a comma-separated list of host:port',
  );
  const authSecret = read.optional('AUTH_SECRET', /^\S+$/, 'a secret without spaces');
  if (authSecret !== null && authSecret.length < MIN_AUTH_SECRET_LENGTH) {
    problems.push(
      `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters (e.g. openssl rand -hex 32), not ${authSecret.length}`,
    );
  }
  const projections = read.oneOf('PROJECTIONS', ['in-process', 'worker'] as const, 'in-process');
  const bodyLimit = read.text(
    'BODY_LIMIT',
    '64kb',
    /^[1-9][0-9]{0,6}(b|kb|mb)$/i,
    'a size such as 64kb or 1mb (b, kb, mb)',
  );
  const logOrigin = read.checked('LOG_ORIGIN', logOriginOf, DEFAULT_LOG_ORIGIN);
  const witnesses = read.checked('WITNESSES', witnessesOf, []);
  const corsOrigins = read.list(
    'CORS_ORIGINS',
    /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
    'a comma-separated list of origins such as https://example.org (scheme, host, optional port)',
  );

  const config: AppConfig = {
    port,
    host,
    dataDir,
    eventStore,
    databaseUrl,
    databaseSchema: read.text(
      'DATABASE_SCHEMA',
      'public',
      /^[a-z_][a-z0-9_]{0,62}$/,
      'a lowercase SQL identifier (a-z, 0-9, _)',
    ),
    esdbConnectionString,
    kafkaBrokers,
    kafkaTopic: read.text(
      'KAFKA_TOPIC',
      'mesas.events.v1',
      /^[a-zA-Z0-9._-]{1,249}$/,
      'a Kafka topic name ([a-zA-Z0-9._-])',
    ),
    kafkaPartitions: read.integer('KAFKA_PARTITIONS', 6, 1, 10_000, 'a whole number from 1'),
    authSecret,
    demoData: read.boolean('DEMO_DATA', true),
    runProjections: projections === 'in-process',
    bodyLimit: bodyLimit.toLowerCase(),
    transparencyKey: {
      pem: read.optional(
        'TRANSPARENCY_PRIVATE_KEY',
        /-----BEGIN PRIVATE KEY-----/,
        'an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)',
      ),
      file: ((file) => (file ? resolve(file) : null))(
        read.optional('TRANSPARENCY_KEY_FILE', /^[^\0]+$/, 'a file path'),
      ),
    },
    logOrigin,
    witnesses,
    corsOrigins,
    shutdownGraceMs: read.integer(
      'SHUTDOWN_GRACE_MS',
      10_000,
      0,
      600_000,
      'milliseconds from 0 to 600000',
    ),
    readyMaxLag: read.integer('READY_MAX_LAG', 1000, 0, 1_000_000_000, 'a whole number of events'),
    rateLimits: {
      readsPerMinute: read.integer(
        'RATE_LIMIT_READS_PER_MINUTE',
        6000,
        0,
        1_000_000,
        'requests per minute per client, 0 for no limit',
      ),
      authFailuresPerMinute: read.integer(
        'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
        20,
        0,
        1_000_000,
        'failed authentications per minute per client, 0 for no limit',
      ),
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Reads one variable at a time, recording what is wrong instead of stopping at the first. */
class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private refuse(name: string, allowed: string, value: string): void {
    // never echo a secret back, not even a wrong one
    const shown = /SECRET|PRIVATE_KEY|PASSWORD/.test(name)
      ? '(hidden)'
      : JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    this.problems.push(`${name} must be ${allowed}, not ${shown}`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.env[name];
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.refuse(name, `one of ${allowed.join(', ')}`, value);
    return fallback;
  }

  integer(name: string, fallback: number, min: number, max: number, allowed: string): number {
    const value = this.env[name];
    if (value === undefined) return fallback;
    const number = /^[0-9]{1,10}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (Number.isInteger(number) && number >= min && number <= max) return number;
    this.refuse(name, allowed, value);
    return fallback;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.env[name];
    if (value === undefined) return fallback;
    const parsed = BOOLEANS[value.trim().toLowerCase()];
    if (parsed !== undefined) return parsed;
    this.refuse(name, 'on, off, true, false, 1 or 0', value);
    return fallback;
  }

  /** A value with a default; empty counts as unset. */
  text(name: string, fallback: string, pattern: RegExp, allowed: string): string {
    return this.optional(name, pattern, allowed) ?? fallback;
  }

  /** A value without a default; empty counts as unset. */
  optional(name: string, pattern: RegExp, allowed: string): string | null {
    const value = this.env[name];
    if (value === undefined || value === '') return null;
    if (pattern.test(value)) return value;
    this.refuse(name, allowed, value);
    return null;
  }

  /** A value read by a function of its own, which throws a message naming the variable. */
  checked<T>(name: string, parse: (value: string | undefined) => T, fallback: T): T {
    try {
      return parse(this.env[name]);
    } catch (error) {
      this.problems.push(error instanceof Error ? error.message : String(error));
      return fallback;
    }
  }

  list(name: string, item: RegExp, allowed: string): string[] {
    const items = (this.env[name] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const bad = items.filter((v) => !item.test(v));
    if (bad.length > 0) this.refuse(name, allowed, bad.join(','));
    return items.filter((v) => item.test(v));
  }
}

/** A schema-less URL naming the log (C2SP tlog-checkpoint): no scheme, spaces or plus signs. */
export function logOriginOf(value: string | undefined): string {
  const origin = value || DEFAULT_LOG_ORIGIN;
  if (
    !isValidOrigin(origin) ||
    origin.includes('://') ||
    origin.endsWith('/') ||
    origin.length > 255
  ) {
    throw new Error(
      `LOG_ORIGIN must be a schema-less URL without spaces, "+" or a trailing slash (e.g. mesas.example.org/tlog), not ${value}`,
    );
  }
  return origin;
}

/** `VKEY@URL,…`: each a cosignature/v1 vkey (type 0x04) and the witness's http(s) prefix. */
export function witnessesOf(value: string | undefined): WitnessEndpoint[] {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.map((item) => {
    // A vkey's base64 never holds '@': the URL starts after the first '@' past the last '+'.
    const at = item.indexOf('@', item.lastIndexOf('+'));
    const vkey = at < 0 ? item : item.slice(0, at);
    const url = at < 0 ? '' : item.slice(at + 1).replace(/\/+$/, '');
    let key: NoteVerifierKey;
    try {
      key = parseVkey(vkey);
    } catch (error) {
      throw new Error(`WITNESSES: ${vkey} is not a vkey: ${(error as Error).message}`);
    }
    if (key.type !== SIGNATURE_TYPE_COSIGNATURE_V1)
      throw new Error(`WITNESSES: ${key.name} is not a cosignature/v1 key (type 0x04)`);
    if (!/^https?:\/\/[^\s]+$/.test(url))
      throw new Error(`WITNESSES: ${key.name} needs @http(s)://… after its vkey`);
    return { vkey, key, url };
  });
}
