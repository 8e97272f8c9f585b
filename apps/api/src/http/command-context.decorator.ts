import {
  BadRequestException,
  ExecutionContext,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@mesas/domain';
import type { Request } from 'express';
import type { RequestContext } from '../commands/command-messages';
import { digest } from '../commands/idempotency';
import { toInstant } from './iso-instant';
import { isClientToken } from './request-headers';

/**
 * The request's context for a command: the verified actor, business time and session from the
 * body, the Idempotency-Key header, the request's correlation id (stored on its events), and a digest of method, path and body
 * (keys sorted) that tells a retry from another request under the same key.
 */
export const CommandContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext => {
    const request = context
      .switchToHttp()
      .getRequest<Request & { actor?: Actor; correlationId?: string }>();
    const actor = request.actor;
    if (!actor) throw new UnauthorizedException('a bearer token is required');
    const body = (request.body ?? {}) as Record<string, unknown>;
    // both headers were checked on arrival (request-headers.ts): present means well-formed
    const key = request.header('idempotency-key');
    if (key !== undefined && !isClientToken(key)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 200 visible ASCII characters');
    }
    // the body's validation refuses an occurredAt that toInstant cannot read; this must not throw
    const occurredAt = typeof body.occurredAt === 'string' ? toInstant(body.occurredAt) : null;
    return {
      actor,
      ...(occurredAt !== null ? { occurredAt } : {}),
      ...(typeof body.sessionId === 'string' && !request.path.endsWith('/sessions')
        ? { sessionId: body.sessionId }
        : {}),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
      requestHash: digest(`${request.method} ${request.path}\n${stableJson(body)}`),
      // X-Correlation-Id was checked on arrival (a malformed one is a 400) and made when absent
      correlationId: request.correlationId ?? randomUUID(),
    };
  },
);

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
