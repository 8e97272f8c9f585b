import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ID_PATTERN } from '@mesas/domain';

/** Ids in the path must be ids: anything else is a 400, never a lookup. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      throw new BadRequestException(`"${String(value).slice(0, 80)}" is not an id (${ID_PATTERN.source})`);
    }
    return value;
  }
}

/** Makes an id for a new mesa, problem, task, session when the client sent none. */
export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 13)}`;
}
