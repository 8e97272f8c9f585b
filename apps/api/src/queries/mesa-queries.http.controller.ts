import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiQueryErrors } from '../http/openapi-shapes';
import { MATRIX_SCHEMA, MESA_LIST_SCHEMA, MESA_SCHEMA } from './mesa-queries.openapi';
import type { Request, Response } from 'express';
import type { EventStore } from '@mesas/event-store';
import {
  MATRIX,
  MESAS,
  MatrixRowDoc,
  MesaDoc,
  ROWS,
  countByStatus,
  mesaSummaries,
  matrixAsOf,
  matrixRows,
} from '@mesas/projections';
import { EVENT_STORE } from '@mesas/runtime';
import { CURRENT, Cacheable, HISTORICAL, answerNow } from '../http/http-cache.interceptor';
import { IdParamPipe } from '../http/id-param.pipe';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { TABLE_FORMATS, respondTable } from '../http/table-format';
import { matrixProblemsCsv, matrixTasksCsv, mesaListCsv } from './mesa-tables.csv';
import { readMesaEvents } from './mesa-events';
import { ReadModels } from './read-models';

const MATRIX_TABLES = ['problems', 'tasks'] as const;

const tableFormat = () =>
  q.oneOf(
    TABLE_FORMATS,
    '`csv` downloads the table as CSV (same as `Accept: text/csv`; UTF-8 with a byte-order mark, ' +
      '`Content-Disposition: attachment`); `json` (default) ignores Accept',
  );
const LIST_QUERY = querySchema({ minPosition: q.minPosition(), format: tableFormat() });
const MESA_QUERY = querySchema({ minPosition: q.minPosition() });
const MATRIX_QUERY = querySchema({
  asOf: q.instant('rebuild the matrix from the events that occurred up to this instant'),
  minPosition: q.minPosition(),
  format: tableFormat(),
  table: q
    .oneOf(MATRIX_TABLES, 'which CSV: one row per problem (default) or one per task')
    .orElse(() => 'problems'),
});

/** Public reads of the matrix projection: the mesas, one mesa, its live or past matrix. */
@ApiTags('mesas (queries)')
@Controller('mesas')
export class MesaQueriesController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List the mesas',
    description:
      'Every mesa with its status and its problems counted per matrix status. `?format=csv` (or Accept: text/csv) downloads the list.',
  })
  @ApiOkResponse({ description: 'OK', schema: MESA_LIST_SCHEMA })
  @ApiQueryErrors(400, 503)
  @ApiProduces('application/json', 'text/csv')
  @Cacheable(() => ({ projections: [MATRIX], negotiates: true, cacheControl: CURRENT }))
  async list(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @ValidQuery(LIST_QUERY) query: QueryValues<typeof LIST_QUERY.params>,
  ) {
    const { format } = query;
    await this.readModels.caughtUp(MATRIX, query.minPosition);
    const list = { mesas: await mesaSummaries(this.readModels.documents) };
    return respondTable(req, res, format, list, () => ({
      filename: 'mesas.csv',
      body: mesaListCsv(list.mesas),
    }));
  }

  @Get(':mesaId')
  @ApiOperation({
    summary: 'One mesa',
    description:
      'The mesa document: convener history, participants, sessions, viability, and its problems per status.',
  })
  @ApiOkResponse({ description: 'OK', schema: MESA_SCHEMA })
  @ApiQueryErrors(400, 404, 503)
  @Cacheable(() => ({ projections: [MATRIX], cacheControl: CURRENT }))
  async get(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @ValidQuery(MESA_QUERY) query: QueryValues<typeof MESA_QUERY.params>,
  ) {
    await this.readModels.caughtUp(MATRIX, query.minPosition);
    const docs = this.readModels.documents;
    const mesa = (await docs.get(MATRIX, MESAS, mesaId)) as MesaDoc | null;
    if (!mesa) throw new NotFoundException(`unknown mesa ${mesaId}`);
    const rows = (await docs.list(MATRIX, ROWS, mesaId)) as MatrixRowDoc[];
    return { ...mesa, problems: countByStatus(rows) };
  }

  @Get(':mesaId/matrix')
  @ApiOperation({
    summary: 'The matrix of a mesa',
    description:
      'Problems, current solutions, tasks and status, live or as it stood at `asOf` (rebuilt from the events up to then). `?format=csv` downloads one row per problem (or per task with `table=tasks`).',
  })
  @ApiOkResponse({ description: 'OK', schema: MATRIX_SCHEMA })
  @ApiQueryErrors(400, 404, 503)
  @ApiProduces('application/json', 'text/csv')
  @Cacheable((req) =>
    req.query.asOf === undefined
      ? { projections: [MATRIX], now: true, negotiates: true, cacheControl: CURRENT }
      : { projections: [MATRIX], readsLog: true, negotiates: true, cacheControl: HISTORICAL },
  )
  async matrix(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @ValidQuery(MATRIX_QUERY) query: QueryValues<typeof MATRIX_QUERY.params>,
  ) {
    const { format, table } = query;
    const matrix = await this.readMatrix(mesaId, query.asOf, query.minPosition, answerNow(req));
    return respondTable(req, res, format, matrix, () => ({
      filename: `matrix-${table}-${mesaId}-${matrix.asOf.slice(0, 10)}.csv`,
      body:
        table === 'tasks'
          ? matrixTasksCsv(mesaId, matrix.asOf, matrix.rows)
          : matrixProblemsCsv(mesaId, matrix.asOf, matrix.rows),
    }));
  }

  private async readMatrix(
    mesaId: string,
    asOf: string | undefined,
    minPosition: bigint | undefined,
    answeredAt: Date,
  ) {
    await this.readModels.caughtUp(MATRIX, minPosition);
    const docs = this.readModels.documents;
    if (asOf === undefined) {
      // "now" to the minute: the same store gives the same body (and ETag) for a minute
      const now = answeredAt.toISOString();
      const [mesa, rows, checkpoint] = await Promise.all([
        docs.get(MATRIX, MESAS, mesaId),
        docs.list(MATRIX, ROWS, mesaId) as Promise<MatrixRowDoc[]>,
        docs.checkpoint(MATRIX),
      ]);
      if (!mesa) throw new NotFoundException(`unknown mesa ${mesaId}`);
      const position = this.store.positionOf(checkpoint).toString();
      return { mesaId, asOf: now, position, rows: matrixRows(rows, now) };
    }
    const events = await readMesaEvents(this.store, this.readModels.documents, mesaId);
    const past = matrixAsOf(events, mesaId, asOf);
    if (!past.mesa) {
      if (events.length === 0) throw new NotFoundException(`unknown mesa ${mesaId}`);
      throw new NotFoundException(`mesa ${mesaId} had not been proposed by ${asOf}`);
    }
    const position = events.reduce(
      (max, e) => (e.globalPosition > max ? e.globalPosition : max),
      0n,
    );
    return { mesaId, asOf, position: position.toString(), rows: matrixRows(past.rows, asOf) };
  }
}
