import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '@mesas/domain';

/**
 * Where `mesas audit verify` and `mesas export` read a public history from: a running server
 * (over its public routes, plus `/audit/events` with an auditor token) or an export directory
 * (`history.ndjson`, `checkpoint.json`, `key.pem`, as `mesas export` writes them).
 */
export interface HistorySource {
  readonly description: string;
  checkpoint(): Promise<unknown>;
  publicKeyPem(): Promise<string>;
  /** every entry as served, in order; an unreadable line yields an object without an index */
  entries(): AsyncIterable<unknown>;
  consistencyProof?(first: number, second: number): Promise<unknown>;
  inclusionProof?(index: number, treeSize: number): Promise<unknown>;
  /** the audit log's envelopes, in log order (needs an auditor token) */
  auditEvents?(): AsyncIterable<unknown>;
}

export const EXPORT_FILES = {
  history: 'history.ndjson',
  checkpoint: 'checkpoint.json',
  key: 'key.pem',
} as const;

/** `http://host:3000` or `http://host:3000/api/v1` → the API's base URL. */
export function apiBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url must be an http(s) URL, not ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`--url must be an http(s) URL, not ${url}`);
  }
  const base = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  return base.endsWith('/api/v1') ? base : `${base}/api/v1`;
}

export class HttpHistorySource implements HistorySource {
  readonly description: string;
  private readonly base: string;

  constructor(
    url: string,
    private readonly token: string | null = null,
    private readonly lang: Lang = 'es',
  ) {
    this.base = apiBaseUrl(url);
    this.description = this.base;
  }

  checkpoint(): Promise<unknown> {
    return this.json('/transparency/checkpoint');
  }

  async publicKeyPem(): Promise<string> {
    const key = (await this.json('/transparency/key')) as {
      algorithm?: unknown;
      publicKeyPem?: unknown;
    };
    if (key.algorithm !== 'Ed25519' || typeof key.publicKeyPem !== 'string') {
      throw new Error(`${this.base}/transparency/key did not answer an Ed25519 public key`);
    }
    return key.publicKeyPem;
  }

  async *entries(): AsyncIterable<unknown> {
    const res = await this.get(`/history?lang=${this.lang}`, 'application/x-ndjson');
    yield* ndjson(res);
  }

  consistencyProof(first: number, second: number): Promise<unknown> {
    return this.json(`/transparency/proof/consistency?first=${first}&second=${second}`);
  }

  inclusionProof(index: number, treeSize: number): Promise<unknown> {
    return this.json(`/transparency/proof/inclusion?index=${index}&treeSize=${treeSize}`);
  }

  async *auditEvents(): AsyncIterable<unknown> {
    if (!this.token) return;
    const res = await this.get('/audit/events', 'application/x-ndjson', this.token);
    yield* ndjson(res);
  }

  private async json(path: string): Promise<unknown> {
    const res = await this.get(path, 'application/json');
    return res.json();
  }

  private async get(path: string, accept: string, token: string | null = null): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { headers });
    } catch (error) {
      throw new Error(`GET ${this.base}${path}: ${(error as Error).message}`);
    }
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      let message = body.slice(0, 300);
      try {
        const parsed = JSON.parse(body) as { message?: unknown };
        if (parsed.message !== undefined) message = String(parsed.message);
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`GET ${this.base}${path} → ${res.status}${message ? `: ${message}` : ''}`);
    }
    return res;
  }
}

export class FileHistorySource implements HistorySource {
  readonly description: string;

  constructor(private readonly dir: string) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`--file must be a directory written by mesas export, not ${dir}`);
    }
    for (const name of Object.values(EXPORT_FILES)) {
      if (!existsSync(join(dir, name))) throw new Error(`${join(dir, name)} is missing`);
    }
    this.description = dir;
  }

  async checkpoint(): Promise<unknown> {
    return JSON.parse(readFileSync(join(this.dir, EXPORT_FILES.checkpoint), 'utf8'));
  }

  async publicKeyPem(): Promise<string> {
    return readFileSync(join(this.dir, EXPORT_FILES.key), 'utf8');
  }

  async *entries(): AsyncIterable<unknown> {
    yield* parseLines(createReadStream(join(this.dir, EXPORT_FILES.history)));
  }
}

async function* ndjson(res: Response): AsyncIterable<unknown> {
  if (!res.body) return;
  yield* parseLines(res.body as unknown as AsyncIterable<Uint8Array>);
}

/** NDJSON records from a byte stream, one at a time (the log is never held whole). */
export async function* parseLines(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncIterable<unknown> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let buffered = '';
  let line = 0;
  const parse = (text: string): unknown => {
    line++;
    try {
      return JSON.parse(text);
    } catch {
      return { unreadableLine: line };
    }
  };
  for await (const chunk of chunks) {
    buffered += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (text !== '') yield parse(text);
    }
  }
  buffered += decoder.decode();
  if (buffered.trim() !== '') yield parse(buffered.trim());
}
