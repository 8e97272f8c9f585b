import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MesaEvent, ProblemEvent } from '@mesas/domain';
import { mesaStreamId, problemStreamId } from '@mesas/domain';
import { SqliteEventStore } from '@mesas/event-store';

/**
 * A large, realistic event log for the rebuild and memory benchmarks, written straight into a
 * SQLite event store's tables (one big transaction per 50k events: volume without an fsync per
 * append) and cached between runs under the OS temporary directory.
 *
 * Shape: mesas of 30 problems each, every mesa proposed, assessed, launched, joined by six
 * participants and meeting every two weeks (SessionHeld naming its attendees and the problems it
 * reviews); every problem raised, classified, filtered (one in five rejected), prioritised,
 * given a solution (revised for one in three), two or three tasks with progress reports, moved
 * deadlines, escalations and their decisions, completions, cancellations, resolutions, impacts
 * and reopenings. Decisions taken in a session carry its id in their metadata. Streams of 40
 * mesas at a time are interleaved round-robin, as concurrent commands would be. Every event
 * type of the domain occurs, so the matrix, analytics and history projections all do real work.
 * Deterministic: the same `events` always gives the same log (ids are derived from counters).
 */

/** bump when the generated log changes, so a cached file of the old shape is not reused */
const GENERATOR_VERSION = 1;
const PROBLEMS_PER_MESA = 30;
const MESAS_AT_ONCE = 40;

type KnownEvent = MesaEvent | ProblemEvent;
type Draft<E> = E extends unknown ? Omit<E, 'occurredAt'> : never;
interface Step {
  readonly streamId: string;
  readonly event: Draft<KnownEvent>;
  readonly sessionId?: string;
  readonly role: 'coordinator' | 'private_rep' | 'public_rep';
}

