import { BadRequestException } from '@nestjs/common';
import { QueryContext, parseQuery, q, querySchema } from './query-schema';

const context: QueryContext = {
  now: new Date('2026-01-01T00:00:00Z'),
  answerNow: new Date('2026-01-01T00:00:00Z'),
  store: 'sqlite',
};

const SCHEMA = querySchema(
  {
    mesaId: q.id('a mesa').required(),
    asOf: q.pastInstant('as of', 60_000),
    limit: q.integer('page size', 1, 1000).orElse(() => 100),
    after: q.logCursor('cursor'),
    table: q.oneOf(['a', 'b'] as const, 'which'),
  },
  ({ limit }) => (limit === 13 ? ['limit must not be unlucky'] : []),
);

function problems(query: Record<string, unknown>, ctx = context): string[] {
  try {
    parseQuery(SCHEMA, query, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const message = ((error as BadRequestException).getResponse() as { message: unknown }).message;
    return [message as string | string[]].flat();
  }
  return [];
}

describe('a route query schema', () => {
  it('parses, types and defaults', () => {
    expect(parseQuery(SCHEMA, { mesaId: 'm1', after: '5', table: 'b' }, context)).toEqual({
      mesaId: 'm1',
      asOf: '2026-01-01T00:00:00.000Z',
      limit: 100,
      after: '5',
      table: 'b',
    });
    // an empty value is an absent one
    expect(parseQuery(SCHEMA, { mesaId: 'm1', limit: '', asOf: '' }, context).limit).toBe(100);
  });

  it('refuses unknown, repeated, missing and malformed parameters, all in one 400', () => {
    expect(
      problems({
        asof: '2015-01-01',
        limit: ['1', '2'],
        after: 'abc',
        table: 'c',
        hasOwnProperty: 'x',
      }),
    ).toEqual([
      'unknown query parameter asof (allowed: mesaId, asOf, limit, after, table)',
      'unknown query parameter hasOwnProperty (allowed: mesaId, asOf, limit, after, table)',
      'mesaId is required',
      'limit must be given once, as plain text',
      'after must be the nextAfter of a previous page (a decimal position from 0 to 9223372036854775807)',
      'table must be one of a, b',
    ]);
  });

  it.each(['abc', '-1', '1.5', '1:2', '1234567890123456789012345', '9223372036854775808'])(
    'refuses the SQLite cursor %s',
    (after) => {
      expect(problems({ mesaId: 'm', after })).toEqual([
        expect.stringMatching(/^after must be the nextAfter of a previous page/),
      ]);
    },
  );

  it('reads cursors in the syntax of the store it runs on', () => {
    const pg: QueryContext = { ...context, store: 'postgres' };
    expect(problems({ mesaId: 'm', after: '12:7' }, pg)).toEqual([]);
    expect(problems({ mesaId: 'm', after: '7' }, pg)).toEqual([
      'after must be the nextAfter of a previous page (transaction:position (two decimal numbers))',
    ]);
  });

  it.each(['0', '1001', '1.0', '+5', '1e2', ' 5', '0x10'])('refuses limit=%s', (limit) => {
    expect(problems({ mesaId: 'm', limit })).toEqual(['limit must be an integer from 1 to 1000']);
  });

  it('asOf: strict calendar instants, not in the future beyond the skew, clamped to now', () => {
    expect(problems({ mesaId: 'm', asOf: '2015-02-30' })).toEqual([
      'asOf must be an ISO-8601 date or date-time (e.g. 2015-09-30T15:00:00Z)',
    ]);
    expect(problems({ mesaId: 'm', asOf: '2026-01-01T00:02:00Z' })).toEqual([
      'asOf must not be in the future',
    ]);
    expect(parseQuery(SCHEMA, { mesaId: 'm', asOf: '2026-01-01T00:00:30Z' }, context).asOf).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('runs the cross-parameter check once every parameter parsed', () => {
    expect(problems({ mesaId: 'm', limit: '13' })).toEqual(['limit must not be unlucky']);
  });

  it('a parameter name is printed escaped', () => {
    expect(problems({ mesaId: 'm', 'a\u0000b': '1' })).toEqual([
      expect.stringContaining('unknown query parameter "a\\u0000b"'),
    ]);
  });
});
