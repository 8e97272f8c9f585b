import { BallProblemRecord, whoseMove } from './whose-move';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
/** day n of the scenarios, as an instant (fractions allowed) */
const d = (n: number) => new Date(START + n * DAY).toISOString();

const problem = (problemId: string, over: Partial<BallProblemRecord> = {}): BallProblemRecord => ({
  problemId,
  raisedAt: d(0),
  resolutions: [],
  rejectedAt: null,
  escalations: [],
  tasks: [],
  ...over,
});
const task = (responsibleEntity: string, from: number, to: number | null) => ({
  responsibleEntity,
  assignedAt: d(from),
  closedAt: to === null ? null : d(to),
});

// Every number below is worked out by hand from the timeline in the test's comment.
describe('whose move: ball-in-court days', () => {
  it('overlapping tasks share the time equally among the distinct entities with open tasks', () => {
    // SERFOR t1 [1,5), MEF t2 [3,7), SERFOR t3 [3,4), resolved day 10.
    // [0,1) team 1 · [1,3) SERFOR 2 · [3,5) SERFOR ½·2, MEF ½·2 (t3 adds no second share)
    // · [5,7) MEF 2 · [7,10) team 3 → team 4, SERFOR 3, MEF 3 of 10.
    const result = whoseMove(
      [
        problem('p', {
          resolutions: [{ kind: 'resolved', at: d(10) }],
          tasks: [task('SERFOR', 1, 5), task('MEF', 3, 7), task('SERFOR', 3, 4)],
        }),
      ],
      { asOf: d(20) },
    );
    expect(result).toEqual({
      asOf: d(20),
      groups: [
        { court: 'dedicated_team', days: 4, share: 0.4, problems: 1 },
        { court: 'MEF', days: 3, share: 0.3, problems: 1 },
        { court: 'SERFOR', days: 3, share: 0.3, problems: 1 },
      ],
      problems: [{ problemId: 'p', courts: { MEF: 3, SERFOR: 3, dedicated_team: 4 } }],
    });
  });

  it('an escalation awaiting its decision takes the ball from the open tasks', () => {
    // SERFOR task [1,9), escalated day 2, decided day 6, resolved day 10.
    // [0,1) team 1 · [1,2) SERFOR 1 · [2,6) high level 4 · [6,9) SERFOR 3 · [9,10) team 1.
    const result = whoseMove(
      [
        problem('p', {
          resolutions: [{ kind: 'resolved', at: d(10) }],
          escalations: [{ escalatedAt: d(2), decidedAt: d(6) }],
          tasks: [task('SERFOR', 1, 9)],
        }),
      ],
      { asOf: d(30) },
    );
    expect(result.problems).toEqual([
      { problemId: 'p', courts: { SERFOR: 4, dedicated_team: 2, high_level: 4 } },
    ]);
    expect(result.groups.map((g) => [g.court, g.days, g.share])).toEqual([
      ['SERFOR', 4, 0.4],
      ['high_level', 4, 0.4],
      ['dedicated_team', 2, 0.2],
    ]);
  });

  it('the time between a resolution and its reopening counts for nobody', () => {
    // resolved day 4, reopened day 6, PRODUCE task [7,8), resolved again day 9.
    // [0,4) team 4 · [4,6) nobody · [6,7) team 1 · [7,8) PRODUCE 1 · [8,9) team 1.
    const result = whoseMove(
      [
        problem('p', {
          resolutions: [
            { kind: 'resolved', at: d(4) },
            { kind: 'reopened', at: d(6) },
            { kind: 'resolved', at: d(9) },
          ],
          tasks: [task('PRODUCE', 7, 8)],
        }),
      ],
      { asOf: d(30) },
    );
    expect(result.problems[0].courts).toEqual({ PRODUCE: 1, dedicated_team: 6 });
    // as of day 5 it is resolved (4 days); as of day 6.5 reopened (4 + 0.5)
    expect(whoseMove([reopened()], { asOf: d(5) }).problems[0].courts).toEqual({
      dedicated_team: 4,
    });
    expect(whoseMove([reopened()], { asOf: d(6.5) }).problems[0].courts).toEqual({
      dedicated_team: 4.5,
    });

    function reopened() {
      return problem('p', {
        resolutions: [
          { kind: 'resolved', at: d(4) },
          { kind: 'reopened', at: d(6) },
          { kind: 'resolved', at: d(9) },
        ],
        tasks: [task('PRODUCE', 7, 8)],
      });
    }
  });

  it('a rejected problem counts from its raise to its rejection, and not after', () => {
    const rejected = problem('r', { rejectedAt: d(2.5) });
    expect(whoseMove([rejected], { asOf: d(10) }).problems).toEqual([
      { problemId: 'r', courts: { dedicated_team: 2.5 } },
    ]);
    // before its rejection it was simply pending
    expect(whoseMove([rejected], { asOf: d(1) }).problems[0].courts).toEqual({
      dedicated_team: 1,
    });
  });

  it('asOf inside an interval cuts it there; later events and problems are ignored', () => {
    // as the escalation case, asOf day 4: [0,1) team 1 · [1,2) SERFOR 1 · [2,4) high level 2
    // (the decision on day 6 has not happened yet). Problem q is raised on day 5: absent.
    const result = whoseMove(
      [
        problem('p', {
          resolutions: [{ kind: 'resolved', at: d(10) }],
          escalations: [{ escalatedAt: d(2), decidedAt: d(6) }],
          tasks: [task('SERFOR', 1, 9)],
        }),
        problem('q', { raisedAt: d(5) }),
      ],
      { asOf: d(4) },
    );
    expect(result.problems).toEqual([
      { problemId: 'p', courts: { SERFOR: 1, dedicated_team: 1, high_level: 2 } },
    ]);
    expect(result.groups).toEqual([
      { court: 'high_level', days: 2, share: 0.5, problems: 1 },
      { court: 'SERFOR', days: 1, share: 0.25, problems: 1 },
      { court: 'dedicated_team', days: 1, share: 0.25, problems: 1 },
    ]);
  });

  it('sums exact time over problems, rounds days to 3 and shares to 4 decimals once, counts problems per court', () => {
    // p: one day shared by three entities (⅓ day each), then resolved.
    // q: open, team for 2 days as of day 2.
    const result = whoseMove(
      [
        problem('p', {
          resolutions: [{ kind: 'resolved', at: d(1) }],
          tasks: [task('A', 0, null), task('B', 0, null), task('C', 0, null)],
        }),
        problem('q'),
        problem('z', { raisedAt: d(2) }),
      ],
      { asOf: d(2) },
    );
    expect(result.groups).toEqual([
      { court: 'dedicated_team', days: 2, share: 0.6667, problems: 1 },
      { court: 'A', days: 0.333, share: 0.1111, problems: 1 },
      { court: 'B', days: 0.333, share: 0.1111, problems: 1 },
      { court: 'C', days: 0.333, share: 0.1111, problems: 1 },
    ]);
    // z was raised exactly at asOf: present, with no time anywhere
    expect(result.problems.map((p) => p.problemId)).toEqual(['p', 'q', 'z']);
    expect(result.problems[2].courts).toEqual({});
  });

  it('is empty with no problems, and refuses a malformed instant', () => {
    expect(whoseMove([], { asOf: d(1) })).toEqual({ asOf: d(1), groups: [], problems: [] });
    expect(() => whoseMove([problem('p', { raisedAt: 'yesterday' })], { asOf: d(1) })).toThrow(
      RangeError,
    );
  });
});
