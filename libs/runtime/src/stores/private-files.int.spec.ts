import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpectedVersion } from '@mesas/event-store';
import { resolveAuthSecret } from '../auth/auth-secret';
import { loadConfig } from '../config/app-config';
import { resolveTransparencyKey } from '../transparency/transparency-key';
import { openDocumentStore, openEventStore } from './store-factory';

/**
 * Everything the embedded profile keeps under DATA_DIR is its user's alone: the folder 0700,
 * every file 0600 (the SQLite databases with their -wal and -shm, the token secret, the
 * signing key), even under a umask that would leave them world-readable, and also when an
 * older build had left them so.
 */
describe('DATA_DIR is private', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mesas-private-'));
    umask = process.umask(0o000); // the worst case: nothing masked
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  const mode = (path: string) => statSync(path).mode & 0o777;

  async function useEverything(dataDir: string): Promise<void> {
    const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off' });
    const events = await openEventStore(config);
    const documents = await openDocumentStore(config);
    await events.append(
      'mesa-privada',
      [
        {
          eventId: crypto.randomUUID(),
          type: 'MesaLaunched',
          schemaVersion: 1,
          occurredAt: new Date().toISOString(),
          data: { mesaId: 'privada' },
          metadata: { actor: 'ana', correlationId: 'c', causationId: null, commandId: 'k' },
        },
      ],
      ExpectedVersion.any,
    );
    resolveAuthSecret(null, dataDir);
    resolveTransparencyKey(config);
    // while the stores are open, their -wal and -shm exist
    expect(readdirSync(dataDir)).toEqual(
      expect.arrayContaining(['events.sqlite-wal', 'events.sqlite-shm', 'read-models.sqlite']),
    );
    expectPrivate(dataDir);
    await documents.close();
    await events.close();
  }

  function expectPrivate(dataDir: string): void {
    expect(mode(dataDir).toString(8)).toBe('700');
    const files = readdirSync(dataDir);
    expect(files).toEqual(
      expect.arrayContaining([
        'events.sqlite',
        'read-models.sqlite',
        'auth-secret',
        'transparency-key.pem',
      ]),
    );
    for (const file of files) {
      expect({ file, mode: mode(join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
    }
  }

  it('a DATA_DIR made on first start: 0700, its files 0600', async () => {
    await useEverything(join(root, 'nuevo', 'data'));
  });

  it('a DATA_DIR an older build left world-readable is narrowed on start', async () => {
    const dataDir = join(root, 'viejo');
    mkdirSync(dataDir, { mode: 0o755 });
    for (const file of ['events.sqlite', 'events.sqlite-wal', 'auth-secret']) {
      writeFileSync(join(dataDir, file), file === 'auth-secret' ? 'a-secret\n' : '');
      chmodSync(join(dataDir, file), 0o644);
    }
    chmodSync(dataDir, 0o755);
    await useEverything(dataDir);
  });
});
