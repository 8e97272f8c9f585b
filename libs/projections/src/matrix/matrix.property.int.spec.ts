import fc from 'fast-check';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Actor,
  BARRIERS,
  Barrier,
  CADENCE_DAYS,
  CadenceDays,
  CommandMeta,
  DomainError,
  MesaCommand,
  MesaEvent,
  MesaState,
  OWNERSHIPS,
  Ownership,
  PARTICIPANT_ROLES,
  ParticipantRole,
  ProblemCommand,
  ProblemEvent,
  ProblemState,
  ROOT_CAUSES,
  RootCause,
  SESSION_TYPES,
  SessionType,
  decideMesa,
  decideProblem,
  evolveMesa,
  evolveProblem,
  initialMesaState,
  initialProblemState,
  mesaStreamId,
  problemStreamId,
} from '@mesas/domain';
import { ExpectedVersion, JsonObject, SqliteEventStore, StoredEvent } from '@mesas/event-store';
import { foldInMemory, ProjectionRunner } from '../projection';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store';
import type { MatrixRowDoc, MesaDoc } from './matrix.documents';
import { MATRIX, MESAS, ROWS, matrixProjection } from './matrix.projection';
import { matrixAsOf } from './matrix.queries';

/**
 * The matrix built live — a checkpointed runner folding the log in small batches while commands
 * are being appended — equals the matrix rebuilt from the log in one fold, and equals it again
 * after a reset and a rebuild. Time travel (`matrixAsOf`) at any instant equals folding the
 * events that occurred up to it. Commands are random, decided by the real deciders; only the
 * accepted ones reach the store, so every sequence is one the API could have produced.
 */

// ─── random commands ─────────────────────────────────────────────────────────

const text = fc.constantFrom(
  'Registro lento',
  'Sí, niño: ñandú',
  'Permisos 4–8 meses',
  '"citado"',
  'línea\nnueva',
  '🌳',
);
const pick = fc.nat({ max: 50 });

type Op =
  | { k: 'propose'; cadence: CadenceDays }
  | { k: 'assess'; mesa: number; viable: boolean }
  | { k: 'launch'; mesa: number }
  | { k: 'join'; mesa: number; who: number; role: ParticipantRole }
  | { k: 'leave'; mesa: number; who: number }
  | {
      k: 'session';
      mesa: number;
      type: SessionType;
      attendees: number[];
      problems: number[];
    }
  | { k: 'transfer'; mesa: number; convener: string }
  | { k: 'close'; mesa: number }
  | { k: 'raise'; mesa: number; barrier: Barrier; who: number; title: string }
  | {
      k: 'classify';
      problem: number;
      ownership: Ownership;
      rootCause: RootCause;
    }
  | { k: 'filter'; problem: number; accepted: boolean; reason: string | null }
  | { k: 'prioritize'; problem: number; rank: number }
  | { k: 'solution'; problem: number; text: string }
  | { k: 'assign'; problem: number; entity: string; dueInDays: number }
  | { k: 'progress' | 'complete' | 'cancel'; problem: number; task: number }
  | { k: 'deadline'; problem: number; task: number; dueInDays: number }
  | { k: 'escalate'; problem: number }
  | { k: 'decide'; problem: number }
  | { k: 'resolve'; problem: number }
  | { k: 'reopen'; problem: number }
  | { k: 'impact'; problem: number; before: number; after: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('propose' as const),
      cadence: fc.constantFrom(...CADENCE_DAYS),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ k: fc.constant('assess' as const), mesa: pick, viable: fc.boolean() }),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('launch' as const), mesa: pick }) },
  {
    weight: 12,
    arbitrary: fc.record({
      k: fc.constant('join' as const),
      mesa: pick,
      who: fc.nat({ max: 5 }),
      role: fc.constantFrom(...PARTICIPANT_ROLES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('leave' as const), mesa: pick, who: fc.nat({ max: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('session' as const),
      mesa: pick,
      type: fc.constantFrom(...SESSION_TYPES),
      attendees: fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 3 }),
      problems: fc.array(pick, { maxLength: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      mesa: pick,
      convener: fc.constantFrom('PRODUCE', 'MINAGRI', 'MEF'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('close' as const), mesa: pick }) },
  {
    weight: 18,
    arbitrary: fc.record({
      k: fc.constant('raise' as const),
      mesa: pick,
      barrier: fc.constantFrom(...BARRIERS),
      who: pick,
      title: text,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('classify' as const),
      problem: pick,
      ownership: fc.constantFrom(...OWNERSHIPS),
      rootCause: fc.constantFrom(...ROOT_CAUSES),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      k: fc.constant('filter' as const),
      problem: pick,
      accepted: fc.boolean(),
      reason: fc.option(text, { nil: null }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('prioritize' as const),
      problem: pick,
      rank: fc.integer({ min: 1, max: 6 }),
    }),
  },
  { weight: 9, arbitrary: fc.record({ k: fc.constant('solution' as const), problem: pick, text }) },
  {
    weight: 12,
    arbitrary: fc.record({
      k: fc.constant('assign' as const),
      problem: pick,
      entity: fc.constantFrom('SERFOR', 'OSINFOR', 'MEF'),
      dueInDays: fc.integer({ min: -20, max: 90 }),
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      k: fc.constantFrom('progress' as const, 'complete' as const, 'cancel' as const),
      problem: pick,
      task: pick,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('deadline' as const),
      problem: pick,
      task: pick,
      dueInDays: fc.integer({ min: 1, max: 120 }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('escalate' as const), problem: pick }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('decide' as const), problem: pick }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('resolve' as const), problem: pick }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('reopen' as const), problem: pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('impact' as const),
      problem: pick,
      before: fc.integer({ min: 0, max: 400 }),
      after: fc.integer({ min: 0, max: 400 }),
    }),
  },
);

/**
 * One step: an operation, how far business time moves on (minutes), sometimes a backdate (an
 * act recorded late: valid when its stream has nothing later), sometimes a deciding session.
 */
const step = fc.record({
  op,
  advance: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  backdate: fc.oneof(
    { weight: 9, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 * 24 * 60 }) },
  ),
  session: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pick }),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/**
 * Random steps alone seldom get a mesa through proposal, viability and launch, so a history
 * starts with one to three mesas on their way (most launched, with a few participants), then
 * runs random steps — which may still propose, assess, launch, close, and be refused.
 */
