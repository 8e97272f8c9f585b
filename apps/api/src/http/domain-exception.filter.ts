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

const STATUS: Record<DomainError['kind'], number> = {
  rule: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
};

/**
 * One error shape for every failure: `{statusCode, error, message}`. Domain refusals become
 * 409/404/403 with the domain's own sentence; anything unexpected is a 500 that is logged and
 * says nothing of the internals.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, message] = this.describe(exception);
    if (response.headersSent) return;
    response
      .status(status)
      .json({ statusCode: status, error: HttpStatus[status] ?? 'Error', message });
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
