import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ID_PATTERN } from '@mesas/domain';
import {
  LOG_CHECKPOINT_FORMS,
  LogCheckpointSyntax,
  parseLogCheckpoint,
  parsePositionText,
} from '@mesas/event-store';
import { APP_CONFIG, type AppConfig } from '@mesas/runtime';
import { answerNow } from './http-cache.interceptor';
import { printableName } from './input-text';
import { toInstant } from './iso-instant';

/**
 * The one way a route reads its query string. Each route declares a schema (`@ValidQuery(S)`
 * on the handler's parameter); a global interceptor checks every request against its route's
 * schema before the handler runs, and a route that declares none accepts no parameter at all.
 * So on every route, present and future:
 *
 * - an unknown parameter (a typo such as `asof`, `groupby`) is a 400, never silently ignored;
 * - a repeated parameter is a 400, never a guess between the values;
 * - a malformed value is a 400 whose message names the parameter and says what it must be;
 * - an empty value (`?asOf=`) means the parameter is absent.
 *
 * Every problem found is listed in one 400. The values a handler receives are parsed and typed.
 */

/** What a parameter parser may depend on besides the text: the clock and the store. */
export interface QueryContext {
  readonly now: Date;
  /**
   * "Now" as an answer's default instant: the request's minute (answerNow), so that an answer
   * that defaults to now (asOf) is the same, and has the same ETag, for a minute.
   */
  readonly answerNow: Date;
  readonly store: LogCheckpointSyntax;
}

type Parsed<T> = { readonly value: T } | { readonly error: string };

export interface QueryParam<T, Present extends boolean> {
  /** present: the handler always receives a value (required, or defaulted) */
  readonly present: Present;
  /** absent is a 400 */
  readonly mandatory: boolean;
  readonly describe: { readonly description: string; readonly enum?: readonly string[] };
  parse(text: string, context: QueryContext, name: string): Parsed<T>;
  /** the value when the parameter is absent; undefined unless `present` */
  fallback?(context: QueryContext): T;
}

type AnyParam = QueryParam<unknown, boolean>;
export type QueryParams = Readonly<Record<string, AnyParam>>;

export type QueryValues<P extends QueryParams> = {
  readonly [
    K in keyof P as P[K] extends QueryParam<unknown, true> ? K : never
  ]: P[K] extends QueryParam<infer T, boolean> ? T : never;
} & {
  readonly [
    K in keyof P as P[K] extends QueryParam<unknown, true> ? never : K
  ]?: P[K] extends QueryParam<infer T, boolean> ? T : never;
};

export interface QuerySchema<P extends QueryParams = QueryParams> {
  readonly params: P;
  /** checks across parameters, run when each one parsed; each string is one problem */
  check?(values: QueryValues<P>): readonly string[];
}

export function querySchema<P extends QueryParams>(
  params: P,
  check?: (values: QueryValues<P>) => readonly string[],
): QuerySchema<P> {
  return { params, ...(check ? { check } : {}) };
}

/** The schema of a route that takes no query parameter (the default of every route). */
export const NO_QUERY = querySchema({});

