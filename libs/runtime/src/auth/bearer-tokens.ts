import { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '@mesas/domain';
import { ACTOR_ROLES, ID_PATTERN, isCode } from '@mesas/domain';

interface Claims {
  sub: string;
  role: Role;
  entity?: string;
  mesa?: string;
  exp?: number;
  iat?: number;
  nbf?: number;
}

/** How far ahead of our clock a token's `iat` or `nbf` may be (the issuer's clock skew). */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

/**
 * One line of 1 to `max` code points that a log line, an event's metadata and a comparison can
 * take as is: well-formed Unicode (no lone surrogate), no control character, not blank.
 */
const lineOf = (max: number) => new RegExp(`^(?!\\s*$)[^\\p{Cc}\\p{Cs}]{1,${max}}$`, 'u');
const SUBJECT = lineOf(200);
const ENTITY = lineOf(100);
/** A token subject: one line of 1 to 200 characters. */
export const isTokenSubject = (sub: string): boolean => SUBJECT.test(sub);
/** A public entity's code in a token: one line of 1 to 100 characters. */
export const isTokenEntity = (entity: string): boolean => ENTITY.test(entity);
/** The longest a `mesas token` may live. */
export const MAX_TOKEN_DAYS = 366;

/**
 * Signs the bearer tokens of docs/API.md: HS256 over {sub, role, entity?, mesa?}, always with `iat`
 * and `exp` (a token without an expiry is refused by `verifyToken`).
 */
export function signToken(secret: string, actor: Actor, expiresInSeconds = 30 * 24 * 3600): string {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
    throw new RangeError(`a token must expire: ${expiresInSeconds} is not a number of seconds`);
  }
  const claims: Claims = { sub: actor.sub, role: actor.role };
  if (actor.entity !== undefined) claims.entity = actor.entity;
  if (actor.mesaId !== undefined) claims.mesa = actor.mesaId;
  return new JwtService({ secret }).sign(claims, {
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
  });
}

/**
 * Verifies a token and reads its actor; null when the token is not one of ours or not valid now:
 * signed with our secret (HS256 only), unexpired, WITH an expiry (`exp`: a token without one
 * would be valid forever), not issued (`iat`) nor valid from (`nbf`) more than
 * TOKEN_CLOCK_SKEW_SECONDS in the future, and claims of the right shape (the subject and entity
 * end up in events' metadata and in logs: one well-formed line each).
 */
export function verifyToken(
  jwt: JwtService,
  token: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Actor | null {
  return verifiedClaims(jwt, token, nowSeconds)?.actor ?? null;
}

/**
 * `verifyToken` with a memory of the tokens it accepted, for the bearer guard: a token is the
 * same string with the same signature on every request, so once accepted only the one check that
 * time can turn against it is made again, its expiry (refused from `exp` on, as `verifyToken`
 * does; `iat` and `nbf` only become more acceptable with time). Refused tokens are not
 * remembered, so nothing a client without a valid token sends takes memory. At most `capacity`
 * tokens are remembered, the least recently used dropped first.
 */
export class TokenVerifier {
  private readonly accepted = new Map<string, { readonly actor: Actor; readonly exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly capacity = 1000,
  ) {}

  verify(token: string, nowSeconds: number = Math.floor(Date.now() / 1000)): Actor | null {
    const known = this.accepted.get(token);
    if (known) {
      this.accepted.delete(token);
      if (!(nowSeconds < known.exp)) return null;
      this.accepted.set(token, known);
      return known.actor;
    }
    const verified = verifiedClaims(this.jwt, token, nowSeconds);
    if (!verified) return null;
    this.accepted.set(token, verified);
    if (this.accepted.size > this.capacity) {
      this.accepted.delete(this.accepted.keys().next().value as string);
    }
    return verified.actor;
  }
}

function verifiedClaims(
  jwt: JwtService,
  token: string,
  nowSeconds: number,
): { readonly actor: Actor; readonly exp: number } | null {
  let claims: Partial<Claims>;
  try {
    // nbf is checked below with the skew; exp by the library, and required below
    claims = jwt.verify<Claims>(token, {
      algorithms: ['HS256'],
      ignoreNotBefore: true,
      clockTimestamp: nowSeconds,
    });
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return null;
  for (const time of [claims.iat, claims.nbf]) {
    if (time === undefined) continue;
    if (typeof time !== 'number' || !(time <= nowSeconds + TOKEN_CLOCK_SKEW_SECONDS)) return null;
  }
  if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) return null;
  if (!isCode(ACTOR_ROLES, claims.role)) return null;
  if (
    claims.mesa !== undefined &&
    (typeof claims.mesa !== 'string' || !ID_PATTERN.test(claims.mesa))
  )
    return null;
  if (
    claims.entity !== undefined &&
    (typeof claims.entity !== 'string' || !ENTITY.test(claims.entity))
  )
    return null;
  const actor: Actor = Object.freeze({
    sub: claims.sub,
    role: claims.role,
    ...(claims.entity !== undefined ? { entity: claims.entity } : {}),
    ...(claims.mesa !== undefined ? { mesaId: claims.mesa } : {}),
  });
  return { actor, exp: claims.exp };
}
