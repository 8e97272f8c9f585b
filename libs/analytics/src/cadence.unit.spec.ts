import { DAYS_PER_MONTH, SessionRecord, cadence } from './cadence';

const regular = (heldOn: string): SessionRecord => ({ type: 'regular', heldOn });
const interSession = (heldOn: string): SessionRecord => ({ type: 'inter_session', heldOn });

describe('cadence', () => {
  it('counts sessions on both boundary days, ignores the days outside and inter-session meetings', () => {
    const result = cadence(
      [
        regular('2023-12-31'), // the day before `from`
        regular('2024-01-01'), // `from` itself
        interSession('2024-01-10'),
        regular('2024-01-15'),
        interSession('2024-01-25'),
        regular('2024-01-31'), // `to` itself
        regular('2024-02-01'), // the day after `to`
      ],
      { from: '2024-01-01', to: '2024-01-31' },
    );
    expect(result.sessions).toBe(3);
    expect(result.days).toBe(31); // 1 … 31 January, both ends
    // 3 / (31 / 30.4375) = 3 · 30.4375 / 31 = 91.3125 / 31 = 2.9455645…
    expect(result.perMonth).toBeCloseTo(2.9455645, 6);
    // gaps 1→15 = 14, 15→31 = 16; the inter-session meetings on the 10th and 25th would split them
    expect(result.longestGapDays).toBe(16);
    expect(result.months).toEqual([{ month: '2024-01', sessions: 3, days: 31 }]);
  });

  it('measures the longest gap between consecutive sessions whatever the input order', () => {
    const result = cadence([regular('2024-03-29'), regular('2024-03-01'), regular('2024-03-08')], {
      from: '2024-03-01',
      to: '2024-03-31',
    });
    expect(result.longestGapDays).toBe(21); // 8 → 29
  });

  it('two sessions on the same day make a gap of 0', () => {
    const result = cadence([regular('2024-03-05'), regular('2024-03-05')], {
      from: '2024-03-01',
      to: '2024-03-10',
    });
    expect(result).toMatchObject({ sessions: 2, longestGapDays: 0 });
  });

  it('longestGapDays is null under two sessions', () => {
    const one = cadence([regular('2024-05-10'), interSession('2024-05-20')], {
      from: '2024-05-01',
      to: '2024-05-31',
    });
    expect(one).toMatchObject({ sessions: 1, longestGapDays: null });
    const none = cadence([], { from: '2024-05-01', to: '2024-05-31' });
    expect(none).toMatchObject({ sessions: 0, days: 31, perMonth: 0, longestGapDays: null });
  });

  it('a one-day window has days = 1', () => {
    const result = cadence([regular('2024-05-10')], { from: '2024-05-10', to: '2024-05-10' });
    expect(result.days).toBe(1);
    expect(result.perMonth).toBeCloseTo(DAYS_PER_MONTH, 12);
  });

  it('the month series covers every month of the window, empty ones included, with partial ends', () => {
    const result = cadence([regular('2024-01-20'), regular('2024-04-10'), regular('2024-04-11')], {
      from: '2024-01-15',
      to: '2024-04-10',
    });
    expect(result.months).toEqual([
      { month: '2024-01', sessions: 1, days: 17 }, // 15 … 31
      { month: '2024-02', sessions: 0, days: 29 }, // leap year
      { month: '2024-03', sessions: 0, days: 31 },
      { month: '2024-04', sessions: 1, days: 10 }, // 1 … 10; the 11th is outside
    ]);
    expect(result.days).toBe(17 + 29 + 31 + 10);
    expect(result.longestGapDays).toBe(81); // 20 Jan → 10 Apr: 11 + 29 + 31 + 10
  });

  it('the month series crosses a year end', () => {
    const result = cadence([regular('2023-12-05')], { from: '2023-11-30', to: '2024-01-01' });
    expect(result.months).toEqual([
      { month: '2023-11', sessions: 0, days: 1 },
      { month: '2023-12', sessions: 1, days: 31 },
      { month: '2024-01', sessions: 0, days: 1 },
    ]);
  });

  it('refuses a reversed window and dates that do not exist', () => {
    expect(() => cadence([], { from: '2024-02-01', to: '2024-01-31' })).toThrow(RangeError);
    expect(() => cadence([], { from: '2024-02-30', to: '2024-03-31' })).toThrow(RangeError);
    expect(() => cadence([regular('2024-3-1')], { from: '2024-03-01', to: '2024-03-31' })).toThrow(
      RangeError,
    );
  });
});
