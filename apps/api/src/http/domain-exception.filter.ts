import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { DomainError } from '@mesas/domain';
import { ConcurrencyError, DuplicateEventError } from '@mesas/event-store';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { NotModified } from './http-cache.interceptor';

const STATUS: Record<DomainError['kind'], number> = {
  rule: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
};

/**
 * One error shape for every failure: `{statusCode, error, message}`, `error` being the HTTP
 * reason phrase (as in the edge's own 413, 415, 429 and 503). Domain refusals become
 * 409/404/403 with the domain's own sentence; anything unexpected is a 500 that is logged and
 * says nothing of the internals.
 */
/** The status a failure is answered with (500 for anything unexpected). */
export function statusOf(exception: unknown): number {
  if (exception instanceof DomainError) return STATUS[exception.kind];
  if (exception instanceof ConcurrencyError || exception instanceof DuplicateEventError) {
    return HttpStatus.CONFLICT;
  }
  if (exception instanceof HttpException) return exception.getStatus();
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof NotModified) return void response.status(304).end();
    const [status, message] = this.describe(exception);
    // a validator set before the handler failed belongs to the answer it did not give
    response.removeHeader('ETag');
    response.setHeader('Cache-Control', 'no-store');
    // readiness says which checks failed beside its message
    const checks =
      exception instanceof HttpException
        ? (exception.getResponse() as { checks?: unknown }).checks
        : undefined;
    response.status(status).json({
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message,
      ...(checks !== undefined ? { checks } : {}),
    });
  }

  private describe(exception: unknown): [number, string | string[]] {
    if (exception instanceof DomainError) return [STATUS[exception.kind], exception.message];
    if (exception instanceof ConcurrencyError) {
      return [
        HttpStatus.CONFLICT,
        `a concurrent write changed the same stream: ${exception.message}`,
      ];
    }
    if (exception instanceof DuplicateEventError) return [HttpStatus.CONFLICT, exception.message];
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : ((body as { message?: string | string[] }).message ?? exception.message);
      return [exception.getStatus(), message];
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return [HttpStatus.INTERNAL_SERVER_ERROR, 'internal error'];
  }
}
