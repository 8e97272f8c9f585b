import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpectedVersion, NewEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { Upcaster, withUpcasting } from './upcasting';

// A schema history for the test: v1 had `responsible`, v2 renamed it, v3 added `source`.
const renameResponsible: Upcaster = {
  type: 'TaskAssigned',
  fromVersion: 1,
  upcast: ({ responsible, ...rest }) => ({ ...rest, responsibleEntity: responsible }),
};
const addSource: Upcaster = {
  type: 'TaskAssigned',
  fromVersion: 2,
  upcast: (data) => ({ ...data, source: 'legacy' }),
};

function event(schemaVersion: number, data: NewEvent['data']): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'TaskAssigned',
    schemaVersion,
    occurredAt: '2015-03-01T11:00:00.000Z',
    data,
    metadata: {
      actor: 't',
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  };
}

describe('upcasting on read', () => {
  let dir: string;
  let raw: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-upcast-'));
    raw = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads old versions at the newest one, through every read, and never rewrites the store', async () => {
    const store = withUpcasting(raw, [addSource, renameResponsible]);
    const commandId = randomUUID();
    const v1 = { ...event(1, { taskId: 't1', responsible: 'SERFOR' }) };
    const first = { ...v1, metadata: { ...v1.metadata, commandId } };
    await store.append(
      'problem-p1',
      [first, event(3, { taskId: 't2', responsibleEntity: 'ITP', source: 'api' })],
      ExpectedVersion.noStream,
    );

    const read = await store.readStream('problem-p1');
    expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
      [3, { taskId: 't1', responsibleEntity: 'SERFOR', source: 'legacy' }],
      [3, { taskId: 't2', responsibleEntity: 'ITP', source: 'api' }],
    ]);
    expect((await store.readAll(null, 10)).events[0].data).toEqual(read[0].data);
    expect((await store.findByCommandId(commandId))[0].schemaVersion).toBe(3);
    expect(await store.readStreamAfter?.('problem-p1', 1)).toEqual(read.slice(1));
    expect(await store.readStreamAfter?.('problem-p1', 0)).toEqual(read);

    const stored = await raw.readStream('problem-p1');
    expect(stored[0]).toMatchObject({
      schemaVersion: 1,
      data: { taskId: 't1', responsible: 'SERFOR' },
    });
  });

  it('is the store itself when there is nothing to upcast, and refuses two upcasters for one version', () => {
    expect(withUpcasting(raw, [])).toBe(raw);
    expect(() => withUpcasting(raw, [addSource, { ...addSource }])).toThrow(/TaskAssigned@2/);
  });
});
