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
import { verifyToken } from '@mesas/runtime';

const ROLES_KEY = 'mesas:roles';
/** Restricts a route to some roles (command routes leave the finer rules to the domain). */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

type AuthenticatedRequest = Request & { actor?: Actor };

/** Requires a valid bearer token (401 otherwise) and, where a route says so, a role (403). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('a bearer token is required');
    const actor = verifyToken(this.jwt, match[1]);
    if (!actor) throw new UnauthorizedException('the bearer token is invalid or expired');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenException(`this route is for ${roles.join(', ')} only`);
    }
    request.actor = actor;
    return true;
  }
}

/** The actor of the verified token. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('a bearer token is required');
  return actor;
});
