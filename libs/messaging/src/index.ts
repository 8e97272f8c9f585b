export * from './event-message';
export * from './kafka-client';
export * from './kafka-event-publisher';
export * from './kafka-health';
export * from './reference-consumer';
export * from './asyncapi-document';
