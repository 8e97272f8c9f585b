import type { StoredEvent } from '@mesas/event-store';
import type { MesaEvent, ProblemEvent } from '@mesas/domain';

export type KnownEvent = MesaEvent | ProblemEvent;

/**
 * Reads a stored event as the domain event it records. Data is trusted: it was decided by the
 * domain and upcast to the current schema on read.
 */
export function asDomainEvent(event: StoredEvent): KnownEvent {
  return {
    type: event.type,
    data: event.data,
    occurredAt: event.occurredAt,
  } as unknown as KnownEvent;
}
