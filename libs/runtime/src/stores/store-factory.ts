import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EVENT_UPCASTERS } from '@mesas/domain';
import {
  EventStore,
  PostgresEventStore,
  SqliteEventStore,
  Upcaster,
  openEsdbEventStore,
  withUpcasting,
} from '@mesas/event-store';
import { DocumentStore, PostgresDocumentStore, SqliteDocumentStore } from '@mesas/projections';
import type { AppConfig } from '../config/app-config';
import { ensurePrivateDir, preparePrivateSqlite, tightenSqliteCompanions } from './private-files';

/**
 * Opens the event store of the configured profile, as every reader should see it: old schema
 * versions upcast to the current ones (the domain's catalogue; the store itself is never
 * rewritten).
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  // the domain's upcasters see plain records; the store hands them JSON objects and gets JSON back
  return withUpcasting(await openAdapter(config), EVENT_UPCASTERS as readonly Upcaster[], {
    module: '@mesas/domain',
    name: 'EVENT_UPCASTERS',
  });
}

async function openAdapter(config: AppConfig): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite': {
      const filename = join(config.dataDir, 'events.sqlite');
      ensurePrivateDir(config.dataDir);
      preparePrivateSqlite(filename);
      const store = new SqliteEventStore({ filename });
      tightenSqliteCompanions(filename);
      return store;
    }
    case 'postgres':
      return PostgresEventStore.open(postgresOf(config));
    case 'esdb': {
      // the gRPC client is loaded here, only in this profile (see libs/event-store/README.md)
      const logger = new Logger('EventStoreDB');
      return openEsdbEventStore({
        connectionString: required(config.esdbConnectionString, 'ESDB_CONNECTION_STRING'),
        onError: (error) => logger.warn(`live subscription dropped, reopening: ${String(error)}`),
      });
    }
    default:
      throw new Error(`EVENT_STORE=${config.eventStore} is not available in this build`);
  }
}

/** Opens the read-model store: SQLite beside the events, or PostgreSQL in the server profile. */
export async function openDocumentStore(config: AppConfig): Promise<DocumentStore> {
  switch (config.eventStore) {
    case 'sqlite': {
      const filename = join(config.dataDir, 'read-models.sqlite');
      ensurePrivateDir(config.dataDir);
      preparePrivateSqlite(filename);
      const documents = new SqliteDocumentStore(filename);
      tightenSqliteCompanions(filename);
      return documents;
    }
    case 'postgres':
    case 'esdb':
      // events in PostgreSQL or EventStoreDB, read models (and their checkpoints) in PostgreSQL
      return PostgresDocumentStore.open(postgresOf(config));
    default:
      throw new Error(
        `read models for EVENT_STORE=${config.eventStore} are not available in this build`,
      );
  }
}

/** The server profile's database: DATABASE_URL, and DATABASE_SCHEMA inside it. */
function postgresOf(config: AppConfig): { connectionString: string; schema: string } {
  return {
    connectionString: required(config.databaseUrl, 'DATABASE_URL'),
    schema: config.databaseSchema,
  };
}

function required(value: string | null, name: string): string {
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
