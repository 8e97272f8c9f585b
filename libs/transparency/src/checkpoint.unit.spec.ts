import { createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import {
  checkpointMessage,
  generateKeyPair,
  publicKeyPemFromPrivate,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
} from './checkpoint';
import { EMPTY_TREE_ROOT } from './merkle';
import { ROOTS } from './testing/reference-tree';

// RFC 8032 §7.1, TEST 1: the Ed25519 secret key 9d61b1…7f60 and its public key d75a98…511a,
// wrapped in the fixed PKCS#8 / SPKI DER prefixes for Ed25519 (RFC 8410).
const RFC8032_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const rfcPrivatePem = createPrivateKey({
  key: Buffer.from(`302e020100300506032b657004220420${RFC8032_SECRET}`, 'hex'),
  format: 'der',
  type: 'pkcs8',
})
  .export({ type: 'pkcs8', format: 'pem' })
  .toString();

const root = ROOTS[2];

describe('checkpointMessage', () => {
  it('is the exact UTF-8 text of the contract', () => {
    expect(checkpointMessage(3, root).toString('utf8')).toBe(
      `mesas-transparency-log\n3\n${root}\n`,
    );
    expect(checkpointMessage(0, EMPTY_TREE_ROOT).subarray(0, 25).toString('hex')).toBe(
      '6d657361732d7472616e73706172656e63792d6c6f670a300a',
    );
    expect(checkpointMessage(2 ** 40, root).toString()).toContain('\n1099511627776\n');
  });

  it.each<[string, number, string]>([
    ['negative size', -1, root],
    ['fractional size', 1.5, root],
    ['uppercase root', 3, root.toUpperCase()],
    ['short root', 3, root.slice(1)],
  ])('refuses a %s', (_what, size, hash) => {
    expect(() => checkpointMessage(size, hash)).toThrow();
  });
});

describe('signCheckpoint / verifyCheckpoint', () => {
  it('signs the contract message with the configured key (RFC 8032 test key)', () => {
    expect(
      createPublicKey(publicKeyPemFromPrivate(rfcPrivatePem))
        .export({ type: 'spki', format: 'der' })
        .toString('hex'),
    ).toBe(`302a300506032b6570032100${RFC8032_PUBLIC}`);
    const checkpoint = signCheckpoint(rfcPrivatePem, 3, root);
    expect(checkpoint).toEqual({ treeSize: 3, rootHash: root, signature: expect.any(String) });
    // Checked independently of the module: node's verify over the literal message and raw key.
    const publicKey = createPublicKey({
      key: Buffer.from(`302a300506032b6570032100${RFC8032_PUBLIC}`, 'hex'),
      format: 'der',
      type: 'spki',
    });
    const literal = Buffer.from(`mesas-transparency-log\n3\n${root}\n`, 'utf8');
    expect(verify(null, literal, publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(
      true,
    );
    expect(Buffer.from(checkpoint.signature, 'base64')).toHaveLength(64);
    // Ed25519 is deterministic: one tree head, one signature.
    expect(signCheckpoint(rfcPrivatePem, 3, root).signature).toBe(checkpoint.signature);
  });

  it('generates PKCS#8 / SPKI PEM key pairs that sign and verify', () => {
    const { privateKeyPem, publicKeyPem } = generateKeyPair();
    expect(privateKeyPem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/,
    );
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    expect(createPrivateKey(privateKeyPem).asymmetricKeyType).toBe('ed25519');
    expect(publicKeyPemFromPrivate(privateKeyPem)).toBe(publicKeyPem);
    expect(generateKeyPair().publicKeyPem).not.toBe(publicKeyPem);
    expect(verifyCheckpoint(publicKeyPem, signCheckpoint(privateKeyPem, 0, EMPTY_TREE_ROOT))).toBe(
      true,
    );
  });

  describe('rejects, never throwing', () => {
    const { privateKeyPem, publicKeyPem } = generateKeyPair();
    const good = signCheckpoint(privateKeyPem, 3, root);
    const flipped = Buffer.from(good.signature, 'base64');
    flipped[10] ^= 0x01;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

    it.each<[string, string, unknown]>([
      ['another tree size', publicKeyPem, { ...good, treeSize: 4 }],
      ['another root', publicKeyPem, { ...good, rootHash: ROOTS[3] }],
      ['a flipped signature bit', publicKeyPem, { ...good, signature: flipped.toString('base64') }],
      [
        'a truncated signature',
        publicKeyPem,
        { ...good, signature: good.signature.slice(0, 84) + '==' },
      ],
      [
        'base64url instead of base64',
        publicKeyPem,
        { ...good, signature: Buffer.from(good.signature, 'base64').toString('base64url') },
      ],
      [
        'non-canonical padding bits',
        publicKeyPem,
        {
          ...good,
          signature:
            good.signature.slice(0, 85) +
            String.fromCharCode(good.signature.charCodeAt(85) + 1) +
            '==',
        },
      ],
      ['a signature that is not a string', publicKeyPem, { ...good, signature: 7 }],
      ['a string tree size', publicKeyPem, { ...good, treeSize: '3' }],
      ['an uppercase root', publicKeyPem, { ...good, rootHash: root.toUpperCase() }],
      ['null', publicKeyPem, null],
      ['another Ed25519 key', generateKeyPair().publicKeyPem, good],
      ['an RSA key', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), good],
      [
        'a PEM that is not a key',
        '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
        good,
      ],
      ['an empty key', '', good],
    ])('%s', (_what, key, checkpoint) => {
      expect(verifyCheckpoint(publicKeyPem, good)).toBe(true);
      expect(verifyCheckpoint(key, checkpoint as Checkpoint)).toBe(false);
    });

    it('and refuses to sign with a key that is not Ed25519', () => {
      const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(() => signCheckpoint(rsaPem, 3, root)).toThrow(/Ed25519/);
      expect(() => signCheckpoint(privateKeyPem, 3, 'nope')).toThrow(TypeError);
    });
  });
});
