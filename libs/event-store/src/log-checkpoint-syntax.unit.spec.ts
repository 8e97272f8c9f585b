import { INT64_MAX, parseLogCheckpoint, parsePositionText } from './log-checkpoint-syntax';

describe('log checkpoint syntax', () => {
  it.each([
    ['sqlite', '0', [0n]],
    ['sqlite', '42', [42n]],
    ['sqlite', INT64_MAX.toString(), [INT64_MAX]],
    ['postgres', '745:12', [745n, 12n]],
    ['postgres', `${2n ** 64n - 1n}:${INT64_MAX}`, [2n ** 64n - 1n, INT64_MAX]],
    ['esdb', '1024/1000', [1024n, 1000n]],
  ] as const)('%s accepts %s', (syntax, text, numbers) => {
    expect(parseLogCheckpoint(syntax, text)).toEqual(numbers);
  });

  it.each([
    ['sqlite', 'abc'],
    ['sqlite', '-1'],
    ['sqlite', '1.5'],
    ['sqlite', '1:2'],
    ['sqlite', ''],
    ['sqlite', ' 1'],
    ['sqlite', (INT64_MAX + 1n).toString()],
    ['sqlite', '1234567890123456789012345'],
    ['postgres', '12'],
    ['postgres', '1:2:3'],
    ['postgres', `1:${INT64_MAX + 1n}`],
    ['postgres', `${2n ** 64n}:1`],
    ['esdb', '1:2'],
    ['esdb', `${2n ** 64n}/1`],
  ] as const)('%s refuses %j', (syntax, text) => {
    expect(parseLogCheckpoint(syntax, text)).toBeNull();
  });

  it('positions a command returned: 0 to 2^63 − 1, decimal only', () => {
    expect(parsePositionText('7')).toBe(7n);
    expect(parsePositionText(INT64_MAX.toString())).toBe(INT64_MAX);
    for (const bad of ['-1', '0x10', '1e3', '9223372036854775808', '', '１'])
      expect(parsePositionText(bad)).toBeNull();
  });
});
