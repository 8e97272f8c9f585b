import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { HISTORY, MATRIX, ProblemStory, readProblemStory } from '@mesas/projections';
import { IdParamPipe } from '../http/id-param.pipe';
import { parsePosition } from '../http/query-params';
import { parseLang } from '../history/history-query.params';
import { ReadModels } from './read-models';

/** One problem's story: its matrix row and its timeline of public history entries. */
@ApiTags('problems (queries)')
@Controller('problems')
export class ProblemQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':problemId')
  @ApiQuery({ name: 'lang', required: false, enum: ['es', 'en'] })
  @ApiQuery({ name: 'minPosition', required: false })
  @ApiOkResponse({
    description:
      '`{problemId, mesaId, row, timeline}`: `row` is the matrix row (as in `/mesas/{m}/matrix`, ' +
      'plus `mesaId` and `description`); `timeline` is `[{type, occurredAt, recordedAt, sessionId?, ' +
      'summary, historyIndex, data}]`, oldest first, from the public history (public fields only; ' +
      '`summary` in `lang`, Spanish by default).',
  })
  async get(
    @Param('problemId', IdParamPipe) problemId: string,
    @Query('lang') langParam?: unknown,
    @Query('minPosition') minPosition?: string,
  ): Promise<ProblemStory> {
    const lang = parseLang(langParam);
    const position = parsePosition('minPosition', minPosition);
    await this.readModels.caughtUp(MATRIX, position);
    await this.readModels.caughtUp(HISTORY, position);
    const story = await readProblemStory(this.readModels.documents, {
      problemId,
      lang,
      now: new Date().toISOString(),
    });
    if (!story) throw new NotFoundException(`unknown problem ${problemId}`);
    return story;
  }
}
