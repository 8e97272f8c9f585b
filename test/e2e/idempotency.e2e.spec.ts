import type { EventStore } from '@mesas/event-store';
import { EVENT_STORE } from '@mesas/runtime';
import {
  SeededMesa,
  logLength,
  ok,
  seedAcceptedProblem,
  seedLaunchedMesa,
  send,
} from './support/http-fixtures';
import { API, TestApp, freshId, startTestApp } from './support/test-app';

/**
 * `Idempotency-Key` (docs/API.md): the same key and body → the first response again and no new
 * events; the same key with another request → 422; keys belong to the actor that sent them.
 */
describe('Idempotency-Key over HTTP', () => {
  let t: TestApp;
  let coordinator: string;
  let mesa: SeededMesa;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token({ role: 'coordinator', sub: 'coordinadora-1' });
    mesa = await seedLaunchedMesa(t, coordinator, 'idem');
  });
  afterAll(() => t.close());

  const key = () => `key-${crypto.randomUUID()}`;
  type Envelope = {
    type: string;
    streamId: string;
    eventId: string;
    metadata: Record<string, unknown>;
  };
  const eventsOf = async (streamId: string): Promise<Envelope[]> => {
    const res = await t.http
      .get(`${API}/audit/events`)
      .set('authorization', `Bearer ${t.token({ role: 'auditor' })}`)
      .query({ limit: 1000 });
    return (res.body.events as Envelope[]).filter((e) => e.streamId === streamId);
  };

  it('same key and body → the first response again (id, version, position), no new events', async () => {
    const p = await seedAcceptedProblem(t, coordinator, mesa);
    const k = key();
    const body = {
      taskId: 'tarea',
      title: 'Aprobar norma',
      responsibleEntity: 'SERFOR',
      dueOn: '2030-06-30',
    };
    const first = await ok(t, `/problems/${p}/tasks`, body, coordinator, { 'idempotency-key': k });
    const length = await logLength(t);
    const again = await send(t, `/problems/${p}/tasks`, body, coordinator, {
      'idempotency-key': k,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first);
    // the body's keys in another order are the same body
    const reordered = await send(
      t,
      `/problems/${p}/tasks`,
      { dueOn: '2030-06-30', responsibleEntity: 'SERFOR', title: 'Aprobar norma', taskId: 'tarea' },
      coordinator,
      { 'idempotency-key': k },
    );
    expect(reordered.body).toEqual(first);
    expect(await logLength(t)).toBe(length);
    expect((await eventsOf(`problem-${p}`)).filter((e) => e.type === 'TaskAssigned')).toHaveLength(
      1,
    );
  });

  it('a retry after later commands on the stream still answers the first response, not a new decision', async () => {
    const p = await seedAcceptedProblem(t, coordinator, mesa);
    const k = key();
    const resolved = await ok(t, `/problems/${p}/resolve`, { outcome: 'listo' }, coordinator, {
      'idempotency-key': k,
    });
    await ok(t, `/problems/${p}/reopen`, { reason: 'volvió' }, coordinator);
    const length = await logLength(t);
    const retry = await send(t, `/problems/${p}/resolve`, { outcome: 'listo' }, coordinator, {
      'idempotency-key': k,
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(resolved);
    expect(await logLength(t)).toBe(length);
  });

  it('when the server made the id, a retry returns the same id (one problem, not two)', async () => {
    const k = key();
    const body = { title: 'Sin id', barrier: 'funding', raisedBy: mesa.gremio };
    const first = await ok(t, `/mesas/${mesa.mesaId}/problems`, body, coordinator, {
      'idempotency-key': k,
    });
    expect(first.id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    const length = await logLength(t);
    const again = await ok(t, `/mesas/${mesa.mesaId}/problems`, body, coordinator, {
      'idempotency-key': k,
    });
    expect(again).toEqual(first);
    expect(await logLength(t)).toBe(length);

    const task = await ok(t, `/problems/${first.id}/filter`, { decision: 'accepted' }, coordinator);
    expect(task.version).toBe(2);
    const k2 = key();
    const taskBody = { title: 'Tarea sin id', responsibleEntity: 'MEF', dueOn: '2030-01-01' };
    const t1 = await ok(t, `/problems/${first.id}/tasks`, taskBody, coordinator, {
      'idempotency-key': k2,
    });
    const t2 = await ok(t, `/problems/${first.id}/tasks`, taskBody, coordinator, {
      'idempotency-key': k2,
    });
    expect(t2).toEqual(t1);
    expect(t1.id).not.toBe(first.id);
  });

  it('same key, other body → 422 with a message, nothing appended', async () => {
    const p = await seedAcceptedProblem(t, coordinator, mesa);
    const k = key();
    await ok(t, `/problems/${p}/prioritize`, { rank: 1 }, coordinator, { 'idempotency-key': k });
    const length = await logLength(t);
    const other = await send(t, `/problems/${p}/prioritize`, { rank: 2 }, coordinator, {
      'idempotency-key': k,
    });
    expect(other.status).toBe(422);
    expect(other.body.message).toMatch(/Idempotency-Key/);
    // the same body on another route is another request too
    const otherRoute = await send(t, `/problems/${p}/solutions`, { text: 'x' }, coordinator, {
      'idempotency-key': k,
    });
    expect(otherRoute.status).toBe(422);
    expect(await logLength(t)).toBe(length);
  });

  it('the same key sent by two actors is two commands', async () => {
    const p = await seedAcceptedProblem(t, coordinator, mesa);
    await ok(
      t,
      `/problems/${p}/tasks`,
      { taskId: 'tarea', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-06-30' },
      coordinator,
    );
    const k = key();
    const one = t.token({ role: 'public_rep', entity: 'SERFOR', sub: 'serfor-ana' });
    const two = t.token({ role: 'public_rep', entity: 'SERFOR', sub: 'serfor-luis' });
    const a = await ok(t, `/problems/${p}/tasks/tarea/progress`, { note: 'avance' }, one, {
      'idempotency-key': k,
    });
    const b = await ok(t, `/problems/${p}/tasks/tarea/progress`, { note: 'avance' }, two, {
      'idempotency-key': k,
    });
    expect(b.version).toBe(a.version + 1);
    expect(BigInt(b.position)).toBeGreaterThan(BigInt(a.position));
    // and each one's retry still finds its own first response
    expect(
      await ok(t, `/problems/${p}/tasks/tarea/progress`, { note: 'avance' }, one, {
        'idempotency-key': k,
      }),
    ).toEqual(a);
    expect(
      await ok(t, `/problems/${p}/tasks/tarea/progress`, { note: 'avance' }, two, {
        'idempotency-key': k,
      }),
    ).toEqual(b);
    expect(
      (await eventsOf(`problem-${p}`)).filter((e) => e.type === 'TaskProgressReported'),
    ).toHaveLength(2);
  });

  /**
   * The embedded store answers synchronously, so requests hardly interleave; a networked store
   * (PostgreSQL) yields on every call. `latency` makes the store yield before and after each
   * call, so that concurrent requests interleave between look-up, read and append.
   */
  describe.each([
    ['the embedded store as is', false],
    ['a store that yields on every call, as a networked one does', true],
  ])(
    'concurrent requests with the same key → one set of events, identical 201s (%s)',
    (_name, latency) => {
      const N = 8;
      beforeAll(() => {
        if (!latency) return;
        const store = t.app.get<EventStore>(EVENT_STORE);
        for (const method of ['readStream', 'findByCommandId', 'append'] as const) {
          const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
          jest.spyOn(store, method).mockImplementation((async (...args: unknown[]) => {
            await new Promise((r) => setImmediate(r));
            const result = await original(...args);
            await new Promise((r) => setImmediate(r));
            return result;
          }) as never);
        }
      });
      afterAll(() => jest.restoreAllMocks());
      const race = async (path: string, body: object) => {
        const k = key();
        const before = await logLength(t);
        const responses = await Promise.all(
          Array.from({ length: N }, () =>
            send(t, path, body, coordinator, { 'idempotency-key': k }),
          ),
        );
        expect(responses.map((r) => r.status)).toEqual(Array(N).fill(201));
        for (const r of responses) expect(r.body).toEqual(responses[0].body);
        return {
          result: responses[0].body as { id: string; streamId: string },
          appended: (await logLength(t)) - before,
        };
      };

      it('a repeatable command (progress on a task)', async () => {
        const p = await seedAcceptedProblem(t, coordinator, mesa);
        await ok(
          t,
          `/problems/${p}/tasks`,
          { taskId: 'tarea', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-06-30' },
          coordinator,
        );
        const { appended } = await race(`/problems/${p}/tasks/tarea/progress`, { note: 'avance' });
        expect(appended).toBe(1);
      });

      it('a command that may happen once (resolve)', async () => {
        const p = await seedAcceptedProblem(t, coordinator, mesa);
        const { appended, result } = await race(`/problems/${p}/resolve`, { outcome: 'resuelto' });
        expect(appended).toBe(1);
        expect(result.id).toBe(p);
      });

      it('a new stream with a client id (propose mesa)', async () => {
        const mesaId = freshId('carrera');
        const { appended, result } = await race('/mesas', {
          mesaId,
          name: 'Carrera',
          kind: 'factor',
          scope: 'x',
          convener: 'MEF',
        });
        expect(appended).toBe(1);
        expect(result.id).toBe(mesaId);
      });

      it('a new stream with a server-made id (raise a problem without problemId)', async () => {
        const { appended, result } = await race(`/mesas/${mesa.mesaId}/problems`, {
          title: 'Carrera',
          barrier: 'other',
          raisedBy: mesa.gremio,
        });
        expect(appended).toBe(1);
        expect(result.streamId).toBe(`problem-${result.id}`);
        expect(await eventsOf(result.streamId)).toHaveLength(1);
      });
    },
  );

  describe('without a key', () => {
    it('two identical requests are two commands: two events', async () => {
      const p = await seedAcceptedProblem(t, coordinator, mesa);
      await ok(
        t,
        `/problems/${p}/tasks`,
        { taskId: 'tarea', title: 'Norma', responsibleEntity: 'SERFOR', dueOn: '2030-06-30' },
        coordinator,
      );
      const a = await ok(t, `/problems/${p}/tasks/tarea/progress`, { note: 'avance' }, coordinator);
      const b = await ok(t, `/problems/${p}/tasks/tarea/progress`, { note: 'avance' }, coordinator);
      expect(b.version).toBe(a.version + 1);
      const progress = (await eventsOf(`problem-${p}`)).filter(
        (e) => e.type === 'TaskProgressReported',
      );
      expect(progress).toHaveLength(2);
      expect(progress[0].eventId).not.toBe(progress[1].eventId);
      expect((progress[0] as unknown as { commandId: string }).commandId).not.toBe(
        (progress[1] as unknown as { commandId: string }).commandId,
      );
    });

    it('or a 409 where a rule forbids the repetition (the same problem id raised twice)', async () => {
      const problemId = freshId('doble');
      const body = { problemId, title: 'Doble', barrier: 'other', raisedBy: mesa.gremio };
      await ok(t, `/mesas/${mesa.mesaId}/problems`, body, coordinator);
      const length = await logLength(t);
      const again = await send(t, `/mesas/${mesa.mesaId}/problems`, body, coordinator);
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/already exists/);
      expect(await logLength(t)).toBe(length);
    });
  });

  it('a malformed key → 400, nothing appended', async () => {
    const p = await seedAcceptedProblem(t, coordinator, mesa);
    const length = await logLength(t);
    for (const bad of ['x'.repeat(201), 'con espacio']) {
      const res = await send(t, `/problems/${p}/prioritize`, { rank: 1 }, coordinator, {
        'idempotency-key': bad,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Idempotency-Key/);
    }
    expect(await logLength(t)).toBe(length);
  });

  it('a replay is answered only where the token may act now (scope is checked again)', async () => {
    const p = await seedAcceptedProblem(t, coordinator, mesa);
    const k = key();
    const body = { rank: 2 };
    const everywhere = t.token({ role: 'coordinator', sub: 'coordinadora-2' });
    await ok(t, `/problems/${p}/prioritize`, body, everywhere, { 'idempotency-key': k });
    const elsewhere = t.token({ role: 'coordinator', sub: 'coordinadora-2', mesaId: 'otra-mesa' });
    const replay = await send(t, `/problems/${p}/prioritize`, body, elsewhere, {
      'idempotency-key': k,
    });
    expect(replay.status).toBe(403);
    expect(replay.body.message).toMatch(/otra-mesa/);
  });
});
