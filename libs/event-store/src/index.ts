export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './catch-up';
export * from './event-envelope';
