import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoDataError, DemoMesaFile } from './demo-file.schema';
import { DemoCommand, compileDemoScript, demoDataDir, readDemoScript } from './demo-script';

/**
 * The fixture holds one line per command of the script the demo was first written as (a
 * TypeScript array, replaced by these files): key, method, path and the SHA-256 of
 * JSON.stringify({method, path, as, key, body}). Same digests: same bodies (key order
 * included), same actors, same order, same idempotency keys, hence the same events.
 * When the story is changed on purpose: UPDATE_DEMO_SNAPSHOT=1 npx jest libs/demo.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'demo-commands.sha256');

function line(c: DemoCommand): string {
  const json = JSON.stringify({
    method: c.method,
    path: c.path,
    as: c.as,
    key: c.key,
    body: c.body,
  });
  return `${c.key} ${c.method} ${c.path} ${createHash('sha256').update(json).digest('hex')}`;
}

describe('the demo data files', () => {
  const commands = readDemoScript();

  it('give exactly the commands of the snapshot: same bodies, actors, order and keys', () => {
    const actual = commands.map(line);
    if (process.env.UPDATE_DEMO_SNAPSHOT === '1') writeFileSync(FIXTURE, `${actual.join('\n')}\n`);
    const expected = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
    expect(actual.length).toBe(385);
    // the first difference, rather than 385 lines of digests
    const first = expected.findIndex((l, i) => actual[i] !== l);
    expect(first === -1 ? null : { expected: expected[first], actual: actual[first] }).toBeNull();
    expect(actual).toEqual(expected);
  });

  it('tell the eight mesas of the paper, every stream in business-time order', () => {
    expect([...new Set(commands.map((c) => c.mesa))].sort()).toEqual([
      'acuicola',
      'agroexportacion',
      'emprendimiento',
      'forestal',
      'gastronomia',
      'industrias-creativas',
      'logistica',
      'textil',
    ]);
    const times = commands.map((c) => Date.parse(c.body.occurredAt as string));
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
    // the forestry mesa's 83 regular sessions from December 2014 to July 2016, as the paper counts
    const regular = commands.filter(
      (c) =>
        c.path === '/mesas/forestal/sessions' &&
        c.body.type === 'regular' &&
        (c.body.heldOn as string) <= '2016-07-31',
    );
    expect(regular).toHaveLength(83);
  });

  it('are read from libs/demo/data when run from the sources', () => {
    expect(demoDataDir()).toBe(join(__dirname, '..', 'data'));
  });
});

describe('compiling a mesa file', () => {
  const index = { mesas: ['m'] };
  const session = (day: string, extra: object = {}) => ({
    path: '/mesas/m/sessions',
    body: { sessionId: `m-${day}`, heldOn: day, occurredAt: `${day}T14:00:00Z`, ...extra },
  });
  const file = (over: Partial<DemoMesaFile>): DemoMesaFile => ({
    mesa: 'm',
    lists: {
      pleno: {
        from: { '2020-01-01': ['a', 'b'], '2020-01-10': { add: ['c'], remove: ['a'] } },
      },
    },
    templates: {
      weekly: {
        path: '/mesas/m/sessions',
        body: {
          sessionId: 'm-{date}',
          attendees: { $list: 'pleno' },
          occurredAt: '{date}T14:00:00Z',
        },
      },
    },
    steps: [],
    ...over,
  });

  it('reads a list as it stood on the day of the step, with the step’s own changes', () => {
    const [before, after] = compileDemoScript(index, [
      file({
        steps: [
          session('2020-01-05', { attendees: { $list: 'pleno', add: ['x'] } }),
          session('2020-01-12', { attendees: { $list: 'pleno' } }),
        ],
      }),
    ]);
    expect(before.body.attendees).toEqual(['a', 'b', 'x']);
    expect(after.body.attendees).toEqual(['b', 'c']);
  });

  it('repeats a series but for its exceptions and the days whose session is told in full', () => {
    const commands = compileDemoScript(index, [
      file({
        series: [
          {
            template: 'weekly',
            from: '2020-01-01',
            until: '2020-01-29',
            everyDays: 7,
            except: ['2020-01-15'],
          },
        ],
        steps: [
          session('2020-01-08', { summary: 'en detalle' }),
          { path: '/x', body: { occurredAt: '2020-01-22T15:00:00Z' } },
        ],
      }),
    ]);
    expect(commands.map((c) => [c.key, c.path, c.body.sessionId ?? null])).toEqual([
      ['demo-0', '/mesas/m/sessions', 'm-2020-01-01'],
      ['demo-1', '/mesas/m/sessions', 'm-2020-01-08'],
      ['demo-2', '/mesas/m/sessions', 'm-2020-01-22'],
      ['demo-3', '/x', null],
      ['demo-4', '/mesas/m/sessions', 'm-2020-01-29'],
    ]);
    expect(commands[1].body.summary).toBe('en detalle');
    expect(commands[2].body.attendees).toEqual(['b', 'c']);
  });

  it('puts the mesa listed first in the index first when two act at the same instant', () => {
    const a = { mesa: 'a', steps: [{ path: '/a', body: { occurredAt: '2020-01-01T10:00:00Z' } }] };
    const b = { mesa: 'b', steps: [{ path: '/b', body: { occurredAt: '2020-01-01T10:00:00Z' } }] };
    expect(compileDemoScript({ mesas: ['b', 'a'] }, [b, a]).map((c) => c.path)).toEqual([
      '/b',
      '/a',
    ]);
  });

  it.each([
    [
      'an unknown list',
      { steps: [session('2020-01-05', { attendees: { $list: 'nadie' } })] },
      /no list "nadie"/,
    ],
    [
      'a list before its first day',
      { steps: [session('2019-12-31', { attendees: { $list: 'pleno' } })] },
      /does not exist yet/,
    ],
    [
      'removing a non-member',
      { steps: [session('2020-01-05', { attendees: { $list: 'pleno', remove: ['z'] } })] },
      /removes z/,
    ],
    [
      'steps out of time order',
      { steps: [session('2020-01-05'), session('2020-01-04')] },
      /earlier than the step before/,
    ],
    [
      'an exception outside the series',
      {
        series: [
          {
            template: 'weekly',
            from: '2020-01-01',
            until: '2020-01-08',
            everyDays: 7,
            except: ['2020-01-02'],
          },
        ],
      },
      /not a day of the series/,
    ],
    [
      'an unknown template',
      { series: [{ template: 'nada', from: '2020-01-01', until: '2020-01-08', everyDays: 7 }] },
      /no template "nada"/,
    ],
  ])('refuses %s, naming the place', (_, over, message) => {
    expect(() => compileDemoScript(index, [file(over as Partial<DemoMesaFile>)])).toThrow(
      DemoDataError,
    );
    expect(() => compileDemoScript(index, [file(over as Partial<DemoMesaFile>)])).toThrow(message);
  });
});
