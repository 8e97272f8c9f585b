import { foldInMemory } from '../projection';
import { analyticsProjection } from './analytics.projection';
import { readScreening, readWhoseMove } from './analytics.queries';
import { analyticsHistory, documentsOf } from './testing/analytics-history';

/*
 * Whose move and screening over the hand-checked history of testing/analytics-history.ts, plus
 * two joins of the participant `gremio` (SNI on 2023-12-15; again, for CONFIEP, on 2024-01-05).
 *
 * Whose move as of 2024-02-01, mesa m1 (days):
 * - A: [01-01,01-02) team 1 · [01-02,01-11) SERFOR 9 (t1) · resolved 01-11 to reopened 01-15:
 *   nobody · [01-15,01-25T15) SERFOR 10.625 · [01-25T15,01-31) team 5.375.
 * - B: [01-01,01-02) team 1 · [01-02,01-03) SERFOR 1 · [01-03,01-05) SERFOR 1, MEF 1 · escalated
 *   [01-05,01-09) high level 4 · [01-09,01-14T12) SERFOR 2.75, MEF 2.75 · [01-14T12,01-21) MEF 6.5.
 * - C: rejected on 01-03: team 2.
 * - D: [01-06,01-07) MEF 1 (t4, cancelled 01-07) · [01-07,02-01) team 25.
 * Totals of 74: team 34.375, SERFOR 24.375, MEF 11.25, high level 4.
 */
describe('whose move and screening over the analytics projection', () => {
  const history = analyticsHistory();
  const join = (organisation: string, at: string) =>
    history.mesa(
      'ParticipantJoined',
      { mesaId: 'm1', participantId: 'gremio', name: 'Gremio', organisation, role: 'private' },
      at,
    );
  join('SNI', '2023-12-15T00:00:00Z');
  join('CONFIEP', '2024-01-05T00:00:00Z');
  const docs = documentsOf(foldInMemory(analyticsProjection, history.events));

  it('gives each court its days, shares and problems', async () => {
    const result = await readWhoseMove(docs, { asOf: '2024-02-01T00:00:00Z', mesaId: 'm1' });
    expect(result.groups).toEqual([
      { court: 'dedicated_team', days: 34.375, share: 0.4645, problems: 4 },
      { court: 'SERFOR', days: 24.375, share: 0.3294, problems: 2 },
      { court: 'MEF', days: 11.25, share: 0.152, problems: 2 },
      { court: 'high_level', days: 4, share: 0.0541, problems: 1 },
    ]);
    expect(result.problems).toEqual([
      { problemId: 'a', courts: { SERFOR: 19.625, dedicated_team: 6.375 } },
      { problemId: 'b', courts: { MEF: 10.25, SERFOR: 4.75, dedicated_team: 1, high_level: 4 } },
      { problemId: 'c', courts: { dedicated_team: 2 } },
      { problemId: 'd', courts: { MEF: 1, dedicated_team: 25 } },
    ]);
  });

  it('as of a past instant, uses only what had occurred by then', async () => {
    // 01-06T12: A SERFOR 4.5 + team 1; B team 1, SERFOR 2, MEF 1, high level 1.5; C team 2;
    // D MEF 0.5.
    const result = await readWhoseMove(docs, { asOf: '2024-01-06T12:00:00Z', mesaId: 'm1' });
    expect(result.problems.map((p) => [p.problemId, p.courts])).toEqual([
      ['a', { SERFOR: 4.5, dedicated_team: 1 }],
      ['b', { MEF: 1, SERFOR: 2, dedicated_team: 1, high_level: 1.5 }],
      ['c', { dedicated_team: 2 }],
      ['d', { MEF: 0.5 }],
    ]);
  });

  it('screens by the organisation the raiser had when raising, with the reasons of rejections', async () => {
    const result = await readScreening(docs, {
      asOf: '2024-02-01T00:00:00Z',
      mesaId: 'm1',
      groupBy: 'organisation',
    });
    expect(result).toEqual({
      asOf: '2024-02-01T00:00:00.000Z',
      groupBy: 'organisation',
      groups: [
        {
          key: 'CONFIEP',
          raised: 1,
          accepted: 1,
          rejected: 0,
          pending: 0,
          rejectedShare: 0,
          reasons: [],
        },
        {
          key: 'SNI',
          raised: 3,
          accepted: 2,
          rejected: 1,
          pending: 0,
          rejectedShare: 0.3333,
          reasons: [{ reason: 'fuera de alcance', n: 1 }],
        },
      ],
    });
  });

  it('screening as of a past instant: later decisions are pending, later problems absent', async () => {
    const result = await readScreening(docs, {
      asOf: '2024-01-02T12:00:00Z',
      mesaId: 'm1',
      groupBy: 'barrier',
    });
    expect(result.groups.map((g) => [g.key, g.raised, g.accepted, g.rejected, g.pending])).toEqual([
      ['funding', 1, 1, 0, 0],
      ['red_tape', 2, 1, 0, 1],
    ]);
  });
});
