import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Req,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MATRIX_DIFF_SCHEMA } from '../queries/mesa-queries.openapi';
import { ApiQueryErrors } from '../http/openapi-shapes';
import type { EventStore } from '@mesas/event-store';
import { MATRIX, MatrixDiff, matrixDiff } from '@mesas/projections';
import type { Request } from 'express';
import { CURRENT, Cacheable, HISTORICAL, answerNow } from '../http/http-cache.interceptor';
import { IdParamPipe } from '../http/id-param.pipe';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { EVENT_STORE } from '@mesas/runtime';
import { readMesaEvents } from '../queries/mesa-events';
import { ReadModels } from '../queries/read-models';

const DIFF_QUERY = querySchema({
  from: q.instant('ISO-8601 instant (exclusive)').required(),
  to: q.instant('ISO-8601 instant (inclusive); default now'),
  minPosition: q.minPosition(),
});

/**
 * The auditor's view of what changed in a mesa's matrix between two instants (business time):
 * problems added, status changes, solution revisions, task changes, escalations and other
 * decisions in (from, to], each with the session it was decided in when the command named one.
 * Public, like `?asOf=` time travel, and built the same way (from the mesa's streams).
 */
@ApiTags('mesas (queries)')
@Controller('mesas')
export class MatrixDiffController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':mesaId/matrix/diff')
  @ApiOperation({
    summary: 'What changed in a matrix',
    description:
      'Problems added, status changes, solution revisions, task changes, escalations and decisions between two instants (business time), each with the session it was decided in.',
  })
  @ApiQueryErrors(400, 404, 503)
  @Cacheable((req) =>
    req.query.to === undefined
      ? { projections: [MATRIX], readsLog: true, now: true, cacheControl: CURRENT }
      : { projections: [MATRIX], readsLog: true, cacheControl: HISTORICAL },
  )
  @ApiOkResponse({
    description:
      '`{mesaId, from, to, events, before, after, problemsAdded, statusChanges, solutionRevisions, ' +
      'tasks, escalations, decisions, sessions}`; every change carries `sessionId` (null when none was named)',

    schema: MATRIX_DIFF_SCHEMA,
  })
  async diff(
    @Req() req: Request,
    @Param('mesaId', IdParamPipe) mesaId: string,
    @ValidQuery(DIFF_QUERY) query: QueryValues<typeof DIFF_QUERY.params>,
  ): Promise<MatrixDiff> {
    const from = query.from;
    const to = query.to ?? answerNow(req).toISOString();
    if (Date.parse(from) > Date.parse(to)) {
      throw new BadRequestException(`from (${from}) must not be after to (${to})`);
    }
    await this.readModels.caughtUp(MATRIX, query.minPosition);
    const events = await readMesaEvents(this.store, this.readModels.documents, mesaId);
    if (events.length === 0) throw new NotFoundException(`unknown mesa ${mesaId}`);
    const diff = matrixDiff(events, mesaId, from, to);
    if (!diff) throw new NotFoundException(`mesa ${mesaId} had not been proposed by ${to}`);
    return diff;
  }
}
