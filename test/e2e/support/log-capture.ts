import { Writable } from 'node:stream';
import type { Response } from 'supertest';

/** The JSON lines an app wrote (`logDestination`), kept as written and parsed. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  /** the access lines only (one per request) */
  get accessLines(): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === 'request');
  }
}

/** Every header but those of one moment or one request (Date, the fresh correlation id). */
export function stableHeaders(res: Response): Record<string, string> {
  const headers = { ...(res.headers as Record<string, string>) };
  delete headers.date;
  delete headers['x-correlation-id'];
  return headers;
}
