import { generateKeyPairSync } from 'node:crypto';
import { cosignatureVkey, ed25519Vkey } from '@mesas/transparency';
import { DEFAULT_LOG_ORIGIN, loadConfig } from './app-config';

const key = generateKeyPairSync('ed25519').privateKey;
const witness = cosignatureVkey('witness.example/w1', key);

describe('LOG_ORIGIN and WITNESSES', () => {
  it('default to a stable origin and no witnesses', () => {
    const config = loadConfig({});
    expect(config.logOrigin).toBe(DEFAULT_LOG_ORIGIN);
    expect(config.witnesses).toEqual([]);
  });

  it('take a schema-less origin and VKEY@URL pairs', () => {
    const config = loadConfig({
      LOG_ORIGIN: 'mesas.example.org/tlog',
      WITNESSES: ` ${witness}@https://w1.example/witness/ , ${cosignatureVkey('w2', key)}@http://127.0.0.1:9000`,
    });
    expect(config.logOrigin).toBe('mesas.example.org/tlog');
    expect(config.witnesses.map((w) => [w.key.name, w.url])).toEqual([
      ['witness.example/w1', 'https://w1.example/witness'],
      ['w2', 'http://127.0.0.1:9000'],
    ]);
  });

  it.each([
    ['https://mesas.example.org/tlog', 'a scheme'],
    ['mesas example', 'a space'],
    ['a+b', 'a plus sign'],
    ['mesas.example.org/tlog/', 'a trailing slash'],
  ])('refuses the origin %s (%s)', (origin) => {
    expect(() => loadConfig({ LOG_ORIGIN: origin })).toThrow(/LOG_ORIGIN/);
  });

  it.each([
    [`${witness}`, /needs @http/],
    [`${witness}@ftp://x`, /needs @http/],
    [`${ed25519Vkey('log', key)}@http://x`, /not a cosignature\/v1 key/],
    ['nonsense@http://x', /not a vkey/],
  ])('refuses WITNESSES=%s', (value, message) => {
    expect(() => loadConfig({ WITNESSES: value })).toThrow(message);
  });
});