/** Reads `query` (Express: a string, or an array when repeated) against the schema. */
export function parseQuery<P extends QueryParams>(
  schema: QuerySchema<P>,
  query: Readonly<Record<string, unknown>>,
  context: QueryContext,
): QueryValues<P> {
  const problems: string[] = [];
  const names = Object.keys(schema.params);
  for (const name of Object.keys(query)) {
    if (!Object.prototype.hasOwnProperty.call(schema.params, name)) {
      problems.push(
        `unknown query parameter ${printableName(name)} (${
          names.length > 0 ? `allowed: ${names.join(', ')}` : 'this route takes none'
        })`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const param = schema.params[name];
    const raw = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
    if (raw !== undefined && typeof raw !== 'string') {
      problems.push(`${name} must be given once, as plain text`);
      continue;
    }
    if (raw === undefined || raw === '') {
      if (param.mandatory) problems.push(`${name} is required`);
      else if (param.fallback) values[name] = param.fallback(context);
      continue;
    }
    const parsed = param.parse(raw, context, name);
    if ('error' in parsed) problems.push(parsed.error);
    else values[name] = parsed.value;
  }
  if (problems.length === 0 && schema.check) {
    problems.push(...schema.check(values as QueryValues<P>));
  }
  if (problems.length > 0) {
    throw new BadRequestException(problems.length === 1 ? problems[0] : problems);
  }
  return values as QueryValues<P>;
}

// ---- parameter kinds -------------------------------------------------------------------------

type Builder<T> = QueryParam<T, false> & {
  /** absent (or empty) is a 400 */
  required(): QueryParam<T, true>;
  /** absent (or empty) means this value */
  orElse(fallback: (context: QueryContext) => T): QueryParam<T, true>;
};

function param<T>(
  description: string,
  parse: (text: string, context: QueryContext, name: string) => Parsed<T>,
  extra: { enum?: readonly string[] } = {},
): Builder<T> {
  const base: QueryParam<T, false> = {
    present: false,
    mandatory: false,
    describe: { description, ...extra },
    parse,
  };
  return {
    ...base,
    required: () => ({ ...base, present: true, mandatory: true }),
    orElse: (fallback) => ({ ...base, present: true, fallback }),
  };
}

/** The parameter kinds every route's schema is made of. */
export const q = {
  /** a position a command returned: the answer waits (≤ 5 s, else 503) until it is included */
  minPosition: () =>
    param<bigint>(
      'a position a command returned: the answer waits (≤ 5 s, else 503) until it is included',
      (text, _c, name) => {
        const position = parsePositionText(text);
        return position === null
          ? { error: `${name} must be a position (a decimal string from 0 to 2^63 − 1)` }
          : { value: position };
      },
    ),

  /** an ISO-8601 date or date-time, read as UTC (`toInstant`) */
  instant: (description: string) =>
    param<string>(description, (text, _c, name) => {
      const instant = toInstant(text);
      return instant === null
        ? {
            error: `${name} must be an ISO-8601 date or date-time (e.g. 2015-09-30T15:00:00Z)`,
          }
        : { value: instant };
    }),

  /**
   * An instant that has come: at most `skewMs` ahead of the server's clock (client clock skew,
   * answered as of now); later is a 400. Default: now.
   */
  pastInstant: (description: string, skewMs: number) =>
    param<string>(description, (text, context, name) => {
      const instant = toInstant(text);
      if (instant === null) {
        return {
          error: `${name} must be an ISO-8601 date or date-time (e.g. 2015-09-30T15:00:00Z)`,
        };
      }
      const at = Date.parse(instant);
      if (at > context.now.getTime() + skewMs)
        return { error: `${name} must not be in the future` };
      return { value: new Date(Math.min(at, context.now.getTime())).toISOString() };
    }).orElse((context) => context.answerNow.toISOString()),

  /** a calendar day YYYY-MM-DD that exists */
  date: (description: string) =>
    param<string>(description, (text, _c, name) => {
      const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
      return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text
        ? { value: text }
        : { error: `${name} must be a calendar date YYYY-MM-DD` };
    }),

  id: (description: string) =>
    param<string>(description, (text, _c, name) =>
      ID_PATTERN.test(text)
        ? { value: text }
        : { error: `${name} must be an id (${ID_PATTERN.source})` },
    ),

  oneOf: <T extends string>(values: readonly T[], description: string) =>
    param<T>(
      description,
      (text, _c, name) =>
        (values as readonly string[]).includes(text)
          ? { value: text as T }
          : { error: `${name} must be one of ${values.join(', ')}` },
      { enum: values },
    ),

  /** a whole number in [min, max], written in decimal digits only */
  integer: (description: string, min: number, max: number) =>
    param<number>(description, (text, _c, name) => {
      const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
      return Number.isSafeInteger(n) && n >= min && n <= max
        ? { value: n }
        : { error: `${name} must be an integer from ${min} to ${max}` };
    }),

  /** a page cursor of the global log, in the syntax of the store this process runs on */
  logCursor: (description: string) =>
    param<string>(description, (text, context, name) =>
      parseLogCheckpoint(context.store, text) === null
        ? {
            error: `${name} must be the nextAfter of a previous page (${LOG_CHECKPOINT_FORMS[context.store]})`,
          }
        : { value: text },
    ),
};

// ---- wiring into Nest ------------------------------------------------------------------------

const QUERY_SCHEMA = 'mesas:query-schema';
const VALID_QUERY = Symbol('mesas:valid-query');
type WithValidQuery = Request & { [VALID_QUERY]?: unknown };

/**
 * The route's parsed query: `@ValidQuery(SCHEMA) query: QueryValues<typeof SCHEMA.params>`.
 * Declares the schema for the interceptor and describes each parameter in the OpenAPI document.
 */
export function ValidQuery(schema: QuerySchema): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) throw new Error('@ValidQuery() belongs on a route handler parameter');
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) throw new Error(`@ValidQuery(): no method ${String(key)}`);
    Reflect.defineMetadata(QUERY_SCHEMA, schema, descriptor.value as object);
    for (const [name, p] of Object.entries(schema.params)) {
      ApiQuery({
        name,
        required: p.mandatory,
        description: p.describe.description,
        ...(p.describe.enum ? { enum: [...p.describe.enum] } : {}),
      })(target, key, descriptor);
    }
    readValidQuery()(target, key, index);
  };
}

const readValidQuery = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const request = context.switchToHttp().getRequest<WithValidQuery>();
  if (!(VALID_QUERY in request)) throw new Error('the query was not checked (QueryInterceptor)');
  return request[VALID_QUERY];
});

/**
 * Checks the query string of every request against its route's schema (none declared: no
 * parameter allowed). Runs after the guards, so that a caller without the right token learns
 * nothing from the 400s, and before any pipe or handler.
 */
@Injectable()
export class QueryInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<WithValidQuery>();
      const schema =
        this.reflector.get<QuerySchema | undefined>(QUERY_SCHEMA, context.getHandler()) ?? NO_QUERY;
      request[VALID_QUERY] = parseQuery(schema, request.query as Record<string, unknown>, {
        now: new Date(),
        answerNow: answerNow(request),
        store: this.config.eventStore,
      });
    }
    return next.handle();
  }
}
