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

  it('writes access lines in order with the other lines, with exactly their fields', () => {
    const out = new Lines();
    const logger = new JsonLogger('info', new SecretScrubber([]), out);
    logger.log('before', 'Boot');
    logContext.run({ correlationId: 'outer' }, () =>
      logger.access('error', {
        correlationId: 'req-8',
        method: 'POST',
        route: '/api/v1/mesas',
        status: 500,
        durationMs: 1.5,
        aborted: true,
      }),
    );
    logger.access('info', {
      correlationId: 'req-9',
      method: 'GET',
      route: '(static)',
      status: 200,
      durationMs: 0.2,
    });
    logger.log('after', 'Boot');
    expect(out.lines.map((l) => l.msg)).toEqual(['before', 'request', 'request', 'after']);
    expect(out.lines[1]).toEqual({
      level: 'error',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      correlationId: 'req-8',
      method: 'POST',
      route: '/api/v1/mesas',
      status: 500,
      durationMs: 1.5,
      aborted: true,
      msg: 'request',
    });
    expect(out.lines[2]).toMatchObject({ level: 'info', correlationId: 'req-9', status: 200 });
    expect(out.lines[2]).not.toHaveProperty('aborted');
  });

  it('writes no access line below its level', () => {
    const out = new Lines();
    const logger = new JsonLogger('error', new SecretScrubber([]), out);
    const line = { correlationId: 'c', method: 'GET', route: '/', durationMs: 1 };
    logger.access('info', { ...line, status: 200 });
    logger.access('error', { ...line, status: 503 });
    expect(out.lines.map((l) => l.status)).toEqual([503]);
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
