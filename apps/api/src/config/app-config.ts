import { resolve } from 'node:path';

export type EventStoreKind = 'sqlite' | 'postgres' | 'esdb';

/** Everything the product reads from its environment, read once, checked, then passed around. */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly databaseUrl: string | null;
  readonly esdbConnectionString: string | null;
  readonly kafkaBrokers: string[];
  /** null: the embedded profile keeps a generated secret under dataDir */
  readonly authSecret: string | null;
  readonly demoData: boolean;
  /** whether this process runs the projections and the publisher (embedded: yes) */
  readonly runProjections: boolean;
  readonly bodyLimit: string;
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
    throw new Error(`EVENT_STORE=${eventStore} keeps its read models in PostgreSQL: set DATABASE_URL`);
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
    esdbConnectionString: env.ESDB_CONNECTION_STRING ?? null,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    authSecret: env.AUTH_SECRET || null,
    demoData: (env.DEMO_DATA ?? 'on').toLowerCase() !== 'off',
    runProjections: projectionsIn === 'in-process',
    bodyLimit: env.BODY_LIMIT ?? '64kb',
  };
}
