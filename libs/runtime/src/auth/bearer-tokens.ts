import { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '@mesas/domain';
import { ACTOR_ROLES, ID_PATTERN, isCode } from '@mesas/domain';

interface Claims {
  sub: string;
  role: Role;
  entity?: string;
  mesa?: string;
}

/** Signs the bearer tokens of API.md: HS256 over {sub, role, entity?, mesa?}. */
export function signToken(secret: string, actor: Actor, expiresInSeconds = 30 * 24 * 3600): string {
  const claims: Claims = { sub: actor.sub, role: actor.role };
  if (actor.entity !== undefined) claims.entity = actor.entity;
  if (actor.mesaId !== undefined) claims.mesa = actor.mesaId;
  return new JwtService({ secret }).sign(claims, {
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
  });
}

/** Verifies a token and reads its actor; null when the token is not one of ours. */
export function verifyToken(jwt: JwtService, token: string): Actor | null {
  let claims: Partial<Claims>;
  try {
    claims = jwt.verify<Claims>(token, { algorithms: ['HS256'] });
  } catch {
    return null;
  }
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) return null;
  if (!isCode(ACTOR_ROLES, claims.role)) return null;
  if (
    claims.mesa !== undefined &&
    (typeof claims.mesa !== 'string' || !ID_PATTERN.test(claims.mesa))
  )
    return null;
  if (claims.entity !== undefined && typeof claims.entity !== 'string') return null;
  return {
    sub: claims.sub,
    role: claims.role,
    ...(claims.entity !== undefined ? { entity: claims.entity } : {}),
    ...(claims.mesa !== undefined ? { mesaId: claims.mesa } : {}),
  };
}
