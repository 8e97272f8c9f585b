import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { TOKEN_CLOCK_SKEW_SECONDS, TokenVerifier, signToken, verifyToken } from './bearer-tokens';

const secret = 'unit-secret';
const jwt = new JwtService({ secret });
const now = 1_800_000_000;
/** HS256 by hand, so that claims the library would not sign (a textual iat) can be made. */
const sign = (claims: object) => {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: 'ana', role: 'coordinator', ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

describe('bearer tokens', () => {
  it('signToken always sets iat and exp', () => {
    const claims = jwt.decode(signToken(secret, { sub: 'ana', role: 'auditor' }, 3600)) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(3600);
    expect(() => signToken(secret, { sub: 'ana', role: 'auditor' }, 0)).toThrow(/must expire/);
  });

  it('accepts a token with an expiry, issued now', () => {
    expect(verifyToken(jwt, sign({ iat: now, exp: now + 60 }), now)).toEqual({
      sub: 'ana',
      role: 'coordinator',
    });
  });

  it('refuses a token without exp: it would never expire', () => {
    expect(verifyToken(jwt, sign({ iat: now }), now)).toBeNull();
    expect(verifyToken(jwt, sign({}), now)).toBeNull();
  });

  it('TokenVerifier remembers accepted tokens, yet refuses each from its exp on', () => {
    const tokens = new TokenVerifier(jwt, 2);
    const token = sign({ iat: now, exp: now + 60 });
    const actor = tokens.verify(token, now);
    expect(actor).toEqual({ sub: 'ana', role: 'coordinator' });
    expect(tokens.verify(token, now + 59)).toBe(actor);
    expect(tokens.verify(token, now + 60)).toBeNull();
    expect(tokens.verify(token, now + 30)).toEqual(actor); // verified again, still valid then
    // a refused token is refused every time, as verifyToken refuses it
    const forged = `${token.slice(0, -2)}xx`;
    expect(tokens.verify(forged, now)).toBeNull();
    expect(
      tokens.verify(sign({ iat: now + TOKEN_CLOCK_SKEW_SECONDS + 1, exp: now + 600 }), now),
    ).toBeNull();
    // beyond its capacity the least recently used is dropped (and verified again when it returns)
    const other = sign({ iat: now, exp: now + 120, sub: 'bea' });
    const third = sign({ iat: now, exp: now + 120, sub: 'eva' });
    expect(tokens.verify(other, now)?.sub).toBe('bea');
    expect(tokens.verify(third, now)?.sub).toBe('eva');
    expect(tokens.verify(token, now)?.sub).toBe('ana');
  });

  it('refuses an expired token', () => {
    expect(verifyToken(jwt, sign({ iat: now - 100, exp: now - 1 }), now)).toBeNull();
  });

  it(`tolerates iat and nbf up to ${TOKEN_CLOCK_SKEW_SECONDS} s ahead, not more`, () => {
    const skew = TOKEN_CLOCK_SKEW_SECONDS;
    for (const field of ['iat', 'nbf']) {
      expect(verifyToken(jwt, sign({ exp: now + 600, [field]: now + skew }), now)).not.toBeNull();
      expect(verifyToken(jwt, sign({ exp: now + 600, [field]: now + skew + 1 }), now)).toBeNull();
      expect(verifyToken(jwt, sign({ exp: now + 600, [field]: 'soon' }), now)).toBeNull();
    }
  });

  it.each([
    ['a lone surrogate', { sub: 'a\ud800' }],
    ['a line break', { sub: 'ana\nrole: auditor' }],
    ['blank', { sub: '   ' }],
    ['too long', { sub: 'x'.repeat(201) }],
    ['a number', { sub: 42 }],
    ['an entity with NUL', { role: 'public_rep', entity: 'SERFOR\u0000' }],
    ['an entity too long', { role: 'public_rep', entity: 'E'.repeat(101) }],
    ['a mesa that is not an id', { mesa: 'Mesa Forestal' }],
  ])('refuses a subject or entity that is not one line: %s', (_what, claims) => {
    expect(verifyToken(jwt, sign({ exp: now + 60, ...claims }), now)).toBeNull();
  });

  it('keeps well-formed text in the subject and entity', () => {
    expect(
      verifyToken(
        jwt,
        sign({ exp: now + 60, sub: 'María Ñandú 🌳', role: 'public_rep', entity: 'SERFOR' }),
        now,
      ),
    ).toEqual({ sub: 'María Ñandú 🌳', role: 'public_rep', entity: 'SERFOR' });
  });
});
