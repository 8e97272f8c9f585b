import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type {
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** `{statusCode, error, message}`: the one error shape of every route (ErrorResponseFilter). */
export const ERROR_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 409 },
    error: { type: 'string', example: 'Conflict' },
    message: {
      description: 'one sentence, or (400) one per bad field',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
  },
};

export const ERROR_RESPONSE: ReferenceObject = { $ref: '#/components/schemas/ErrorResponse' };

/** What every command answers with 201. */
export const COMMAND_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'streamId', 'version', 'position'],
  properties: {
    id: { type: 'string', description: 'the id of what the command created or changed' },
    streamId: { type: 'string', example: 'problem-registro-plantaciones' },
    version: { type: 'integer', description: "the stream's version after the command" },
    position: {
      type: 'string',
      description:
        'global position of the last event, a decimal string: pass it as `minPosition` to read your write',
    },
  },
};

const COMMAND_ERRORS: [number, string][] = [
  [400, 'The body, a parameter or the Idempotency-Key is malformed; `message` lists each problem.'],
  [401, 'No bearer token, or one that is invalid or expired.'],
  [403, "The token's role, entity or mesa may not issue this command here."],
  [404, 'The mesa, problem or task does not exist.'],
  [
    409,
    'A business rule refuses it (the sentence says which), or a concurrent write won five times.',
  ],
  [413, 'The body is larger than BODY_LIMIT.'],
  [415, 'The body is not JSON.'],
  [422, 'This Idempotency-Key was already used by this actor with another request.'],
];

/** 201 with the command result, for each command method (a method's own 201 hides the class's). */
export const ApiCommandResult = (): MethodDecorator =>
  ApiResponse({
    status: 201,
    description: 'Committed, with all its events.',
    schema: COMMAND_RESULT_SCHEMA,
  });

/**
 * The contract every command shares, for a command controller's class: the error statuses with
 * the error shape, and the `Idempotency-Key` header (the 201 is `ApiCommandResult`, per method).
 */
export function ApiCommandContract(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1–200 visible ASCII characters. A retry with the same key and body answers what the first attempt did, without deciding again; the same key with another body is a 422.',
    }),
    ...COMMAND_ERRORS.map(([status, description]) =>
      ApiResponse({ status, description, schema: ERROR_RESPONSE }),
    ),
  );
}

/** The errors a query may answer (400 bad parameter, 404 unknown mesa, 503 minPosition not reached). */
export function ApiQueryErrors(
  ...statuses: (400 | 401 | 403 | 404 | 503)[]
): MethodDecorator & ClassDecorator {
  const text: Record<number, string> = {
    400: 'A query parameter is unknown, repeated or malformed; `message` says which.',
    401: 'No bearer token, or one that is invalid or expired.',
    403: 'The token may not read this.',
    404: 'Unknown mesa (or entry).',
    503: 'The read model did not reach `minPosition` within 5 s (or the server has no signing key).',
  };
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: text[status], schema: ERROR_RESPONSE }),
    ),
  );
}
