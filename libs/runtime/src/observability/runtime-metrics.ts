import type { EventStore } from '@mesas/event-store';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry (prom-client): the default process metrics and what every
 * mesas process measures. The API adds its HTTP and command metrics to the same registry and
 * serves it at `/metrics`; the projection gauges are registered by the ProjectionHost.
 * One registry per application instance (never prom-client's global one), so that several
 * apps in one test process do not collide.
 */
export class RuntimeMetrics {
  readonly registry = new Registry();
  readonly eventsAppended: Counter;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.eventsAppended = new Counter({
      name: 'mesas_events_appended_total',
      help: 'events appended to the event store by this process',
      registers: [this.registry],
    });
  }
}

/**
 * The event store, counting what this process appends. Its own `append` is wrapped on the
 * instance (no proxy, no subclass), so that whatever else the adapter offers (leases, signals)
 * is the same object and the same methods.
 */
export function countingAppends(store: EventStore, metrics: RuntimeMetrics): EventStore {
  const append = store.append.bind(store);
  store.append = async (...args) => {
    const result = await append(...args);
    metrics.eventsAppended.inc(result.events.length);
    return result;
  };
  return store;
}
