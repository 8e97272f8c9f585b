import { ScreeningRecord, screening } from './screening';

const record = (over: Partial<ScreeningRecord>): ScreeningRecord => ({
  barrier: 'funding',
  raisedBy: 'gremio',
  organisation: 'SNI',
  decision: null,
  reason: null,
  ...over,
});

// SNI (gremio): 2 accepted, 2 rejected (subsidio ×2 — one with stray spaces), 1 pending.
// ADEX (exporta): 1 rejected (exoneración). Unknown organisation: 1 accepted.
const records: ScreeningRecord[] = [
  record({ decision: 'accepted', barrier: 'red_tape' }),
  record({ decision: 'accepted' }),
  record({ decision: 'rejected', reason: 'subsidio' }),
  record({ decision: 'rejected', reason: '  subsidio ' }),
  record({}),
  record({
    raisedBy: 'exporta',
    organisation: 'ADEX',
    decision: 'rejected',
    reason: 'exoneración',
  }),
  record({ raisedBy: 'suelto', organisation: null, decision: 'accepted', barrier: 'red_tape' }),
];

describe('screening: what the filter let through', () => {
  it('counts per organisation of whoever raised it, with the rejected share among those filtered', () => {
    expect(screening(records, { groupBy: 'organisation' })).toEqual({
      groupBy: 'organisation',
      groups: [
        {
          key: 'ADEX',
          raised: 1,
          accepted: 0,
          rejected: 1,
          pending: 0,
          rejectedShare: 1,
          reasons: [{ reason: 'exoneración', n: 1 }],
        },
        {
          key: 'SNI',
          raised: 5,
          accepted: 2,
          rejected: 2,
          pending: 1,
          rejectedShare: 0.5,
          reasons: [{ reason: 'subsidio', n: 2 }],
        },
        {
          key: 'unknown',
          raised: 1,
          accepted: 1,
          rejected: 0,
          pending: 0,
          rejectedShare: 0,
          reasons: [],
        },
      ],
    });
  });

  it('groups by barrier and by participant, reasons most frequent first', () => {
    const byBarrier = screening(records, { groupBy: 'barrier' }).groups;
    expect(byBarrier.map((g) => [g.key, g.raised, g.rejected, g.rejectedShare])).toEqual([
      ['funding', 5, 3, 0.75],
      ['red_tape', 2, 0, 0],
    ]);
    expect(byBarrier[0].reasons).toEqual([
      { reason: 'subsidio', n: 2 },
      { reason: 'exoneración', n: 1 },
    ]);
    expect(screening(records, { groupBy: 'raisedBy' }).groups.map((g) => g.key)).toEqual([
      'exporta',
      'gremio',
      'suelto',
    ]);
  });

  it('has no share while nothing was filtered, and rounds it to 4 decimals', () => {
    expect(screening([record({})], { groupBy: 'barrier' }).groups[0].rejectedShare).toBeNull();
    const third = screening(
      [
        record({ decision: 'rejected', reason: 'x' }),
        record({ decision: 'accepted' }),
        record({ decision: 'accepted' }),
      ],
      { groupBy: 'barrier' },
    );
    expect(third.groups[0].rejectedShare).toBe(0.3333);
  });
});
