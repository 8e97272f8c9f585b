import { randomUUID } from 'node:crypto';
import type { MesaEvent, ProblemEvent } from '@mesas/domain';
import { mesaStreamId, problemStreamId } from '@mesas/domain';
import { EventStore, ExpectedVersion, JsonObject, NewEvent, StoredEvent } from '@mesas/event-store';

type KnownEvent = MesaEvent | ProblemEvent;
/** an event before the writer stamps its business time (distributive, so data stays checked) */
type Draft<E> = E extends unknown ? Omit<E, 'occurredAt'> : never;
type Step = {
  readonly streamId: string;
  readonly event: Draft<KnownEvent>;
  readonly sessionId?: string;
};

/**
 * Appends domain-shaped events for the messaging specs, with expected versions, and remembers
 * what it appended. Ids carry a per-writer run id so that specs sharing a broker or a topic only
 * ever look at their own streams. Business time advances one minute per event, from 2024.
 */
export class EventLogWriter {
  readonly runId = randomUUID().slice(0, 8);
  readonly appended: StoredEvent[] = [];
  private readonly versions = new Map<string, number>();
  private minute = 0;
  private histories = 0;

  constructor(private readonly store: EventStore) {}

  async append(step: Step): Promise<StoredEvent> {
    return (await this.appendMany(step.streamId, [step]))[0];
  }

  /** Steps of one stream in one append (one transaction): fast volume. */
  async appendMany(
    streamId: string,
    steps: readonly Omit<Step, 'streamId'>[],
  ): Promise<StoredEvent[]> {
    const version = this.versions.get(streamId) ?? 0;
    const events = steps.map((step) =>
      this.toNew(
        { ...step, streamId },
        new Date(Date.UTC(2024, 0, 1) + this.minute++ * 60_000).toISOString(),
      ),
    );
    const result = await this.store.append(streamId, events, ExpectedVersion.exact(version));
    this.versions.set(streamId, result.streamVersion);
    this.appended.push(...result.events);
    return [...result.events];
  }

  /**
   * About `total` events in appends of `perAppend` events, round-robin over `streams` streams
   * (ProblemRaised, then TaskProgressReported): volume without one fsync per event.
   */
  async bulkProgressReports(total: number, streams: number, perAppend: number): Promise<void> {
    for (let i = 0; i * perAppend < total; i++) {
      const n = i % streams;
      const problemId = `${this.runId}-bulk-${n}`;
      const streamId = problemStreamId(problemId);
      const ids = { mesaId: `${this.runId}-bulk`, problemId };
      const first = (this.versions.get(streamId) ?? 0) === 0;
      const steps = Array.from({ length: perAppend }, (_, k): Omit<Step, 'streamId'> => ({
        event:
          first && k === 0
            ? {
                type: 'ProblemRaised',
                data: {
                  ...ids,
                  title: `carga ${n}`,
                  description: null,
                  barrier: 'red_tape',
                  raisedBy: 'p1',
                },
              }
            : {
                type: 'TaskProgressReported',
                data: { ...ids, taskId: 't1', note: `avance ${i}.${k}` },
              },
      }));
      await this.appendMany(streamId, steps);
    }
  }

  /**
   * `total` events over `streams` problem streams, round-robin: each stream opens with
   * ProblemRaised, then TaskProgressReported. For volume and ordering, not for the matrix.
   */
  async progressReports(total: number, streams: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for (let i = 0; i < total; i++) {
      const n = i % streams;
      const problemId = `${this.runId}-load-${n}`;
      const streamId = problemStreamId(problemId);
      const ids = { mesaId: `${this.runId}-load`, problemId };
      const first = (this.versions.get(streamId) ?? 0) === 0;
      out.push(
        await this.append({
          streamId,
          event: first
            ? {
                type: 'ProblemRaised',
                data: {
                  ...ids,
                  title: `carga ${n}`,
                  description: null,
                  barrier: 'red_tape',
                  raisedBy: 'p1',
                },
              }
            : {
                type: 'TaskProgressReported',
                data: { ...ids, taskId: 't1', note: `avance ${i} ${'·'.repeat(i % 40)}` },
              },
        }),
      );
    }
    return out;
  }

