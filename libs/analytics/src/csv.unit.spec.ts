import { cadence } from './cadence';
import { escalations } from './escalations';
import {
  cadenceMonthsCsv,
  cadenceSummaryCsv,
  escalationsCurveCsv,
  escalationsSummaryCsv,
  csvDays,
  csvField,
  screeningCsv,
  screeningReasonsCsv,
  survivalTableCsv,
  taskDeliveryCsv,
  timeToResolutionCurveCsv,
  timeToResolutionSummaryCsv,
  toCsv,
  whoseMoveGroupsCsv,
  whoseMoveProblemsCsv,
} from './csv';
import { kaplanMeier } from './kaplan-meier';
import { taskDelivery } from './task-delivery';
import { timeToResolution } from './time-to-resolution';

describe('csv', () => {
  it('quotes only fields holding a comma, a quote, CR or LF, doubling inner quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
  });

  it('neutralises text a spreadsheet would run as a formula, never numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+51 999')).toBe("'+51 999");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tindent')).toBe("'\tindent");
    expect(csvField('\rline')).toBe(`"'\rline"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-2)).toBe('-2');
  });

  it('rounds fractions to 4 decimals and days to 3, integers as they are', () => {
    expect(csvField(10.520833333333334)).toBe('10.5208');
    expect(csvField(1234567890123)).toBe('1234567890123');
    expect(csvField(csvDays(10.520833333333334))).toBe('10.521');
    expect(csvDays(null)).toBeNull();
  });

  it('ends every record, the last too, with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, null],
          ['x,y', 'z'],
        ],
      ),
    ).toBe('a,b\r\n1,\r\n"x,y",z\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('refuses ragged rows and non-finite numbers', () => {
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(RangeError);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('writes the at-risk table, nulls as empty fields', () => {
    // 1●, 2●: t=1 n=2 S=1/2 Σ=1/(2·1)=1/2 stdErr=1/2·√(1/2); t=2 n=1 S=0
    const km = kaplanMeier([
      { durationDays: 1, event: true },
      { durationDays: 2, event: true },
    ]);
    const lines = survivalTableCsv([{ key: 'all', km }]).split('\r\n');
    expect(lines[0]).toBe('key,time,atRisk,events,censored,survival,stdErr,lower,upper');
    expect(lines[1].startsWith('all,1,2,1,0,0.5,0.3536,')).toBe(true); // 0.5·√0.5 to 4 decimals
    expect(lines[2]).toBe('all,2,1,1,0,0,,0,');
    expect(lines[3]).toBe('');
  });

  it('writes time-to-resolution summaries and curves, one row per group / point', () => {
    const result = timeToResolution(
      [
        {
          problemId: 'p',
          mesaId: 'm',
          barrier: 'red_tape',
          ownership: null,
          rootCause: null,
          escalated: false,
          raisedAt: '2024-01-01T00:00:00Z',
          resolvedAt: '2024-01-03T00:00:00Z',
          rejected: false,
        },
      ],
      { asOf: '2024-02-01T00:00:00Z', groupBy: 'ownership' },
    );
    expect(timeToResolutionSummaryCsv(result)).toBe(
      'asOf,key,n,resolved,censored,medianDays,p25Days,p75Days,medianCiLower,medianCiUpper\r\n' +
        '2024-02-01T00:00:00.000Z,unknown,1,1,0,2,2,2,2,\r\n',
    );
    expect(timeToResolutionCurveCsv(result)).toBe(
      'key,day,survival\r\nunknown,0,1\r\nunknown,2,0\r\n',
    );
  });

  it('writes cadence and task delivery tables', () => {
    const c = cadence([{ type: 'regular', heldOn: '2024-02-10' }], {
      from: '2024-01-31',
      to: '2024-02-29',
    });
    expect(cadenceMonthsCsv(c)).toBe('month,sessions,days\r\n2024-01,0,1\r\n2024-02,1,29\r\n');
    expect(cadenceSummaryCsv(c)).toBe(
      'from,to,sessions,days,perMonth,longestGapDays\r\n2024-01-31,2024-02-29,1,30,1.0146,\r\n', // 30.4375 / 30
    );
    const t = taskDelivery(
      [
        {
          group: 'Gobierno Regional, Loreto',
          dueOn: '2024-01-10',
          originalDueOn: '2024-01-10',
          status: 'open',
        },
      ],
      { asOf: '2024-01-20T12:00:00Z' },
    );
    expect(taskDeliveryCsv(t).split('\r\n')[1]).toBe(
      '2024-01-20,"Gobierno Regional, Loreto",1,1,0,0,0,0,0,1,',
    );
  });
});

describe('escalation csv', () => {
  it('writes one summary row and the three curves keyed by what they measure', () => {
    const result = escalations(
      [],
      [{ problemId: 'p', escalatedAt: '2024-01-01T00:00:00Z', decidedAt: '2024-01-03T00:00:00Z' }],
      {
        asOf: '2024-02-01T00:00:00Z',
      },
    );
    const summary = escalationsSummaryCsv(result).split('\r\n');
    expect(summary[1]).toBe('2024-02-01T00:00:00.000Z,1,1,0,0,0,,2,2,,2,,');
    expect(escalationsCurveCsv(result)).toBe(
      'key,day,survival\r\ndecision,0,1\r\ndecision,2,0\r\nresolution_escalated,0,1\r\nresolution_not_escalated,0,1\r\n',
    );
  });

  it('writes whose-move courts and per-problem days, screening counts and reasons', () => {
    const result = {
      asOf: '2024-02-01T00:00:00.000Z',
      groups: [{ court: 'SERFOR', days: 1 / 3, share: 2 / 3, problems: 1 }],
      problems: [{ problemId: 'p', courts: { SERFOR: 1 / 3, dedicated_team: 1 / 6 } }],
    };
    expect(whoseMoveGroupsCsv(result)).toBe(
      'asOf,court,days,share,problems\r\n2024-02-01T00:00:00.000Z,SERFOR,0.333,0.6667,1\r\n',
    );
    expect(whoseMoveProblemsCsv(result)).toBe(
      'asOf,problemId,court,days\r\n' +
        '2024-02-01T00:00:00.000Z,p,SERFOR,0.333\r\n2024-02-01T00:00:00.000Z,p,dedicated_team,0.167\r\n',
    );
    const screened = {
      groupBy: 'organisation' as const,
      groups: [
        {
          key: 'SNI',
          raised: 3,
          accepted: 1,
          rejected: 1,
          pending: 1,
          rejectedShare: 0.5,
          reasons: [{ reason: '=subsidio, no', n: 1 }],
        },
      ],
    };
    expect(screeningCsv(screened)).toBe(
      'groupBy,key,raised,accepted,rejected,pending,rejectedShare\r\norganisation,SNI,3,1,1,1,0.5\r\n',
    );
    expect(screeningReasonsCsv(screened)).toBe(
      `groupBy,key,reason,n\r\norganisation,SNI,"'=subsidio, no",1\r\n`,
    );
  });
});
