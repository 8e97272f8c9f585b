import { resolve } from 'node:path';

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
}

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
