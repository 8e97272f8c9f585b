import { Writable } from 'node:stream';
import { JsonLogger, RepeatedFailureLog, SecretScrubber, logContext } from './json-logger';

class Lines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      this.lines.push(JSON.parse(line));
    done();
  }
}

const SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEiLCJyb2xlIjoiY29vcmRpbmF0b3IifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, context and the request correlation id', () => {
    const out = new Lines();
    const logger = new JsonLogger('info', new SecretScrubber([]), out);
    logger.log('plain', 'Boot');
    logContext.run({ correlationId: 'req-7' }, () => logger.warn('inside', 'HTTP'));
    logger.debug('below the level', 'Boot');
    expect(out.lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Boot', msg: 'plain' }),
      expect.objectContaining({
        level: 'warn',
        context: 'HTTP',
        msg: 'inside',
        correlationId: 'req-7',
      }),
    ]);
    expect(out.lines[0]).not.toHaveProperty('correlationId');
  });

  it('redacts bearer tokens, JWTs, secrets and authorization headers', () => {
    const out = new Lines();
    const logger = new JsonLogger('info', new SecretScrubber([SECRET]), out);
    logger.error(
      `bad header Bearer ${JWT} with secret ${SECRET}`,
      `stack mentioning ${JWT}`,
      'Auth',
    );
    logger.line('info', { headers: { authorization: `Bearer ${JWT}` } }, 'request');
    const text = JSON.stringify(out.lines);
    expect(text).not.toContain(JWT);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('[redacted]');
  });
});

describe('RepeatedFailureLog', () => {
  it('logs the 1st, 2nd, 4th, 8th failure (or after a minute), counting what it held back', () => {
    let now = 0;
    const written: string[] = [];
    const log = new RepeatedFailureLog(
      (m) => written.push(m),
      () => now,
    );
    for (let i = 0; i < 10; i++) {
      log.failed('broker down');
      now += 1000;
    }
    expect(written).toEqual([
      'broker down',
      'broker down [failure 2]',
      'broker down [failure 4] (1 similar failures not logged)',
      'broker down [failure 8] (3 similar failures not logged)',
    ]);
    now += 60_000;
    log.failed('broker down');
    expect(written).toHaveLength(5);
    log.succeeded();
    log.failed('broker down again');
    expect(written[5]).toBe('broker down again');
  });
});
