import type { Response } from 'supertest';
import { API, TestApp, freshId } from './test-app';

export interface CommandResultBody {
  id: string;
  streamId: string;
  version: number;
  position: string;
}

/** POSTs a command as the holder of `token`; the raw response, whatever its status. */
export function send(
  t: TestApp,
  path: string,
  body: object | undefined,
  token: string | null,
  headers: Record<string, string> = {},
): Promise<Response> {
  let req = t.http.post(`${API}${path}`);
  if (token !== null) req = req.set('authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return body === undefined ? req : req.send(body);
}

/** POSTs a command that must succeed (201), and returns its result. */
export async function ok(
  t: TestApp,
  path: string,
  body: object,
  token: string,
  headers: Record<string, string> = {},
): Promise<CommandResultBody> {
  const res = await send(t, path, body, token, headers);
  if (res.status !== 201) {
    throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as CommandResultBody;
}

/**
 * How many events the whole log holds, read as an auditor would (paged through `nextAfter`):
 * compared before and after a refused command to show that nothing was appended.
 */
export async function logLength(t: TestApp): Promise<number> {
  const auditor = t.token({ role: 'auditor' });
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const res = await t.http
      .get(`${API}/audit/events`)
      .set('authorization', `Bearer ${auditor}`)
      .query({ limit: 1000, ...(after !== null ? { after } : {}) });
    if (res.status !== 200)
      throw new Error(`GET /audit/events -> ${res.status} ${JSON.stringify(res.body)}`);
    total += (res.body.events as unknown[]).length;
    after = res.body.nextAfter as string | null;
    if (after === null) return total;
  }
}

/** The ids of a launched mesa with its team, one private and one public participant. */
export interface SeededMesa {
  mesaId: string;
  /** participants: the dedicated team, a business association, SERFOR */
  team: string;
  gremio: string;
  serfor: string;
  /** the last command's result (for minPosition) */
  last: CommandResultBody;
}

/** A mesa proposed, assessed viable, launched, with three participants; business time now. */
export async function seedLaunchedMesa(
  t: TestApp,
  coordinator: string,
  prefix = 'mesa',
): Promise<SeededMesa> {
  const mesaId = freshId(prefix);
  const m = `/mesas/${mesaId}`;
  await ok(
    t,
    '/mesas',
    { mesaId, name: `Mesa ${mesaId}`, kind: 'sector', scope: 'forestal', convener: 'PRODUCE' },
    coordinator,
  );
  await ok(
    t,
    `${m}/viability`,
    { viable: true, notes: 'demanda privada y capacidad pública' },
    coordinator,
  );
  await ok(t, `${m}/launch`, {}, coordinator);
  await ok(
    t,
    `${m}/participants`,
    {
      participantId: 'equipo',
      name: 'Equipo dedicado',
      organisation: 'PRODUCE',
      role: 'dedicated_team',
    },
    coordinator,
  );
  await ok(
    t,
    `${m}/participants`,
    { participantId: 'gremio', name: 'Gremio', organisation: 'ADEX', role: 'private' },
    coordinator,
  );
  const last = await ok(
    t,
    `${m}/participants`,
    { participantId: 'serfor', name: 'SERFOR', organisation: 'SERFOR', role: 'public' },
    coordinator,
  );
  return { mesaId, team: 'equipo', gremio: 'gremio', serfor: 'serfor', last };
}

/** A problem raised in the mesa and accepted by the filter; returns its id. */
export async function seedAcceptedProblem(
  t: TestApp,
  coordinator: string,
  mesa: SeededMesa,
  prefix = 'problema',
): Promise<string> {
  const problemId = freshId(prefix);
  await ok(
    t,
    `/mesas/${mesa.mesaId}/problems`,
    { problemId, title: `Problema ${problemId}`, barrier: 'red_tape', raisedBy: mesa.gremio },
    coordinator,
  );
  await ok(t, `/problems/${problemId}/filter`, { decision: 'accepted' }, coordinator);
  return problemId;
}
