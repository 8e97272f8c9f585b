import type { EventStore } from '../event-store.port';

export interface EsdbConnectionOptions {
  /** e.g. `esdb://localhost:2113?tls=false` (credentials in it when the server is secure) */
  readonly connectionString: string;
  /** told when the live subscription that wakes readers drops (it is opened again) */
  readonly onError?: (error: unknown) => void;
  /** how long to wait for the server's first answer before failing (default 10 s) */
  readonly timeoutMs?: number;
}

/**
 * The EventStoreDB adapter, loaded on first use. The lib's index exports only this function, so
 * a process of another profile never loads `@eventstore/db-client` (gRPC, protobuf): the
 * adapter module is required here, when EVENT_STORE=esdb asks for it. Fails fast, naming the
 * address, when the server does not answer.
 */
export async function openEsdbEventStore(options: EsdbConnectionOptions): Promise<EventStore> {
  const { EsdbEventStore } = await import('./esdb-event-store');
  return EsdbEventStore.connect(
    { connectionString: options.connectionString, onError: options.onError },
    options.timeoutMs,
  );
}
