export * from './kaplan-meier';
export * from './time-to-resolution';
export * from './escalations';
export * from './cadence';
export * from './task-delivery';
export * from './csv';
export { ALL_KEY, UNKNOWN_KEY, compareKeys } from './group-keys';
export { sampleMedian } from './sample-median';
export { LIMA_UTC_OFFSET_MINUTES } from './calendar';
