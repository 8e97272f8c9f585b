import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mesas/event-store';
import { EventLogWriter } from '../../../messaging/src/testing/event-log-writer';
import { CheckpointCachedReader } from '../checkpoint-cache';
import type { DocumentStore } from '../document-store.port';
import { MATRIX, MESAS, ROWS, matrixProjection } from '../matrix/matrix.projection';
import type { MatrixRowDoc, MesaDoc } from '../matrix/matrix.documents';
import { countByStatus, mesaSummaries } from '../matrix/matrix.queries';
import { ProjectionRunner } from '../projection';
import { rebuildProjections } from '../projection-rebuild';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store';
import type {
  AnalyticsParticipantDoc,
  AnalyticsProblemDoc,
  AnalyticsSessionDoc,
  AnalyticsTaskDoc,
} from './analytics.documents';
import {
  ANALYTICS,
  ANALYTICS_PARTICIPANTS,
  ANALYTICS_PROBLEMS,
  ANALYTICS_SESSIONS,
  ANALYTICS_TASKS,
  analyticsProjection,
} from './analytics.projection';
import {
  AnalyticsDocuments,
  cadenceFromDocs,
  escalationsFromDocs,
  readAnalyticsOverview,
  readCadence,
  readCadenceTotals,
  readEscalations,
  readScreening,
  readTaskDelivery,
  readTimeToResolution,
  readWhoseMove,
  screeningFromDocs,
  taskDeliveryFromDocs,
  timeToResolutionFromDocs,
  whoseMoveFromDocs,
} from './analytics.queries';

/**
 * The analytics readers fold each collection as a scan hands it over, one document at a time.
 * Over a realistic history in SQLite they must answer exactly what the pure functions give over
 * the whole lists (how the answers were computed before), whichever store or cache serves them,
 * and a rebuilt projection must answer the same as the one built live.
 */
