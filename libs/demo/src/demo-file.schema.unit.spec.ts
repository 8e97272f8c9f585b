import { DemoDataError, parseIndexFile, parseMesaFile } from './demo-file.schema';

describe('checking a demo data file', () => {
  const step = { path: '/mesas/m/launch', body: { occurredAt: '2020-01-01T10:00:00Z' } };
  const valid = { mesa: 'm', steps: [step] };

  it('accepts a well-formed file as it is', () => {
    expect(parseMesaFile(valid, 'm.json')).toBe(valid);
    expect(parseIndexFile({ mesas: ['m'] }, 'index.json')).toEqual({ mesas: ['m'] });
  });

  it.each([
    ['a file that is not an object', null, /^m\.json: expected an object/],
    ['an unknown field', { ...valid, step: [] }, /^m\.json: unknown field "step"/],
    [
      'a step without a body',
      { mesa: 'm', steps: [{ path: '/x' }] },
      /m\.json\.steps\[0\]: missing field "body"/,
    ],
    [
      'a body without occurredAt',
      { mesa: 'm', steps: [{ path: '/x', body: {} }] },
      /steps\[0\]\.body: missing field "occurredAt"/,
    ],
    [
      'an unknown actor',
      { mesa: 'm', steps: [{ ...step, as: 'auditor' }] },
      /steps\[0\]\.as: expected one of/,
    ],
    [
      'a route that is not one',
      { mesa: 'm', steps: [{ ...step, path: 'mesas' }] },
      /steps\[0\]\.path/,
    ],
    ['lists that are null', { ...valid, lists: null }, /m\.json\.lists: expected an object/],
    [
      'a list starting with a change',
      { ...valid, lists: { p: { from: { '2020-01-01': { add: ['a'] } } } } },
      /the first date holds the whole list/,
    ],
    [
      'a list dated wrongly',
      { ...valid, lists: { p: { from: { '2020-13-45': ['a'] } } } },
      /expected a date/,
    ],
    [
      'a series every 0 days',
      {
        ...valid,
        series: [{ template: 't', from: '2020-01-01', until: '2020-02-01', everyDays: 0 }],
      },
      /everyDays/,
    ],
  ])('refuses %s, naming the place', (_, file, message) => {
    expect(() => parseMesaFile(file, 'm.json')).toThrow(DemoDataError);
    expect(() => parseMesaFile(file, 'm.json')).toThrow(message);
  });

  it('refuses an index naming a mesa twice', () => {
    expect(() => parseIndexFile({ mesas: ['a', 'a'] }, 'index.json')).toThrow(/listed twice/);
  });
});
