import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, signCheckpoint, verifyCheckpoint } from '@mesas/transparency';
import { loadConfig } from '../config/app-config';
import { TransparencyKeyUnavailable, resolveTransparencyKey } from './transparency-key';

describe('the transparency signing key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesas-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const root = 'ab'.repeat(32);

  it('embedded: is made once under DATA_DIR (mode 0600) and found again', () => {
    const config = loadConfig({ DATA_DIR: dir });
    const first = resolveTransparencyKey(config);
    const file = join(dir, 'transparency-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first.privateKeyPem);
    const again = resolveTransparencyKey(config);
    expect(again).toEqual(first);
    expect(verifyCheckpoint(first.publicKeyPem, signCheckpoint(again.privateKeyPem, 3, root))).toBe(
      true,
    );
  });

  it('takes TRANSPARENCY_PRIVATE_KEY first, also with literal \\n as one-line env files write it', () => {
    const given = generateKeyPair();
    const oneLine = given.privateKeyPem.trim().replace(/\n/g, '\\n');
    for (const pem of [given.privateKeyPem, oneLine]) {
      const key = resolveTransparencyKey(
        loadConfig({ DATA_DIR: dir, TRANSPARENCY_PRIVATE_KEY: pem }),
      );
      expect(key.publicKeyPem).toBe(given.publicKeyPem);
    }
  });

  it('uses TRANSPARENCY_KEY_FILE, making it there when absent', () => {
    const file = join(dir, 'shared', 'log.pem');
    const config = loadConfig({
      DATA_DIR: dir,
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://x/y',
      TRANSPARENCY_KEY_FILE: file,
    });
    const made = resolveTransparencyKey(config);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveTransparencyKey(config)).toEqual(made);
  });

  it('server profile: refuses to invent a key, naming the settings', () => {
    const config = loadConfig({
      DATA_DIR: dir,
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://x/y',
    });
    expect(() => resolveTransparencyKey(config)).toThrow(TransparencyKeyUnavailable);
    expect(() => resolveTransparencyKey(config)).toThrow(
      /TRANSPARENCY_PRIVATE_KEY .* or TRANSPARENCY_KEY_FILE/,
    );
  });

  it('refuses a key that is not an Ed25519 PKCS#8 PEM', () => {
    const file = join(dir, 'bad.pem');
    writeFileSync(file, 'not a key');
    expect(() =>
      resolveTransparencyKey(loadConfig({ DATA_DIR: dir, TRANSPARENCY_KEY_FILE: file })),
    ).toThrow(/TRANSPARENCY_KEY_FILE .* does not hold an Ed25519 private key/);
  });
});
