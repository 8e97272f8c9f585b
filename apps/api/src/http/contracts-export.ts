import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncApiDocument } from '@mesas/messaging';
import { loadConfig } from '@mesas/runtime';
import { createApp } from './create-app';
import { openApiDocument } from './openapi-document';

/**
 * Writes `openapi.json` and `asyncapi.json` into `outDir`, exactly as the server serves them
 * (`/docs-json`, `/asyncapi.json`): the app is built on an empty embedded store in a temporary
 * DATA_DIR, never started, and closed again. Used by `npm run lint:contracts`.
 */
export async function writeContracts(outDir: string): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mesas-contracts-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off' });
  const app = await createApp(config, { logger: false });
  try {
    mkdirSync(outDir, { recursive: true });
    const files = [
      [join(outDir, 'openapi.json'), openApiDocument(app)],
      [join(outDir, 'asyncapi.json'), asyncApiDocument({ partitions: config.kafkaPartitions })],
    ] as const;
    for (const [file, document] of files) writeFileSync(file, JSON.stringify(document, null, 2));
    return files.map(([file]) => file);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
