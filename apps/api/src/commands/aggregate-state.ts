import {
  MesaEvent,
  MesaState,
  ProblemEvent,
  ProblemState,
  evolveMesa,
  evolveProblem,
  initialMesaState,
  initialProblemState,
  mesaStreamId,
  problemStreamId,
} from '@mesas/domain';
import type { EventStore, StoredEvent } from '@mesas/event-store';

const asDomain = <E>(e: StoredEvent): E =>
  ({ type: e.type, data: e.data, occurredAt: e.occurredAt }) as unknown as E;

/** A stream folded into its aggregate's state, with the version it was read at. */
export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

export async function loadMesa(store: EventStore, mesaId: string): Promise<Loaded<MesaState>> {
  const events = await store.readStream(mesaStreamId(mesaId));
  return {
    state: events.map(asDomain<MesaEvent>).reduce(evolveMesa, initialMesaState),
    version: events.length === 0 ? 0 : events[events.length - 1].streamVersion,
  };
}

export async function loadProblem(
  store: EventStore,
  problemId: string,
): Promise<Loaded<ProblemState>> {
  const events = await store.readStream(problemStreamId(problemId));
  return {
    state: events.map(asDomain<ProblemEvent>).reduce(evolveProblem, initialProblemState),
    version: events.length === 0 ? 0 : events[events.length - 1].streamVersion,
  };
}
