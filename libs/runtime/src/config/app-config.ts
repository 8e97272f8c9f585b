import { resolve } from 'node:path';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  isValidOrigin,
  parseVkey,
  type NoteVerifierKey,
} from '@mesas/transparency';

export type EventStoreKind = 'sqlite' | 'postgres' | 'esdb';

/** Everything the product reads from its environment, read once, checked, then passed around. */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly databaseUrl: string | null;
  /** the PostgreSQL schema holding events and read models (DATABASE_SCHEMA, default public) */
  readonly databaseSchema: string;
  readonly esdbConnectionString: string | null;
  readonly kafkaBrokers: string[];
  /** KAFKA_TOPIC: default `mesas.events.v1` (API.md); another name is for tests and staging */
  readonly kafkaTopic: string;
  /** KAFKA_PARTITIONS: partitions of the topic when the publisher creates it (default 6) */
  readonly kafkaPartitions: number;
  /** null: the embedded profile keeps a generated secret under dataDir */
  readonly authSecret: string | null;
  readonly demoData: boolean;
  /** whether this process runs the projections and the publisher (embedded: yes) */
  readonly runProjections: boolean;
  readonly bodyLimit: string;
  /** Ed25519 key signing the history's checkpoints: a PKCS#8 PEM or a file (docs/history.md) */
  readonly transparencyKey: { readonly pem: string | null; readonly file: string | null };
  /** LOG_ORIGIN: the C2SP origin and key name of the public history (default localhost/mesas) */
  readonly logOrigin: string;
  /** WITNESSES: the C2SP witnesses asked to cosign each new checkpoint (docs/history.md) */
  readonly witnesses: readonly WitnessEndpoint[];
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = (env.EVENT_STORE ?? 'sqlite') as EventStoreKind;
  if (!['sqlite', 'postgres', 'esdb'].includes(eventStore)) {
    throw new Error(`EVENT_STORE must be sqlite, postgres or esdb, not ${env.EVENT_STORE}`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  }
  if (eventStore !== 'sqlite' && !env.DATABASE_URL) {
    throw new Error(
      `EVENT_STORE=${eventStore} keeps its read models in PostgreSQL: set DATABASE_URL`,
    );
  }
  if (eventStore === 'esdb' && !env.ESDB_CONNECTION_STRING) {
    throw new Error('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  }
  const projectionsIn = env.PROJECTIONS ?? (eventStore === 'sqlite' ? 'in-process' : 'worker');
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStore,
    databaseUrl: env.DATABASE_URL ?? null,
    databaseSchema: databaseSchemaOf(env.DATABASE_SCHEMA),
    esdbConnectionString: env.ESDB_CONNECTION_STRING ?? null,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    kafkaTopic: kafkaTopicOf(env.KAFKA_TOPIC),
    kafkaPartitions: kafkaPartitionsOf(env.KAFKA_PARTITIONS),
    authSecret: env.AUTH_SECRET || null,
    demoData: (env.DEMO_DATA ?? 'on').toLowerCase() !== 'off',
    runProjections: projectionsIn === 'in-process',
    bodyLimit: env.BODY_LIMIT ?? '64kb',
    transparencyKey: {
      pem: env.TRANSPARENCY_PRIVATE_KEY || null,
      file: env.TRANSPARENCY_KEY_FILE ? resolve(env.TRANSPARENCY_KEY_FILE) : null,
    },
    logOrigin: logOriginOf(env.LOG_ORIGIN),
    witnesses: witnessesOf(env.WITNESSES),
  };
}

/** A lowercase SQL identifier, so that it names the same schema quoted or not. */
function databaseSchemaOf(value: string | undefined): string {
  const schema = value || 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `DATABASE_SCHEMA must be a lowercase SQL identifier (a-z, 0-9, _), not ${value}`,
    );
  }
  return schema;
}

/** Kafka's legal topic names; the default is the contract's topic. */
function kafkaTopicOf(value: string | undefined): string {
  const topic = value || 'mesas.events.v1';
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(topic)) {
    throw new Error(`KAFKA_TOPIC must be a Kafka topic name ([a-zA-Z0-9._-]), not ${value}`);
  }
  return topic;
}

function kafkaPartitionsOf(value: string | undefined): number {
  const partitions = Number(value || 6);
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 10_000) {
    throw new Error(`KAFKA_PARTITIONS must be a whole number from 1, not ${value}`);
  }
  return partitions;
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
