export * from './shared/command-meta';
export * from './shared/domain-errors';
export * from './shared/stream-ids';
export * from './shared/access-policy';
export * from './mesa/mesa.events';
export * from './mesa/mesa.decider';
export * from './problem/problem.events';
export * from './problem/problem.decider';
