import { ProblemRecord, timeToResolution, timeToResolutionDetail } from './time-to-resolution';

let sequence = 0;
const problem = (over: Partial<ProblemRecord>): ProblemRecord => ({
  problemId: `p-${++sequence}`,
  mesaId: 'mesa-forestal',
  barrier: 'regulation',
  ownership: 'MP',
  rootCause: 'law',
  escalated: false,
  raisedAt: '2024-01-01T00:00:00Z',
  resolvedAt: null,
  rejected: false,
  ...over,
});

describe('timeToResolution', () => {
  const resolvedOnDay10 = problem({ resolvedAt: '2024-01-11T00:00:00Z' });

  it('a resolution after asOf is treated as still open, censored at asOf', () => {
    const past = timeToResolutionDetail([resolvedOnDay10], { asOf: '2024-01-06T00:00:00Z' });
    expect(past.groups[0].km).toMatchObject({ n: 1, resolved: 0, censored: 1, medianDays: null });
    expect(past.groups[0].km.censoredBeforeFirstEvent).toBe(1);
    const later = timeToResolution([resolvedOnDay10], { asOf: '2024-02-01T00:00:00Z' });
    expect(later.groups[0]).toMatchObject({
      key: 'all',
      n: 1,
      resolved: 1,
      censored: 0,
      medianDays: 10,
    });
  });

  it('problems raised after asOf are not in the population', () => {
    const result = timeToResolution(
      [resolvedOnDay10, problem({ raisedAt: '2024-03-01T00:00:00Z' })],
      {
        asOf: '2024-02-01T00:00:00Z',
      },
    );
    expect(result.groups[0].n).toBe(1);
  });

  it('rejected problems are excluded', () => {
    const result = timeToResolution(
      [resolvedOnDay10, problem({ rejected: true, resolvedAt: '2024-01-02T00:00:00Z' })],
      { asOf: '2024-02-01T00:00:00Z' },
    );
    expect(result.groups[0]).toMatchObject({ n: 1, medianDays: 10 });
  });

  it('durations are fractional days between the instants, whatever their offsets', () => {
    const result = timeToResolution(
      [problem({ raisedAt: '2024-01-01T00:00:00Z', resolvedAt: '2024-01-01T07:00:00-05:00' })], // 12:00Z
      { asOf: '2024-02-01T00:00:00Z' },
    );
    expect(result.groups[0].medianDays).toBe(0.5);
    expect(result.groups[0].curve).toEqual([
      { day: 0, survival: 1 },
      { day: 0.5, survival: 0 },
    ]);
  });

  it('groups by ownership, an unclassified one under unknown, keys sorted, each group its own estimate', () => {
    // YP: 2●, 4●, open since day 0 with asOf at day 31 → censored at 31
    //   t=2: n=3, S = 2/3; t=4: n=2, S = 2/3 · 1/2 = 1/3 → median 4, p25 2, p75 null
    // MP: 6●
    // unknown (ownership null): 1●, rejected one ignored
    const asOf = '2024-02-01T00:00:00Z';
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
    const result = timeToResolution(
      [
        problem({ ownership: 'YP', resolvedAt: day(2) }),
        problem({ ownership: 'YP', resolvedAt: day(4) }),
        problem({ ownership: 'YP' }),
        problem({ ownership: 'MP', resolvedAt: day(6) }),
        problem({ ownership: null, resolvedAt: day(1) }),
        problem({ ownership: null, rejected: true }),
      ],
      { asOf, groupBy: 'ownership' },
    );
    expect(result.asOf).toBe('2024-02-01T00:00:00.000Z');
    expect(result.groups.map((g) => [g.key, g.n, g.resolved, g.censored])).toEqual([
      ['MP', 1, 1, 0],
      ['YP', 3, 2, 1],
      ['unknown', 1, 1, 0],
    ]);
    const yp = result.groups[1];
    expect(yp.curve.map((p) => p.day)).toEqual([0, 2, 4]);
    expect(yp.curve[2].survival).toBeCloseTo(1 / 3, 12);
    expect([yp.p25Days, yp.medianDays, yp.p75Days]).toEqual([2, 4, null]);
    // exactly the docs/API.md fields plus medianCi: the at-risk table stays in the detail
    expect(Object.keys(yp).sort()).toEqual(
      [
        'censored',
        'curve',
        'key',
        'medianCi',
        'medianDays',
        'n',
        'p25Days',
        'p75Days',
        'resolved',
      ].sort(),
    );
  });

  it('groups by escalated (keys false/true), by mesa, and filters one mesa', () => {
    const asOf = '2024-02-01T00:00:00Z';
    const problems = [
      problem({ escalated: true, mesaId: 'b' }),
      problem({ escalated: false, mesaId: 'a' }),
      problem({ escalated: false, mesaId: 'b' }),
    ];
    expect(
      timeToResolution(problems, { asOf, groupBy: 'escalated' }).groups.map((g) => [g.key, g.n]),
    ).toEqual([
      ['false', 2],
      ['true', 1],
    ]);
    expect(
      timeToResolution(problems, { asOf, groupBy: 'mesa' }).groups.map((g) => [g.key, g.n]),
    ).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(
      timeToResolution(problems, { asOf, mesaId: 'b' }).groups.map((g) => [g.key, g.n]),
    ).toEqual([['all', 2]]);
  });

  it('groups by barrier and by root cause, a null root cause under unknown', () => {
    const asOf = '2024-02-01T00:00:00Z';
    const problems = [
      problem({ barrier: 'skills', rootCause: null }),
      problem({ barrier: 'funding' }),
    ];
    expect(
      timeToResolution(problems, { asOf, groupBy: 'barrier' }).groups.map((g) => g.key),
    ).toEqual(['funding', 'skills']);
    expect(
      timeToResolution(problems, { asOf, groupBy: 'rootCause' }).groups.map((g) => g.key),
    ).toEqual(['law', 'unknown']);
  });

  it('with no problems: one empty `all` group without groupBy, no groups with one', () => {
    const asOf = '2024-02-01T00:00:00Z';
    expect(timeToResolution([], { asOf }).groups).toEqual([
      {
        key: 'all',
        n: 0,
        resolved: 0,
        censored: 0,
        medianDays: null,
        p25Days: null,
        p75Days: null,
        medianCi: { lower: null, upper: null },
        curve: [{ day: 0, survival: 1 }],
      },
    ]);
    expect(timeToResolution([], { asOf, groupBy: 'barrier' }).groups).toEqual([]);
  });

  it('refuses an unparseable asOf', () => {
    expect(() => timeToResolution([], { asOf: 'now' })).toThrow(RangeError);
  });
});
