import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LANGS, VOCABULARIES, Vocabulary, VocabularyName } from '@mesas/domain';

/** One code of a vocabulary with its name in each language. */
export type VocabularyEntry = { code: string | number; es: string; en: string };

export type VocabulariesResponse = {
  languages: readonly string[];
  vocabularies: Record<VocabularyName, VocabularyEntry[]>;
};

/** The domain's vocabularies as served: built once, they change only with the build. */
export function vocabulariesResponse(): VocabulariesResponse {
  const vocabularies = Object.fromEntries(
    (Object.keys(VOCABULARIES) as VocabularyName[]).map((name) => {
      const { codes, labels }: Vocabulary<string | number> = VOCABULARIES[name];
      return [name, codes.map((code) => ({ code, es: labels[code].es, en: labels[code].en }))];
    }),
  ) as Record<VocabularyName, VocabularyEntry[]>;
  return { languages: LANGS, vocabularies };
}

const RESPONSE = vocabulariesResponse();

/**
 * Every code the API accepts or returns in a closed field (barrier, rootCause, role…), in
 * display order, with its Spanish and English name: what the portal shows instead of a code,
 * and a way for an outside program to list the codes without copying them. Public.
 */
@ApiTags('vocabularies')
@Controller('vocabularies')
export class VocabulariesController {
  @Get()
  @ApiOperation({
    summary: 'The vocabularies',
    description:
      'Every code of every closed field (barrier, rootCause, role…) with its Spanish and English name.',
  })
  @ApiOkResponse({
    description:
      '`{languages: ["es", "en"], vocabularies: {barrier: [{code, es, en}], ...}}`, one list per ' +
      'closed field, codes in display order',
    schema: {
      type: 'object',
      properties: {
        languages: { type: 'array', items: { type: 'string' } },
        vocabularies: {
          type: 'object',
          additionalProperties: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: { oneOf: [{ type: 'string' }, { type: 'number' }] },
                es: { type: 'string' },
                en: { type: 'string' },
              },
            },
          },
        },
      },
    },
  })
  list(): VocabulariesResponse {
    return RESPONSE;
  }
}
