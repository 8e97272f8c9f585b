import { createServer, get, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'express';
import { writeChunk } from './stream-writer';

const CHUNK = 'x'.repeat(64 * 1024);
/** 25 MB: more than a loopback socket and Node's buffers hold for a reader that does not read */
const CHUNKS = 400;

/**
 * A download to a real socket: while the reader does not read, the writer waits (it does not
 * buffer the whole body); when the reader resumes, everything arrives; when it goes away, the
 * writer stops instead of waiting forever.
 */
describe('writeChunk', () => {
  let server: Server;
  let written = 0;
  let outcome: Promise<'complete' | 'closed'>;
  let response: Response;

  beforeEach(async () => {
    written = 0;
    let settle: (v: 'complete' | 'closed') => void = () => undefined;
    outcome = new Promise((resolve) => (settle = resolve));
    server = createServer((_req, res) => {
      response = res as unknown as Response;
      void (async () => {
        for (let i = 0; i < CHUNKS; i++) {
          if (!(await writeChunk(response, CHUNK))) return settle('closed');
          written++;
        }
        res.end();
        settle('complete');
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  async function pausedClient(): Promise<IncomingMessage> {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve) =>
      get({ port, host: '127.0.0.1' }, resolve),
    );
    res.pause();
    // the writer is now blocked on a full socket
    while (!response?.writableNeedDrain) await new Promise((r) => setImmediate(r));
    return res;
  }

  it('waits for a slow reader, then delivers everything', async () => {
    const res = await pausedClient();
    expect(written).toBeLessThan(CHUNKS);
    let received = 0;
    res.on('data', (c: Buffer) => (received += c.length));
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    expect(await outcome).toBe('complete');
    expect(received).toBe(CHUNK.length * CHUNKS);
  });

  it('stops when the reader goes away', async () => {
    const res = await pausedClient();
    res.destroy();
    expect(await outcome).toBe('closed');
    expect(written).toBeLessThan(CHUNKS);
  });
});
