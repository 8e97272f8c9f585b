import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@mesas/event-store';
import { DocumentStore, SqliteDocumentStore } from '@mesas/projections';
import type { AppConfig } from '../config/app-config';

/** Opens the event store of the configured profile. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return new SqliteEventStore({ filename: join(config.dataDir, 'events.sqlite') });
    default:
      throw new Error(`EVENT_STORE=${config.eventStore} is not available in this build`);
  }
}

/** Opens the read-model store: SQLite beside the events, or PostgreSQL in the server profile. */
export async function openDocumentStore(config: AppConfig): Promise<DocumentStore> {
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return new SqliteDocumentStore(join(config.dataDir, 'read-models.sqlite'));
    default:
      throw new Error(`read models for EVENT_STORE=${config.eventStore} are not available in this build`);
  }
}
