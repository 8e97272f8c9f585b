import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decideAddCheckpoint, type NoteVerifierKey, type WitnessAnswer } from '@mesas/transparency';
import {
  readState,
  writeState,
  type WitnessIdentityOnDisk,
  type WitnessStateFile,
} from './witness-store';

/** Requests larger than this are refused (413): a checkpoint, 63 proof lines and signatures fit. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A C2SP tlog-witness (c2sp.org/tlog-witness): `POST /add-checkpoint`. Requests are decided one
 * at a time (a promise chain), and a cosignature leaves only after the new record is on disk, so
 * the check of the old size and the update are atomic even under concurrent requests.
 */
export class WitnessServer {
  private state: WitnessStateFile;
  private queue: Promise<unknown> = Promise.resolve();
  private server: Server | null = null;

  constructor(
    private readonly dir: string,
    private readonly identity: WitnessIdentityOnDisk,
    private readonly logs: readonly NoteVerifierKey[],
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.state = readState(dir);
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.contentType });
          res.end(answer.body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage): Promise<WitnessAnswer | Plain> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/add-checkpoint')
      return plain(404, 'not found: this witness serves POST /add-checkpoint');
    if (req.method !== 'POST') return plain(405, 'add-checkpoint is a POST');
    const body = await readBody(req);
    if (body === null) return plain(413, `the request exceeds ${MAX_BODY_BYTES} bytes`);
    if (body === undefined) return plain(400, 'the request is not UTF-8');
    const decided = this.queue.then(() => this.decide(body));
    this.queue = decided.catch(() => undefined);
    return decided;
  }

  private decide(body: string): WitnessAnswer {
    const answer = decideAddCheckpoint({
      body,
      logs: this.logs,
      recorded: (origin) => this.state.logs[origin] ?? null,
      witness: this.identity,
      now: this.now(),
    });
    if (answer.record) {
      const { origin, record } = answer.record;
      const next: WitnessStateFile = {
        logs: { ...this.state.logs, [origin]: { ...record, cosignedAt: new Date().toISOString() } },
      };
      writeState(this.dir, next); // on disk before the cosignature leaves
      this.state = next;
    }
    return answer;
  }
}

type Plain = { status: number; contentType: string; body: string };

function plain(status: number, message: string): Plain {
  return { status, contentType: 'text/plain; charset=utf-8', body: `${message}\n` };
}

/** The body as UTF-8; null when too large, undefined when not UTF-8. */
async function readBody(req: IncomingMessage): Promise<string | null | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}
