import { randomBytes } from 'node:crypto';
import type { EventStore, StoredEvent } from '@mesas/event-store';
import { EVENT_STORE } from '@mesas/runtime';
import { TestSchema, createTestSchema, describeWithPostgres } from '../support/postgres';
import {
  SeededMesa,
  ok,
  seedAcceptedProblem,
  seedLaunchedMesa,
  send,
} from './support/http-fixtures';
import { TestApp, freshId, startTestApp } from './support/test-app';

/**
 * Each API keeps the states it decided commands on (decision 0025). With two APIs on one
 * PostgreSQL database, one API's cache is behind every stream the other writes: every answer
 * must still be the one a fresh read would give — a stale cache may cost a retry, never an
 * outcome.
 */
describeWithPostgres('commands on cached states: two APIs on one PostgreSQL', () => {
  let schema: TestSchema;
  let a: TestApp;
  let b: TestApp;
  let coordinator: string;
  let mesa: SeededMesa;

  beforeAll(async () => {
    schema = await createTestSchema('mesas_cmdcache');
    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      AUTH_SECRET: randomBytes(32).toString('hex'),
      PROJECTIONS: 'worker',
    };
    a = await startTestApp(env);
    b = await startTestApp(env);
    coordinator = a.token({ role: 'coordinator', sub: 'coordinadora' });
    mesa = await seedLaunchedMesa(a, coordinator, 'cache');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await schema?.drop();
  });

  const streamOf = async (problemId: string): Promise<StoredEvent[]> =>
    (a.app.get(EVENT_STORE) as EventStore).readStream(`problem-${problemId}`);
  const solution = (text: string) => ({ text, rationale: 'lo aprendido' });

  it('a revision on a state the other API moved on is decided on the new state', async () => {
    const p = await seedAcceptedProblem(a, coordinator, mesa);
    await ok(a, `/problems/${p}/solutions`, solution('uno'), coordinator); // a caches revision 1
    await ok(b, `/problems/${p}/solutions`, solution('dos'), coordinator); // revision 2, elsewhere
    const third = await ok(a, `/problems/${p}/solutions`, solution('tres'), coordinator);
    const events = await streamOf(p);
    expect(third.version).toBe(events.length);
    expect(events.filter((e) => e.type.startsWith('Solution')).map((e) => e.data.revision)).toEqual(
      [1, 2, 3],
    );
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
  });

  it('a command a stale state would refuse is accepted when the store allows it', async () => {
    const problemId = freshId('cache-raised');
    await ok(
      a,
      `/mesas/${mesa.mesaId}/problems`,
      { problemId, title: 'Trámite lento', barrier: 'red_tape', raisedBy: mesa.gremio },
      coordinator,
    ); // a caches it as raised: tasks are refused there
    await ok(b, `/problems/${problemId}/filter`, { decision: 'accepted' }, coordinator);
    const task = {
      taskId: 'tarea',
      title: 'Aprobar norma',
      responsibleEntity: 'SERFOR',
      dueOn: '2030-06-30',
    };
    expect((await send(a, `/problems/${problemId}/tasks`, task, coordinator)).status).toBe(201);
  });

  it('a command a stale state would accept is refused as the store’s state says', async () => {
    const p = await seedAcceptedProblem(a, coordinator, mesa);
    await ok(a, `/problems/${p}/solutions`, solution('uno'), coordinator); // a: accepted
    await ok(b, `/problems/${p}/resolve`, { outcome: 'resuelto' }, coordinator);
    const before = await streamOf(p);
    const refused = await send(a, `/problems/${p}/solutions`, solution('dos'), coordinator);
    const same = await send(b, `/problems/${p}/solutions`, solution('dos'), coordinator);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect([refused.status, refused.body.message]).toEqual([same.status, same.body.message]);
    expect(await streamOf(p)).toEqual(before);
  });

  it('the mesa, context of a problem command, is read as the store has it', async () => {
    const seeded = await seedLaunchedMesa(a, coordinator, 'cache-leave');
    await seedAcceptedProblem(a, coordinator, seeded); // a has the mesa with gremio in it
    await ok(b, `/mesas/${seeded.mesaId}/participants/${seeded.gremio}/leave`, {}, coordinator);
    const raise = {
      problemId: freshId('cache-left'),
      title: 'Sin gremio',
      barrier: 'red_tape',
      raisedBy: seeded.gremio,
    };
    const res = await send(a, `/mesas/${seeded.mesaId}/problems`, raise, coordinator);
    expect([res.status, res.body.message]).toEqual([409, expect.stringMatching(/gremio/)]);
  });

  it('an Idempotency-Key answers the first result on either API, one set of events', async () => {
    const p = await seedAcceptedProblem(a, coordinator, mesa);
    const key = { 'idempotency-key': `key-${randomBytes(8).toString('hex')}` };
    const first = await ok(a, `/problems/${p}/solutions`, solution('uno'), coordinator, key);
    await ok(b, `/problems/${p}/solutions`, solution('dos'), coordinator); // a is behind now
    expect(await ok(b, `/problems/${p}/solutions`, solution('uno'), coordinator, key)).toEqual(
      first,
    );
    expect(await ok(a, `/problems/${p}/solutions`, solution('uno'), coordinator, key)).toEqual(
      first,
    );
    const revisions = (await streamOf(p)).filter((e) => e.type.startsWith('Solution'));
    expect(revisions.map((e) => e.data.text)).toEqual(['uno', 'dos']);
  });
});
