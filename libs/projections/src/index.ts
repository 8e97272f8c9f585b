export * from './document-store.port';
export * from './projection';
export * from './domain-event';
export * from './sqlite/sqlite-document-store';
export * from './matrix/matrix.documents';
export * from './matrix/matrix.projection';
export * from './matrix/matrix.queries';
