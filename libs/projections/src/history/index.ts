export * from './history-entry';
export * from './history-summary';
export * from './history.projection';
export * from './history.queries';
export * from './history-search';