  /**
   * A realistic history for the matrix: `mesas` mesas with `problemsPerMesa` problems each,
   * every lifecycle branch (rejected, escalated and pending, escalation decided, revised,
   * resolved, reopened, tasks done, moved, cancelled), streams interleaved round-robin.
   */
  async matrixHistory(mesas: number, problemsPerMesa: number): Promise<StoredEvent[]> {
    const queues: Step[][] = [];
    const history = this.histories++;
    for (let m = 0; m < mesas; m++) {
      const mesaId = `${this.runId}-h${history}-m${m}`;
      const problemIds = Array.from({ length: problemsPerMesa }, (_, p) => `${mesaId}-p${p}`);
      queues.push(mesaSteps(mesaId, m, problemIds));
      problemIds.forEach((problemId, p) => queues.push(problemSteps(mesaId, problemId, p)));
    }
    const out: StoredEvent[] = [];
    for (let round = 0; queues.some((q) => round < q.length); round++) {
      for (const queue of queues) {
        const step = queue[round];
        if (step) out.push(await this.append(step));
      }
    }
    return out;
  }

  /** stream id → event ids in stream order, for the streams this writer appended to */
  byStream(): Map<string, string[]> {
    const streams = new Map<string, string[]>();
    for (const e of this.appended) {
      const list = streams.get(e.streamId) ?? [];
      list[e.streamVersion - 1] = e.eventId;
      streams.set(e.streamId, list);
    }
    return streams;
  }

  get head(): bigint {
    return this.appended.reduce((max, e) => (e.globalPosition > max ? e.globalPosition : max), 0n);
  }

  private toNew(step: Step, occurredAt: string): NewEvent {
    return {
      eventId: randomUUID(),
      type: step.event.type,
      schemaVersion: 1,
      occurredAt,
      data: step.event.data as unknown as JsonObject,
      metadata: {
        actor: 'test-coordinator',
        actorRole: 'coordinator',
        correlationId: randomUUID(),
        causationId: null,
        commandId: randomUUID(),
        ...(step.sessionId ? { sessionId: step.sessionId } : {}),
      },
    };
  }
}

function mesaSteps(mesaId: string, m: number, problemIds: string[]): Step[] {
  const streamId = mesaStreamId(mesaId);
  const ev = (event: Draft<MesaEvent>): Step => ({ streamId, event });
  const steps: Step[] = [
    ev({
      type: 'MesaProposed',
      data: {
        mesaId,
        name: `Mesa ${m}`,
        kind: m % 2 ? 'factor' : 'sector',
        scope: m % 2 ? 'logística' : 'forestal',
        level: m % 3 ? 'national' : 'regional',
        region: m % 3 ? null : 'Ucayali',
        convener: 'Produce',
        cadenceDays: m % 2 ? 14 : 7,
      },
    }),
    ev({
      type: 'MesaViabilityAssessed',
      data: { mesaId, viable: true, notes: 'hay demanda privada' },
    }),
    ev({ type: 'MesaLaunched', data: { mesaId } }),
    ev({
      type: 'ParticipantJoined',
      data: { mesaId, participantId: 'p1', name: 'Ana', organisation: 'ADEX', role: 'private' },
    }),
    ev({
      type: 'ParticipantJoined',
      data: { mesaId, participantId: 'p2', name: 'Luis', organisation: 'SERFOR', role: 'public' },
    }),
    ev({
      type: 'SessionHeld',
      data: {
        mesaId,
        sessionId: `${mesaId}-s1`,
        type: 'regular',
        heldOn: '2024-01-08',
        attendees: ['p1', 'p2'],
        problemIds,
        summary: 'primera sesión',
      },
    }),
  ];
  if (m % 2 === 1) {
    steps.push(
      ev({
        type: 'MesaTransferred',
        data: { mesaId, fromConvener: 'Produce', toConvener: 'Minagri', reason: 'reorganización' },
      }),
      ev({ type: 'ParticipantLeft', data: { mesaId, participantId: 'p2', reason: null } }),
    );
  }
  return steps;
}

