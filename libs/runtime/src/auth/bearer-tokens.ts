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
  return {
    sub: claims.sub,
    role: claims.role,
    ...(claims.entity !== undefined ? { entity: claims.entity } : {}),
    ...(claims.mesa !== undefined ? { mesaId: claims.mesa } : {}),
  };
}