const history: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(
      fc.record({
        viable: fc.boolean(),
        launch: fc.oneof(
          { weight: 5, arbitrary: fc.constant(true) },
          { weight: 1, arbitrary: fc.constant(false) },
        ),
        joins: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(step, { minLength: 20, maxLength: 80, size: 'max' }),
  )
  .map(([mesas, random]) => {
    const plain = (o: Op): Step => ({ op: o, advance: 60, backdate: null, session: null });
    const prefix = mesas.flatMap((m, i): Step[] => [
      plain({ k: 'propose', cadence: 14 }),
      plain({ k: 'assess', mesa: i, viable: m.viable || m.launch }),
      ...(m.launch ? [plain({ k: 'launch', mesa: i })] : []),
      ...Array.from({ length: m.joins }, (_, who) =>
        plain({ k: 'join', mesa: i, who, role: PARTICIPANT_ROLES[who % PARTICIPANT_ROLES.length] }),
      ),
    ]);
    return [...prefix, ...random];
  });

// ─── a model of the write side: the deciders, and the store they append to ──────────────────

/** Every event type of docs/domain.md: each must show up in some run. */
const EVENT_TYPES = [
  'MesaProposed',
  'MesaViabilityAssessed',
  'MesaLaunched',
  'MesaTransferred',
  'MesaClosed',
  'ParticipantJoined',
  'ParticipantLeft',
  'SessionHeld',
  'ProblemRaised',
  'ProblemClassified',
  'ProblemFiltered',
  'ProblemPrioritized',
  'SolutionProposed',
  'SolutionRevised',
  'TaskAssigned',
  'TaskProgressReported',
  'TaskDeadlineMoved',
  'TaskCompleted',
  'TaskCancelled',
  'Escalated',
  'EscalationResolved',
  'ProblemResolved',
  'ProblemReopened',
  'ImpactRecorded',
] as const;

const START = Date.parse('2015-01-01T00:00:00Z');
const NOW = '2030-01-01T00:00:00.000Z';
const actor: Actor = { sub: 'property', role: 'coordinator' };

class WriteSide {
  readonly mesas: string[] = [];
  readonly problems: string[] = [];
  private readonly mesaState = new Map<
    string,
    { state: MesaState; version: number; sessions: string[] }
  >();
  private readonly problemState = new Map<
    string,
    { state: ProblemState; version: number; tasks: string[] }
  >();
  private clock = START;
  accepted = 0;
  lastPosition = 0n;

  constructor(private readonly store: SqliteEventStore) {}

  async run(s: Step): Promise<void> {
    this.clock += s.advance * 60_000;
    const occurredAt = new Date(this.clock - (s.backdate ?? 0) * 60_000).toISOString();
    const at = (arr: readonly string[], i: number): string | undefined =>
      arr.length ? arr[i % arr.length] : undefined;
    const meta = (sessionsOf: string | undefined): CommandMeta => {
      const sessions = sessionsOf ? (this.mesaState.get(sessionsOf)?.sessions ?? []) : [];
      const sessionId = s.session !== null ? at(sessions, s.session) : undefined;
      return { occurredAt, now: NOW, actor, ...(sessionId ? { sessionId } : {}) };
    };
    const o = s.op;
    if ('mesa' in o || o.k === 'propose') {
      const mesaId = o.k === 'propose' ? `m${this.mesas.length}` : at(this.mesas, o.mesa);
      if (!mesaId) return;
      const entry = this.mesaState.get(mesaId) ?? {
        state: initialMesaState,
        version: 0,
        sessions: [],
      };
      const participants = Object.keys(entry.state.participants);
      let command: MesaCommand | ProblemCommand;
      let problemId: string | null = null;
      switch (o.k) {
        case 'propose':
          command = {
            type: 'ProposeMesa',
            meta: meta(undefined),
            data: {
              mesaId,
              name: `Mesa ${mesaId}`,
              kind: 'sector',
              scope: 'forestal',
              level: 'national',
              region: null,
              convener: 'PRODUCE',
              cadenceDays: o.cadence,
            },
          };
          break;
        case 'assess':
          command = {
            type: 'AssessMesaViability',
            meta: meta(mesaId),
            data: { viable: o.viable, notes: 'n' },
          };
          break;
        case 'launch':
          command = { type: 'LaunchMesa', meta: meta(mesaId), data: {} };
          break;
        case 'join':
          command = {
            type: 'JoinParticipant',
            meta: meta(mesaId),
            data: {
              participantId: `p${o.who}`,
              name: `P ${o.who}`,
              organisation: 'Org',
              role: o.role,
            },
          };
          break;
        case 'leave':
          command = {
            type: 'RemoveParticipant',
            meta: meta(mesaId),
            data: { participantId: `p${o.who}`, reason: null },
          };
          break;
        case 'session': {
          const sessionId = `s${entry.sessions.length}`;
          const problemIds = [
            ...new Set(o.problems.map((i) => at(this.problems, i)).filter((x): x is string => !!x)),
          ];
          const problemMesas = Object.fromEntries(
            problemIds.map((id) => [id, this.problemState.get(id)?.state.mesaId ?? null]),
          );
          command = {
            type: 'HoldSession',
            meta: { occurredAt, now: NOW, actor },
            data: {
              sessionId,
              type: o.type,
              heldOn: occurredAt.slice(0, 10),
              attendees: [...new Set(o.attendees.map((i) => `p${i}`))],
              problemIds,
              summary: null,
              problemMesas,
            },
          };
          break;
        }
        case 'transfer':
          command = {
            type: 'TransferMesa',
            meta: meta(mesaId),
            data: { convener: o.convener, reason: 'r' },
          };
          break;
        case 'close':
          command = { type: 'CloseMesa', meta: meta(mesaId), data: { reason: 'r' } };
          break;
        case 'raise':
          problemId = `q${this.problems.length}`;
          command = {
            type: 'RaiseProblem',
            meta: meta(mesaId),
            data: {
              mesaId,
              problemId,
              title: o.title,
              description: null,
              barrier: o.barrier,
              raisedBy: at(participants, o.who) ?? 'nadie',
            },
          };
          break;
      }
      if (command.type === 'RaiseProblem' && problemId) {
        const events = tryDecide(() =>
          decideProblem(command as ProblemCommand, {
            problem: initialProblemState,
            mesa: entry.state,
          }),
        );
        if (!events) return;
        await this.append(problemStreamId(problemId), 0, events, command.meta.sessionId);
        this.problems.push(problemId);
        this.problemState.set(problemId, {
          state: events.reduce(evolveProblem, initialProblemState),
          version: events.length,
          tasks: [],
        });
        return;
      }
      const events = tryDecide(() => decideMesa(command as MesaCommand, entry.state));
      if (!events) return;
      await this.append(mesaStreamId(mesaId), entry.version, events, command.meta.sessionId);
      if (o.k === 'propose') this.mesas.push(mesaId);
      this.mesaState.set(mesaId, {
        state: events.reduce(evolveMesa, entry.state),
        version: entry.version + events.length,
        sessions:
          command.type === 'HoldSession'
            ? [...entry.sessions, command.data.sessionId]
            : entry.sessions,
      });
      return;
    }

    // task commands aim at problems that have tasks, or they would almost all be refused
    const candidates =
      'task' in o
        ? this.problems.filter((id) => this.problemState.get(id)!.tasks.length > 0)
        : this.problems;
    const problemId = at(candidates, o.problem);
    if (!problemId) return;
    const entry = this.problemState.get(problemId)!;
    const mesaId = entry.state.mesaId!;
    const mesa = this.mesaState.get(mesaId)!.state;
    const m = meta(mesaId);
    const taskId = 'task' in o ? (at(entry.tasks, o.task) ?? 'ninguna') : undefined;
    const dueOn = (days: number) =>
      new Date(this.clock + days * 86_400_000).toISOString().slice(0, 10);
    let command: ProblemCommand;
    switch (o.k) {
      case 'classify':
        command = {
          type: 'ClassifyProblem',
          meta: m,
          data: { ownership: o.ownership, rootCause: o.rootCause },
        };
        break;
      case 'filter':
        command = {
          type: 'FilterProblem',
          meta: m,
          data: { decision: o.accepted ? 'accepted' : 'rejected', reason: o.reason },
        };
        break;
      case 'prioritize':
        command = { type: 'PrioritizeProblem', meta: m, data: { rank: o.rank } };
        break;
      case 'solution':
        command = { type: 'ProposeSolution', meta: m, data: { text: o.text, rationale: null } };
        break;
      case 'assign':
        command = {
          type: 'AssignTask',
          meta: m,
          data: {
            taskId: `t${entry.tasks.length}`,
            title: 'Tarea',
            responsibleEntity: o.entity,
            dueOn: dueOn(o.dueInDays),
          },
        };
        break;
      case 'progress':
        command = {
          type: 'ReportTaskProgress',
          meta: m,
          data: { taskId: taskId!, note: 'avance' },
        };
        break;
      case 'complete':
        command = { type: 'CompleteTask', meta: m, data: { taskId: taskId!, outcome: null } };
        break;
      case 'cancel':
        command = { type: 'CancelTask', meta: m, data: { taskId: taskId!, reason: 'r' } };
        break;
      case 'deadline':
        command = {
          type: 'MoveTaskDeadline',
          meta: m,
          data: { taskId: taskId!, dueOn: dueOn(o.dueInDays), reason: 'r' },
        };
        break;
      case 'escalate':
        command = { type: 'EscalateProblem', meta: m, data: { reason: 'budget', note: null } };
        break;
      case 'decide':
        command = { type: 'DecideEscalation', meta: m, data: { decision: 'sí', decidedBy: 'PCM' } };
        break;
      case 'resolve':
        command = { type: 'ResolveProblem', meta: m, data: { outcome: 'listo' } };
        break;
      case 'reopen':
        command = { type: 'ReopenProblem', meta: m, data: { reason: 'volvió' } };
        break;
      case 'impact':
        command = {
          type: 'RecordImpact',
          meta: m,
          data: { indicator: 'días', unit: 'días', before: o.before, after: o.after },
        };
        break;
    }
    const events = tryDecide(() => decideProblem(command, { problem: entry.state, mesa }));
    if (!events) return;
    await this.append(problemStreamId(problemId), entry.version, events, command.meta.sessionId);
    this.problemState.set(problemId, {
      state: events.reduce(evolveProblem, entry.state),
      version: entry.version + events.length,
      tasks: command.type === 'AssignTask' ? [...entry.tasks, command.data.taskId] : entry.tasks,
    });
  }

  private async append(
    streamId: string,
    version: number,
    events: readonly (MesaEvent | ProblemEvent)[],
    sessionId: string | undefined,
  ): Promise<void> {
    const result = await this.store.append(
      streamId,
      events.map((e, i) => ({
        eventId: crypto.randomUUID(),
        type: e.type,
        schemaVersion: 1,
        occurredAt: e.occurredAt,
        data: e.data as unknown as JsonObject,
        metadata: {
          actor: actor.sub,
          correlationId: 'c',
          causationId: null,
          commandId: `cmd-${this.accepted}-${i}`,
          ...(sessionId ? { sessionId } : {}),
        },
      })),
      ExpectedVersion.exact(version),
    );
    this.accepted++;
    this.lastPosition = result.events[result.events.length - 1].globalPosition;
  }

  /** What the domain says a problem's matrix status is, for a cross-check of the projection. */
  expectedRows(): Record<
    string,
    { status: string; revision: number | null; tasks: Record<string, string> }
  > {
    const out: Record<
      string,
      { status: string; revision: number | null; tasks: Record<string, string> }
    > = {};
    for (const [id, { state }] of this.problemState) {
      const status =
        state.status === 'accepted'
          ? state.escalationPending
            ? 'escalated'
            : 'open'
          : (state.status as string);
      out[id] = {
        status,
        revision: state.solutionRevision === 0 ? null : state.solutionRevision,
        tasks: Object.fromEntries(Object.entries(state.tasks).map(([t, task]) => [t, task.status])),
      };
    }
    return out;
  }

  expectedMesas(): Record<
    string,
    { status: string | null; convener: string | null; participants: string[]; sessions: number }
  > {
    return Object.fromEntries(
      [...this.mesaState].map(([id, { state, sessions }]) => [
        id,
        {
          status: state.status,
          convener: state.convener,
          participants: Object.keys(state.participants).sort(),
          sessions: sessions.length,
        },
      ]),
    );
  }

  get end(): number {
    return this.clock;
  }
}

/** The decider's events, or null when it refuses (a refused command never reaches the store). */
function tryDecide<E>(decide: () => E[]): E[] | null {
  try {
    return decide();
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/**
 * Real SQLite files, on tmpfs when the machine has one: this property is about the fold, not
 * about durability (the stores' own suites cover that), and an fsync per append would make
 * sixty histories take a minute.
 */
const SCRATCH = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
})();

// ─── the property ──────────────────────────────────────────────────────────

type Docs = { mesas: MesaDoc[]; rows: MatrixRowDoc[] };

async function liveDocs(documents: SqliteDocumentStore): Promise<Docs> {
  return {
    mesas: (await documents.list(MATRIX, MESAS)) as unknown as MesaDoc[],
    rows: (await documents.list(MATRIX, ROWS)) as unknown as MatrixRowDoc[],
  };
}

function foldedDocs(events: readonly StoredEvent[]): Docs {
  const view = foldInMemory(matrixProjection, events);
  return {
    mesas: view.all(MESAS) as unknown as MesaDoc[],
    rows: view.all(ROWS) as unknown as MatrixRowDoc[],
  };
}

async function runLive(
  store: SqliteEventStore,
  documents: SqliteDocumentStore,
  batchSize: number,
  until: bigint,
): Promise<void> {
  const runner = new ProjectionRunner(matrixProjection, store, documents, {
    batchSize,
    pollMs: 5,
    onError: (error) => {
      throw error;
    },
  });
  runner.start();
  try {
    if (until > 0n) expect(await runner.waitFor(until, 10_000)).toBe(true);
  } finally {
    await runner.stop();
  }
}

describe('matrix projection (property): live = rebuilt from the log = time travel', () => {
  it('holds for random valid command sequences', async () => {
    let accepted = 0;
    let runs = 0;
    let decidedInSession = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (steps, batchSize, rebuildBatchSize, travel) => {
          const dir = mkdtempSync(join(SCRATCH, 'mesas-matrix-property-'));
          const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
          const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
          try {
            const write = new WriteSide(store);
            // the runner folds while the commands are being appended
            const runner = new ProjectionRunner(matrixProjection, store, documents, {
              batchSize,
              pollMs: 5,
            });
            runner.start();
            try {
              for (const s of steps) await write.run(s);
              if (write.lastPosition > 0n)
                expect(await runner.waitFor(write.lastPosition, 10_000)).toBe(true);
            } finally {
              await runner.stop();
            }
            accepted += write.accepted;
            runs++;

            const events = (await store.readAll(null, 1_000_000)).events;
            expect(events).toHaveLength(Number(write.lastPosition));
            for (const e of events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
            decidedInSession += events.filter((e) => e.metadata.sessionId !== undefined).length;
            const live = await liveDocs(documents);
            const rebuilt = foldedDocs(events);
            expect(live).toEqual(rebuilt);

            // the projection agrees with the domain's own fold of the same events
            expect(
              Object.fromEntries(
                live.rows.map((r) => [
                  r.problemId,
                  {
                    status: r.status,
                    revision: r.solution?.revision ?? null,
                    tasks: Object.fromEntries(r.tasks.map((t) => [t.taskId, t.status])),
                  },
                ]),
              ),
            ).toEqual(write.expectedRows());
            expect(
              Object.fromEntries(
                live.mesas.map((m) => [
                  m.mesaId,
                  {
                    status: m.status,
                    convener: m.convener,
                    participants: m.participants
                      .filter((p) => p.active)
                      .map((p) => p.participantId)
                      .sort(),
                    sessions: m.sessions.length,
                  },
                ]),
              ),
            ).toEqual(write.expectedMesas());

            // reset, then rebuild from zero with another batch size: the same documents
            await documents.reset(MATRIX);
            expect(await documents.checkpoint(MATRIX)).toBeNull();
            await runLive(store, documents, rebuildBatchSize, write.lastPosition);
            expect(await liveDocs(documents)).toEqual(rebuilt);

            // time travel at a random instant, exactly at some event's occurredAt (inclusive), and
            // at the end of time
            const instants = [
              new Date(START + Math.floor(travel * (write.end - START + 1))).toISOString(),
              ...(events.length > 0
                ? [
                    events[Math.min(events.length - 1, Math.floor(travel * events.length))]
                      .occurredAt,
                  ]
                : []),
            ];
            for (const t of instants) {
              const upToT = foldedDocs(
                events.filter((e) => Date.parse(e.occurredAt) <= Date.parse(t)),
              );
              for (const mesaId of write.mesas) {
                const past = matrixAsOf(events, mesaId, t);
                expect(past.mesa).toEqual(upToT.mesas.find((m) => m.mesaId === mesaId) ?? null);
                expect(past.rows).toEqual(upToT.rows.filter((r) => r.mesaId === mesaId));
              }
            }
            for (const mesaId of write.mesas) {
              const now = matrixAsOf(events, mesaId, NOW);
              expect(now.mesa).toEqual(rebuilt.mesas.find((m) => m.mesaId === mesaId));
              expect(now.rows).toEqual(rebuilt.rows.filter((r) => r.mesaId === mesaId));
            }
          } finally {
            await documents.close();
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 100 },
    );
    // what this run exercised, for the log (the coverage promise is checked below, seeded)
    console.info(
      `matrix property: ${runs} histories, ${accepted} accepted commands, ` +
        `${seen.size}/${EVENT_TYPES.length} event types, ${decidedInSession} decided in sessions`,
    );
  }, 120_000);

  // The generator must produce real histories, not mostly refused commands: many accepted
  // commands per history, every event type of the catalogue, decisions taken in sessions. That
  // is a property of the generator, checked on a fixed sample so that it is deterministic: a
  // random sample missed a rare type once in a while, failing a run that had found no bug.
  it('has a generator that covers every event type (fixed seed)', async () => {
    const samples = fc.sample(history, { seed: COVERAGE_SEED, numRuns: 100 });
    const dir = mkdtempSync(join(SCRATCH, 'mesas-matrix-coverage-'));
    const seen = new Set<string>();
    let accepted = 0;
    let decidedInSession = 0;
    try {
      for (const [i, steps] of samples.entries()) {
        const store = new SqliteEventStore({ filename: join(dir, `events-${i}.sqlite`) });
        try {
          const write = new WriteSide(store);
          for (const s of steps) await write.run(s);
          accepted += write.accepted;
          const events = (await store.readAll(null, 1_000_000)).events;
          for (const e of events) seen.add(e.type);
          decidedInSession += events.filter((e) => e.metadata.sessionId !== undefined).length;
        } finally {
          await store.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(accepted / samples.length).toBeGreaterThan(8);
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort());
    expect(decidedInSession).toBeGreaterThan(0);
  }, 120_000);
});

/** Any seed whose sample covers the catalogue; change it only with the generator. */
const COVERAGE_SEED = 20_141_120;
