import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ID_PATTERN } from '@mesas/domain';

/** Ids in the path must be ids: anything else is a 400, never a lookup. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      // quoted and escaped: the refused value may hold controls or half a surrogate pair
      throw new BadRequestException(`${quoted(String(value))} is not an id (${ID_PATTERN.source})`);
    }
    return value;
  }
}

/** JSON-quoted (controls and lone surrogates escaped), cut short. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * Makes an id for a new mesa, problem, task or session when the client sent none. Mesa and
 * problem ids get no prefix: their streams already say `mesa-` and `problem-`.
 */
export function newId(prefix?: 'task' | 'session'): string {
  const random = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
  return prefix ? `${prefix}-${random}` : random;
}