function problemSteps(mesaId: string, problemId: string, p: number): Step[] {
  const streamId = problemStreamId(problemId);
  const ids = { mesaId, problemId };
  const sessionId = p % 2 === 0 ? `${mesaId}-s1` : undefined;
  const ev = (event: Draft<ProblemEvent>, inSession = false): Step => ({
    streamId,
    event,
    ...(inSession && sessionId ? { sessionId } : {}),
  });
  const steps: Step[] = [
    ev({
      type: 'ProblemRaised',
      data: {
        ...ids,
        title: `Cuello de botella ${p}`,
        description: p % 2 ? null : 'detalle',
        barrier: 'regulation',
        raisedBy: 'p1',
      },
    }),
    ev({
      type: 'ProblemClassified',
      data: {
        ...ids,
        ownership: p % 2 ? 'YP' : 'MP',
        rootCause: p % 3 ? 'regulation' : 'implementation',
      },
    }),
  ];
  if (p % 5 === 4) {
    steps.push(
      ev(
        {
          type: 'ProblemFiltered',
          data: { ...ids, decision: 'rejected', reason: 'es un subsidio' },
        },
        true,
      ),
    );
    return steps;
  }
  steps.push(
    ev({ type: 'ProblemFiltered', data: { ...ids, decision: 'accepted', reason: null } }, true),
    ev({ type: 'ProblemPrioritized', data: { ...ids, rank: p + 1 } }, true),
    ev({
      type: 'SolutionProposed',
      data: { ...ids, revision: 1, text: 'simplificar el trámite', rationale: null },
    }),
    ev({
      type: 'TaskAssigned',
      data: {
        ...ids,
        taskId: 't1',
        title: 'norma',
        responsibleEntity: 'SERFOR',
        dueOn: '2024-03-01',
      },
    }),
    ev({
      type: 'TaskAssigned',
      data: {
        ...ids,
        taskId: 't2',
        title: 'guía',
        responsibleEntity: 'OSINFOR',
        dueOn: '2024-04-01',
      },
    }),
    ev({ type: 'TaskProgressReported', data: { ...ids, taskId: 't1', note: 'borrador listo' } }),
  );
  if (p % 3 === 0) {
    steps.push(
      ev(
        {
          type: 'SolutionRevised',
          data: { ...ids, revision: 2, text: 'ventanilla única', rationale: 'lo aprendido' },
        },
        true,
      ),
      ev({
        type: 'TaskDeadlineMoved',
        data: {
          ...ids,
          taskId: 't1',
          previousDueOn: '2024-03-01',
          dueOn: '2024-05-01',
          reason: 'consulta pública',
        },
      }),
    );
  }
  if (p % 4 === 1) {
    steps.push(ev({ type: 'Escalated', data: { ...ids, reason: 'budget', note: null } }, true));
    if (p % 8 !== 1) {
      steps.push(
        ev({
          type: 'EscalationResolved',
          data: { ...ids, decision: 'financiar', decidedBy: 'ministro' },
        }),
      );
    }
  }
  steps.push(
    ev(
      {
        type: 'TaskCompleted',
        data: { ...ids, taskId: 't1', outcome: p % 2 ? null : 'publicada' },
      },
      true,
    ),
  );
  if (p % 3 === 2)
    steps.push(
      ev({ type: 'TaskCancelled', data: { ...ids, taskId: 't2', reason: 'innecesaria' } }),
    );
  if (p % 3 === 0) {
    steps.push(
      ev({ type: 'ProblemResolved', data: { ...ids, outcome: 'de 6 meses a 3 días' } }, true),
      ev({
        type: 'ImpactRecorded',
        data: { ...ids, indicator: 'días de registro', unit: 'días', before: 180, after: 3 },
      }),
    );
    if (p % 6 === 0)
      steps.push(ev({ type: 'ProblemReopened', data: { ...ids, reason: 'volvió a fallar' } }));
  }
  return steps;
}
