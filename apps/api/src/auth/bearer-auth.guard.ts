import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '@mesas/domain';
import type { Request } from 'express';
import { TokenVerifier } from '@mesas/runtime';
import { INPUT_LIMITS } from '../http/input-limits';

const ROLES_KEY = 'mesas:roles';
/** Restricts a route to some roles (command routes leave the finer rules to the domain). */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

type AuthenticatedRequest = Request & { actor?: Actor };

/** `Bearer` and a compact JWS (three base64url parts); anything else is not looked at further. */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/** Requires a valid bearer token (401 otherwise) and, where a route says so, a role (403). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly tokens: TokenVerifier;

  constructor(
    jwt: JwtService,
    private readonly reflector: Reflector,
  ) {
    this.tokens = new TokenVerifier(jwt);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw new UnauthorizedException('a bearer token is required');
    const match = BEARER.exec(header);
    if (!match || header.length > INPUT_LIMITS.bearerToken) {
      throw new UnauthorizedException(
        'a bearer token is required: the Authorization header must be "Bearer " and a JWT',
      );
    }
    const actor = this.tokens.verify(match[1]);
    if (!actor) throw new UnauthorizedException('the bearer token is invalid or expired');
    const roles = this.rolesOf(context.getHandler(), context.getClass());
    if (roles !== null && !roles.includes(actor.role)) {
      throw new ForbiddenException(`this route is for ${roles.join(', ')} only`);
    }
    request.actor = actor;
    return true;
  }

  /**
   * The roles a route is restricted to (its handler's, else its class's), read once per route:
   * decorators are fixed once the classes are loaded.
   */
  private readonly roles = new WeakMap<
    object,
    { controller: object; roles: readonly Role[] | null }
  >();

  private rolesOf(handler: object, controller: object): readonly Role[] | null {
    const known = this.roles.get(handler);
    if (known !== undefined && known.controller === controller) return known.roles;
    const roles =
      this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
        handler as () => void,
        controller as new () => unknown,
      ]) ?? null;
    this.roles.set(handler, { controller, roles });
    return roles;
  }
}

/** The actor of the verified token. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('a bearer token is required');
  return actor;
});
