import { escalations } from './escalations';
import { ProblemRecord } from './time-to-resolution';

const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
const problem = (problemId: string, over: Partial<ProblemRecord> = {}): ProblemRecord => ({
  problemId,
  mesaId: 'm',
  barrier: 'funding',
  ownership: 'YP',
  rootCause: 'capacity',
  escalated: false,
  raisedAt: day(0),
  resolvedAt: null,
  rejected: false,
  ...over,
});

describe('escalations', () => {
  // asOf = day 20
  // p1 raised 0, escalated 2, decided 5 (3 days), resolved 10
  // p2 raised 0, escalated 4, pending at asOf → censored at 16; escalated again? no
  // p3 raised 0, escalated 6, decided 30 (after asOf) → pending, censored at 14
  // p4 raised 0, never escalated, resolved 4
  // p5 raised 0, never escalated, open
  // p6 rejected, escalated 1 decided 2 (counted as an escalation, not in the share)
  // p7 raised 25 (after asOf): not in the population
  const problems = [
    problem('p1', { resolvedAt: day(10) }),
    problem('p2'),
    problem('p3'),
    problem('p4', { resolvedAt: day(4) }),
    problem('p5'),
    problem('p6', { rejected: true }),
    problem('p7', { raisedAt: day(25) }),
  ];
  const records = [
    { problemId: 'p1', escalatedAt: day(2), decidedAt: day(5) },
    { problemId: 'p2', escalatedAt: day(4), decidedAt: null },
    { problemId: 'p3', escalatedAt: day(6), decidedAt: day(30) },
    { problemId: 'p6', escalatedAt: day(1), decidedAt: day(2) },
    { problemId: 'p7', escalatedAt: day(26), decidedAt: null },
  ];
  const result = escalations(problems, records, { asOf: day(20) });

  it('counts escalations up to asOf and the share of the population escalated', () => {
    expect(result).toMatchObject({
      count: 4,
      decided: 2,
      pending: 2,
      problems: 5,
      escalatedProblems: 3,
    });
    expect(result.shareEscalated).toBeCloseTo(3 / 5, 12);
  });

  it('time to decision: Kaplan–Meier with pending escalations censored at asOf', () => {
    // durations: p6 1●, p1 3●, p3 14○, p2 16○
    // t=1: n=4, S = 3/4; t=3: n=3, S = 3/4 · 2/3 = 1/2 → median 3, p25 1 (S(1) = 0.75), p75 null
    const d = result.timeToDecision;
    expect(d).toMatchObject({
      n: 4,
      resolved: 2,
      censored: 2,
      p25Days: 1,
      medianDays: 3,
      p75Days: null,
    });
    expect(d.curve.map((p) => p.day)).toEqual([0, 1, 3]);
    expect(d.curve[2].survival).toBeCloseTo(0.5, 12);
    expect(d.medianDaysAmongDecided).toBe(2); // (1 + 3) / 2, decided ones only
  });

  it('time to resolution of escalated vs not escalated problems (escalated as of asOf)', () => {
    // escalated: p1 10●, p2 20○, p3 20○ → S(10) = 2/3
    // not escalated: p4 4●, p5 20○ → S(4) = 1/2 → median 4
    expect(result.timeToResolution.escalated).toMatchObject({
      n: 3,
      resolved: 1,
      medianDays: null,
    });
    expect(result.timeToResolution.escalated.curve[1].survival).toBeCloseTo(2 / 3, 12);
    expect(result.timeToResolution.notEscalated).toMatchObject({
      n: 2,
      resolved: 1,
      medianDays: 4,
    });
  });

  it('an escalation after asOf does not make its problem escalated', () => {
    const early = escalations(problems, records, { asOf: day(3) });
    // at day 3 only p1 (day 2) and p6 (day 1) were escalated; p6 is rejected
    expect(early).toMatchObject({
      count: 2,
      decided: 1,
      pending: 1,
      escalatedProblems: 1,
      problems: 5,
    });
    expect(early.timeToResolution.notEscalated.n).toBe(4);
  });

  it('no problems: share null', () => {
    expect(escalations([], [], { asOf: day(3) }).shareEscalated).toBeNull();
  });
});
