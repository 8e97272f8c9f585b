import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/app-config';

/** The fields of an access line (`JsonLogger.access`). */
export interface AccessLine {
  readonly correlationId: string;
  readonly method: string;
  /** the route's pattern (`/api/v1/mesas/:mesaId`), never the path as sent */
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  /** present when the client went away before the answer was complete */
  readonly aborted?: true;
}

/** What a log line knows about the request it was written under. */
export interface LogContext {
  readonly correlationId: string;
}

/**
 * The request a line is written under: the API's edge runs each request inside `run`, and every
 * line logged while serving it (by any Nest Logger) carries its correlation id.
 */
export const logContext = new AsyncLocalStorage<LogContext>();

const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;
/** a JWT anywhere in a message (three base64url parts, the first two starting `eyJ`) */
const JWT = /\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
const REDACTED = '[redacted]';

/**
 * Removes what must never reach a log: bearer tokens, JWTs, and the configured secrets (the
 * token secret, the transparency private key), wherever they appear in a message.
 */
export class SecretScrubber {
  private readonly secrets: string[];

  constructor(secrets: readonly (string | null | undefined)[]) {
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  }

  scrub(text: string): string {
    let out = text.replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED);
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}

/**
 * Nest's LoggerService writing JSON lines through pino: `{level, time, context, msg,
 * correlationId?}` on stdout, one line each. Header fields named `authorization` or `cookie`
 * are redacted by path, and every message goes through the SecretScrubber.
 */
export class JsonLogger implements LoggerService {
  readonly pino: PinoLogger;
  /**
   * The access log's writer, on the same destination: its lines are made of the fields of
   * `AccessLine` only (no header, no free text), so it needs neither the redaction paths nor the
   * log context, which cost more than the rest of the line on a cached read.
   */
  private readonly accessLog: PinoLogger;

  constructor(
    level: LogLevel,
    private readonly scrubber: SecretScrubber = new SecretScrubber([]),
    destination?: pino.DestinationStream,
  ) {
    const out = destination ?? pino.destination({ fd: 1, sync: true });
    const shape = {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
    };
    this.accessLog = pino(shape, out);
    this.pino = pino(
      {
        ...shape,
        redact: {
          paths: [
            'authorization',
            'headers.authorization',
            '*.headers.authorization',
            'headers.cookie',
            '*.headers.cookie',
            'authSecret',
            '*.authSecret',
          ],
          censor: REDACTED,
        },
        mixin: () => {
          const context = logContext.getStore();
          return context ? { correlationId: context.correlationId } : {};
        },
      },
      out,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * One access line: `{level, time, correlationId, method, route, status, durationMs,
   * aborted?, msg: "request"}`. The correlation id is one the edge validated or made, the route
   * a pattern (never the raw path or query), so nothing in it can carry a credential.
   */
  access(level: 'info' | 'error', line: AccessLine): void {
    this.accessLog[level](line, 'request');
  }

  /** A structured line, scrubbed like the others and redacted by path. */
  line(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string): void {
    this.pino[level](fields, this.scrubber.scrub(message));
  }

  /**
   * Nest calls `(message, context)` or `(message, stack, context)` for errors; the last string
   * argument is the context.
   */
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    const text =
      message instanceof Error
        ? (message.stack ?? message.message)
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    this.pino[level](
      {
        ...(context ? { context } : {}),
        ...(stack ? { stack: this.scrubber.scrub(stack) } : {}),
      },
      this.scrubber.scrub(text),
    );
  }
}

/**
 * Repeated failures of one background loop (a projection, the Kafka publisher) logged at the
 * given level on the first occurrence, then at the 2nd, 4th, 8th… occurrence or after a minute,
 * whichever comes first, each time saying how many were held back; a success resets it. The
 * loops back off between attempts (up to 5 s), so a lasting outage writes about a line a minute.
 */
export class RepeatedFailureLog {
  private failures = 0;
  private nextAt = 1;
  private lastLoggedAt = 0;
  private held = 0;

  constructor(
    private readonly write: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  failed(message: string): void {
    this.failures++;
    const due = this.failures >= this.nextAt || this.now() - this.lastLoggedAt >= 60_000;
    if (!due) {
      this.held++;
      return;
    }
    const suffix = this.held > 0 ? ` (${this.held} similar failures not logged)` : '';
    this.write(`${message}${this.failures > 1 ? ` [failure ${this.failures}]` : ''}${suffix}`);
    this.held = 0;
    this.lastLoggedAt = this.now();
    this.nextAt = this.failures * 2;
  }

  succeeded(): void {
    this.failures = 0;
    this.nextAt = 1;
    this.held = 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
