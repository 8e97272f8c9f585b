import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { ID_PATTERN } from '@mesas/domain';
import { TextKind, textProblem } from './input-text';
import { toInstant } from './iso-instant';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A client-chosen id: lowercase letters, digits and dashes, at most 64. */
export const IsId = (description: string, optional = false) =>
  applyDecorators(
    ...(optional
      ? [IsOptional(), ApiPropertyOptional({ description, pattern: ID_PATTERN.source })]
      : [ApiProperty({ description, pattern: ID_PATTERN.source })]),
    IsString(),
    Matches(ID_PATTERN, { message: `$property must match ${ID_PATTERN.source}` }),
  );

/** Text of a kind (`input-text.ts`): well-formed, no stray controls, not blank, ≤ max code points. */
export const IsTextOf = (kind: TextKind, max: number) =>
  ValidateBy({
    name: kind === 'line' ? 'isLine' : 'isText',
    constraints: [kind, max],
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && textProblem(value, kind, max) === null,
      defaultMessage: (args?: ValidationArguments) => {
        const value: unknown = args?.value;
        const problem =
          typeof value === 'string' ? textProblem(value, kind, max) : 'must be a string';
        return `${args?.property ?? 'value'} ${problem ?? 'is not acceptable text'}`;
      },
    },
  });

const describe = (optional: boolean, description: string, max: number) =>
  optional
    ? [IsOptional(), ApiPropertyOptional({ description, maxLength: max })]
    : [ApiProperty({ description, maxLength: max })];

/** One line of text (a name, a title, a code): no control characters at all. */
export const IsLine = (max: number, description: string, optional = false) =>
  applyDecorators(...describe(optional, description, max), IsTextOf('line', max));

/** Free text: tab and line breaks allowed, no other control characters. */
export const IsText = (max: number, description: string, optional = false) =>
  applyDecorators(...describe(optional, description, max), IsTextOf('text', max));

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = (description: string) =>
  applyDecorators(
    ApiProperty({ description, format: 'date', example: '2015-09-30' }),
    IsString(),
    Matches(DATE_PATTERN, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601(
      { strict: true, strictSeparator: true },
      { message: '$property must be a real calendar date' },
    ),
  );

/** An ISO-8601 instant that `toInstant` reads (the request context reads it with the same). */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && toInstant(value) !== null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'value'} must be an ISO-8601 date-time, e.g. 2015-09-30T15:00:00Z`,
    },
  });

/** Fields every command accepts (docs/API.md): business time and the deciding session. */
export class CommandOptionsDto {
  @ApiPropertyOptional({
    description:
      "business time (ISO-8601); default now; not in the future, not before the stream's last event",
    example: '2015-09-30T15:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @IsId('the session of the mesa where this was decided', true)
  sessionId?: string;
}