/** The cached log of `events` events (generated on first use); returns the file's path. */
export function realisticLog(events: number, dir = join(tmpdir(), 'mesas-bench-logs')): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `events-${events}-v${GENERATOR_VERSION}.sqlite`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial-${process.pid}`;
  writeLog(partial, events);
  renameSync(partial, file);
  return file;
}

function writeLog(file: string, total: number): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  // the store makes its own schema; then its tables are filled directly
  new SqliteEventStore({ filename: file }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO es_events (event_id, stream_id, stream_version, type, schema_version,
       occurred_at, recorded_at, command_id, data, metadata)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  );
  const stream = db.prepare(
    'INSERT INTO es_streams (stream_id, version) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version',
  );
  const versions = new Map<string, number>();
  let written = 0;
  let minute = 0;
  const id = (kind: string, n: number): string =>
    createHash('sha256').update(`${kind}:${n}`).digest('hex').slice(0, 32);
  const uuid = (kind: string, n: number): string => {
    const h = id(kind, n);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const flush = db.transaction((steps: readonly Step[]) => {
    for (const step of steps) {
      if (written >= total) return;
      const version = (versions.get(step.streamId) ?? 0) + 1;
      versions.set(step.streamId, version);
      const at = new Date(Date.UTC(2015, 0, 1) + minute++ * 60_000).toISOString();
      const commandId = uuid('command', written);
      const metadata = {
        actor: `user-${step.role}-${written % 17}`,
        actorRole: step.role,
        ...(step.role === 'coordinator'
          ? {}
          : { actorEntity: step.role === 'private_rep' ? 'ADEX' : 'PRODUCE' }),
        correlationId: uuid('correlation', written),
        causationId: null,
        commandId,
        requestHash: id('request', written) + id('request2', written),
        ...(step.sessionId ? { sessionId: step.sessionId } : {}),
      };
      insert.run(
        uuid('event', written),
        step.streamId,
        version,
        step.event.type,
        at,
        at,
        commandId,
        JSON.stringify(step.event.data),
        JSON.stringify(metadata),
      );
      written++;
    }
  });
  for (let cohort = 0; written < total; cohort++) {
    const queues: Step[][] = [];
    for (let i = 0; i < MESAS_AT_ONCE; i++) queues.push(...mesaQueues(cohort * MESAS_AT_ONCE + i));
    let pending: Step[] = [];
    for (let round = 0; written < total && queues.some((q) => round < q.length); round++) {
      for (const queue of queues) if (queue[round]) pending.push(queue[round]);
      if (pending.length >= 50_000) {
        flush(pending);
        pending = [];
      }
    }
    flush(pending);
  }
  db.transaction(() => {
    for (const [streamId, version] of versions) stream.run(streamId, version);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The mesa's own stream and its problems' streams, each a queue of steps in stream order. */
function mesaQueues(m: number): Step[][] {
  const mesaId = `mesa-${m}`;
  const problemIds = Array.from({ length: PROBLEMS_PER_MESA }, (_, p) => `${mesaId}-p${p}`);
  const sessions = 24;
  const sessionId = (s: number): string => `${mesaId}-s${s}`;
  const mesa: Step[] = [];
  const ev = (event: Draft<MesaEvent>): Step => ({
    streamId: mesaStreamId(mesaId),
    event,
    role: 'coordinator',
  });
  mesa.push(
    ev({
      type: 'MesaProposed',
      data: {
        mesaId,
        name: `Mesa Ejecutiva ${m}`,
        kind: m % 2 ? 'factor' : 'sector',
        scope: m % 2 ? 'Logística y transporte de carga' : 'Forestal y maderable, cadena completa',
        level: m % 3 ? 'national' : 'regional',
        region: m % 3 ? null : 'Ucayali',
        convener: 'PRODUCE',
        cadenceDays: 14,
      },
    }),
    ev({
      type: 'MesaViabilityAssessed',
      data: { mesaId, viable: true, notes: 'Hay demanda privada y el sector público participa.' },
    }),
    ev({ type: 'MesaLaunched', data: { mesaId } }),
  );
  const participants = ['equipo', 'gremio', 'sunat', 'produce', 'serfor', 'empresa'];
  participants.forEach((who, i) =>
    mesa.push(
      ev({
        type: 'ParticipantJoined',
        data: {
          mesaId,
          participantId: `${mesaId}-${who}`,
          name: `Representante ${who} ${m}`,
          organisation: `Organización ${who.toUpperCase()}`,
          role: i === 0 ? 'dedicated_team' : i % 2 ? 'private' : 'public',
        },
      }),
    ),
  );
  for (let s = 0; s < sessions; s++) {
    mesa.push(
      ev({
        type: 'SessionHeld',
        data: {
          mesaId,
          sessionId: sessionId(s),
          type: s % 5 === 4 ? 'inter_session' : 'regular',
          heldOn: new Date(Date.UTC(2015, 0, 5 + 14 * s)).toISOString().slice(0, 10),
          attendees: participants.slice(0, 4 + (s % 3)).map((who) => `${mesaId}-${who}`),
          problemIds: problemIds.slice((s * 3) % 20, ((s * 3) % 20) + 10),
          summary: s % 2 ? null : `Sesión ${s}: revisión de avances y acuerdos.`,
        },
      }),
    );
    if (s === 12 && m % 4 === 1) {
      mesa.push(
        ev({
          type: 'MesaTransferred',
          data: {
            mesaId,
            fromConvener: 'PRODUCE',
            toConvener: 'MINAGRI',
            reason: 'reorganización',
          },
        }),
        ev({
          type: 'ParticipantLeft',
          data: { mesaId, participantId: `${mesaId}-serfor`, reason: null },
        }),
      );
    }
  }
  if (m % 10 === 9)
    mesa.push(ev({ type: 'MesaClosed', data: { mesaId, reason: 'objetivos cumplidos' } }));
  return [mesa, ...problemIds.map((problemId, p) => problemQueue(mesaId, problemId, p, sessionId))];
}

function problemQueue(
  mesaId: string,
  problemId: string,
  p: number,
  sessionId: (s: number) => string,
): Step[] {
  const streamId = problemStreamId(problemId);
  const ids = { mesaId, problemId };
  const steps: Step[] = [];
  let session = p % 7;
  const ev = (event: Draft<ProblemEvent>, inSession = false): void => {
    steps.push({
      streamId,
      event,
      role: inSession ? 'coordinator' : p % 2 ? 'private_rep' : 'public_rep',
      ...(inSession ? { sessionId: sessionId(session++ % 24) } : {}),
    });
  };
  const barriers = [
    'regulation',
    'red_tape',
    'funding',
    'infrastructure',
    'market_access',
  ] as const;
  ev({
    type: 'ProblemRaised',
    data: {
      ...ids,
      title: `Trámite ${p} demora la exportación`,
      description: p % 2 ? null : 'El permiso tarda meses y bloquea los embarques del sector.',
      barrier: barriers[p % barriers.length],
      raisedBy: `${mesaId}-gremio`,
    },
  });
  ev({
    type: 'ProblemClassified',
    data: {
      ...ids,
      ownership: p % 2 ? 'YP' : 'MP',
      rootCause: p % 3 ? 'regulation' : 'implementation',
    },
  });
  if (p % 5 === 4) {
    ev(
      { type: 'ProblemFiltered', data: { ...ids, decision: 'rejected', reason: 'es un subsidio' } },
      true,
    );
    return steps;
  }
  ev({ type: 'ProblemFiltered', data: { ...ids, decision: 'accepted', reason: null } }, true);
  ev({ type: 'ProblemPrioritized', data: { ...ids, rank: (p % 10) + 1 } }, true);
  ev({
    type: 'SolutionProposed',
    data: {
      ...ids,
      revision: 1,
      text: 'Simplificar el trámite con una ventanilla única',
      rationale: null,
    },
  });
  const tasks = 2 + (p % 2);
  for (let t = 1; t <= tasks; t++) {
    ev({
      type: 'TaskAssigned',
      data: {
        ...ids,
        taskId: `t${t}`,
        title: `Tarea ${t}: norma y guía`,
        responsibleEntity: t % 2 ? 'SERFOR' : 'OSINFOR',
        dueOn: `2016-0${t + 2}-01`,
      },
    });
  }
  const reports = 6 + (p % 8);
  for (let r = 0; r < reports; r++) {
    ev({
      type: 'TaskProgressReported',
      data: {
        ...ids,
        taskId: `t${1 + (r % tasks)}`,
        note: `Avance ${r}: borrador revisado con el sector`,
      },
    });
    if (r === 3 && p % 3 === 0) {
      ev(
        {
          type: 'SolutionRevised',
          data: {
            ...ids,
            revision: 2,
            text: 'Ventanilla única digital',
            rationale: 'lo aprendido',
          },
        },
        true,
      );
      ev({
        type: 'TaskDeadlineMoved',
        data: {
          ...ids,
          taskId: 't1',
          previousDueOn: '2016-03-01',
          dueOn: '2016-06-01',
          reason: 'consulta pública',
        },
      });
    }
  }
  if (p % 4 === 1) {
    ev({ type: 'Escalated', data: { ...ids, reason: 'budget', note: null } }, true);
    if (p % 8 !== 1)
      ev({
        type: 'EscalationResolved',
        data: { ...ids, decision: 'financiar', decidedBy: 'ministro' },
      });
  }
  ev(
    { type: 'TaskCompleted', data: { ...ids, taskId: 't1', outcome: p % 2 ? null : 'publicada' } },
    true,
  );
  if (p % 3 === 2)
    ev({ type: 'TaskCancelled', data: { ...ids, taskId: 't2', reason: 'innecesaria' } });
  if (p % 3 === 0) {
    ev({ type: 'ProblemResolved', data: { ...ids, outcome: 'de 6 meses a 3 días' } }, true);
    ev({
      type: 'ImpactRecorded',
      data: { ...ids, indicator: 'días de registro', unit: 'días', before: 180, after: 3 },
    });
    if (p % 6 === 0) ev({ type: 'ProblemReopened', data: { ...ids, reason: 'volvió a fallar' } });
  }
  return steps;
}
