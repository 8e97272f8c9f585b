export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './catch-up';
export * from './event-envelope';
export * from './log-checkpoint-syntax';
// only a loader: the EventStoreDB client is required when EVENT_STORE=esdb opens the store
export * from './esdb/open-esdb-event-store';
export * from './postgres/postgres-connection';
export * from './postgres/postgres-advisory-leases';
export * from './postgres/postgres-event-store';
export * from './upcasting';
