import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LANGS } from '@mesas/domain';
import { HISTORY, MATRIX, ProblemStory, readProblemStory } from '@mesas/projections';
import { IdParamPipe } from '../http/id-param.pipe';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { ApiQueryErrors } from '../http/openapi-shapes';
import { PROBLEM_STORY_SCHEMA } from './mesa-queries.openapi';
import { ReadModels } from './read-models';

const PROBLEM_QUERY = querySchema({
  lang: q.oneOf(LANGS, 'language of the summaries (default es)').orElse(() => 'es' as const),
  minPosition: q.minPosition(),
});

/** One problem's story: its matrix row and its timeline of public history entries. */
@ApiTags('problems (queries)')
@Controller('problems')
export class ProblemQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':problemId')
  @ApiOperation({
    summary: "A problem's story",
    description:
      "The problem's matrix row and its timeline of public history entries (raised, filtered, prioritised, solution revisions, tasks, escalation, resolution, impact), each with its dates, session and history index.",
  })
  @ApiQueryErrors(400, 404, 503)
  @ApiOkResponse({
    schema: PROBLEM_STORY_SCHEMA,
    description:
      '`{problemId, mesaId, row, timeline}`: `row` is the matrix row (as in `/mesas/{m}/matrix`, ' +
      'plus `mesaId` and `description`); `timeline` is `[{type, occurredAt, recordedAt, sessionId?, ' +
      'summary, historyIndex, data}]`, oldest first, from the public history (public fields only; ' +
      '`summary` in `lang`, Spanish by default).',
  })
  async get(
    @Param('problemId', IdParamPipe) problemId: string,
    @ValidQuery(PROBLEM_QUERY) query: QueryValues<typeof PROBLEM_QUERY.params>,
  ): Promise<ProblemStory> {
    const { lang, minPosition } = query;
    await this.readModels.caughtUp(MATRIX, minPosition);
    await this.readModels.caughtUp(HISTORY, minPosition);
    const story = await readProblemStory(this.readModels.documents, {
      problemId,
      lang,
      now: new Date().toISOString(),
    });
    if (!story) throw new NotFoundException(`unknown problem ${problemId}`);
    return story;
  }
}