describe('analytics readers over scanned documents', () => {
  let dir: string;
  let store: SqliteEventStore;
  let live: SqliteDocumentStore;
  let rebuilt: SqliteDocumentStore;
  let mesaIds: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-analytics-scan-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const writer = new EventLogWriter(store);
    await writer.matrixHistory(4, 7);
    await writer.matrixHistory(3, 5);
    live = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
    for (const projection of [analyticsProjection, matrixProjection]) {
      const runner = new ProjectionRunner(projection, store, live, { batchSize: 7, pollMs: 5 });
      runner.start();
      try {
        expect(await runner.waitFor(writer.head, 30_000)).toBe(true);
      } finally {
        await runner.stop();
      }
    }
    rebuilt = new SqliteDocumentStore(join(dir, 'rebuilt.sqlite'));
    const outcomes = await rebuildProjections(
      [analyticsProjection, matrixProjection],
      store,
      rebuilt,
      {
        batchSize: 13,
        limits: { maxDirty: 20, maxCached: 30 },
      },
    );
    expect(outcomes.map((o) => o.error)).toEqual([null, null]);
    mesaIds = ((await live.list(MATRIX, MESAS)) as MesaDoc[]).map((m) => m.mesaId);
    expect(mesaIds).toHaveLength(7);
  }, 60_000);

  afterAll(async () => {
    await rebuilt.close();
    await live.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const list = async <D>(documents: DocumentStore, collection: string, mesaId?: string) =>
    (await documents.list(ANALYTICS, collection, mesaId)) as D[];

  /** Every answer, computed the way it was before scans: the pure functions over whole lists. */
  async function fromLists(documents: DocumentStore, asOf: string, mesaId?: string) {
    const problems = await list<AnalyticsProblemDoc>(documents, ANALYTICS_PROBLEMS, mesaId);
    const tasks = await list<AnalyticsTaskDoc>(documents, ANALYTICS_TASKS, mesaId);
    const participants = await list<AnalyticsParticipantDoc>(
      documents,
      ANALYTICS_PARTICIPANTS,
      mesaId,
    );
    return {
      ttr: timeToResolutionFromDocs(problems, { asOf, groupBy: 'barrier' }),
      escalations: escalationsFromDocs(problems, { asOf }),
      tasks: taskDeliveryFromDocs(tasks, { asOf, groupBy: 'mesa' }),
      whoseMove: whoseMoveFromDocs(problems, tasks, { asOf }),
      screening: screeningFromDocs(problems, participants, { asOf, groupBy: 'organisation' }),
    };
  }

  async function fromScans(documents: AnalyticsDocuments, asOf: string, mesaId?: string) {
    return {
      ttr: await readTimeToResolution(documents, { asOf, mesaId, groupBy: 'barrier' }),
      escalations: await readEscalations(documents, { asOf, mesaId }),
      tasks: await readTaskDelivery(documents, { asOf, mesaId, groupBy: 'mesa' }),
      whoseMove: await readWhoseMove(documents, { asOf, mesaId }),
      screening: await readScreening(documents, { asOf, mesaId, groupBy: 'organisation' }),
    };
  }

  // the history's business time runs from 2024-01-01, a minute per event
  const instants = [
    '2024-01-01T03:00:00.000Z',
    '2024-01-01T09:00:00.000Z',
    '2030-01-01T00:00:00.000Z',
  ];

  it('answers as the pure functions do over the whole lists, for every mesa and all of them', async () => {
    for (const asOf of instants) {
      for (const mesaId of [undefined, ...mesaIds.slice(0, 2)]) {
        const expected = await fromLists(live, asOf, mesaId);
        expect(await fromScans(live, asOf, mesaId)).toEqual(expected);
        // a cache too small to keep the whole collection still hands over every document
        expect(await fromScans(new CheckpointCachedReader(live, 8, 5), asOf, mesaId)).toEqual(
          expected,
        );
      }
    }
    const whole = await fromLists(live, instants[2]);
    expect(whole.whoseMove.problems.length).toBeGreaterThan(40);
    expect(whole.tasks.groups.length).toBe(7);
  });

  it('gives the same answers from the rebuilt projection as from the one built live', async () => {
    for (const asOf of instants) {
      expect(await fromScans(rebuilt, asOf)).toEqual(await fromScans(live, asOf));
    }
  });

  it('gives the portal overview equal to each reader on its own', async () => {
    for (const mesaId of [undefined, mesaIds[3]]) {
      const asOf = instants[1];
      const overview = await readAnalyticsOverview(live, {
        asOf,
        mesaId,
        groupBy: 'escalated',
        tasksGroupBy: 'responsibleEntity',
        screeningGroupBy: 'barrier',
      });
      expect(overview).toEqual({
        timeToResolution: await readTimeToResolution(live, { asOf, mesaId, groupBy: 'escalated' }),
        tasks: await readTaskDelivery(live, { asOf, mesaId, groupBy: 'responsibleEntity' }),
        whoseMove: await readWhoseMove(live, { asOf, mesaId }),
        screening: await readScreening(live, { asOf, mesaId, groupBy: 'barrier' }),
      });
    }
  });

  it('gives each mesa its cadence, and the totals without the month series', async () => {
    const window = { from: '2023-12-01', to: '2024-03-31' };
    for (const mesaId of mesaIds) {
      const sessions = await list<AnalyticsSessionDoc>(live, ANALYTICS_SESSIONS, mesaId);
      const expected = cadenceFromDocs(sessions, window);
      expect(await readCadence(live, { mesaId, ...window })).toEqual(expected);
      const { months, ...totals } = expected;
      expect(months.length).toBe(4);
      expect(await readCadenceTotals(live, { mesaId, ...window })).toEqual(totals);
    }
  });

  it('lists every mesa with its problems counted by status, from scans', async () => {
    const mesas = (await live.list(MATRIX, MESAS)) as MesaDoc[];
    const expected = [];
    for (const m of mesas) {
      const rows = (await live.list(MATRIX, ROWS, m.mesaId)) as MatrixRowDoc[];
      expected.push({
        mesaId: m.mesaId,
        name: m.name,
        kind: m.kind,
        scope: m.scope,
        level: m.level,
        region: m.region,
        convener: m.convener,
        status: m.status,
        launchedAt: m.launchedAt,
        problems: countByStatus(rows),
      });
    }
    const summaries = await mesaSummaries(live);
    // same fields in the same order: the JSON answer is byte for byte the same
    expect(JSON.stringify(summaries)).toBe(JSON.stringify(expected));
    expect(
      summaries.reduce((n, m) => n + m.problems.raised + m.problems.resolved, 0),
    ).toBeGreaterThan(0);
    expect(await mesaSummaries(rebuilt)).toEqual(summaries);
  });
});
