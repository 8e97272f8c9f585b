import { Controller, Get, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  RESOLUTION_GROUP_BYS,
  cadenceMonthsCsv,
  cadenceSummaryCsv,
  escalationsCurveCsv,
  escalationsSummaryCsv,
  survivalTableCsv,
  taskDeliveryCsv,
  timeToResolutionCurveCsv,
  timeToResolutionSummaryCsv,
} from '@mesas/analytics';
import {
  ANALYTICS,
  TASK_GROUP_BYS,
  analyticsMesaExists,
  readCadence,
  readEscalations,
  readTaskDelivery,
  readTimeToResolution,
} from '@mesas/projections';
import type { Request, Response } from 'express';
import { ReadModels } from '../queries/read-models';
import { AnalyticsQueryParams, MAX_WINDOW_DAYS, windowDays } from './analytics-query.params';
import {
  CADENCE_SCHEMA,
  ESCALATIONS_SCHEMA,
  TASKS_SCHEMA,
  TIME_TO_RESOLUTION_SCHEMA,
} from './analytics.openapi';

const MIN_POSITION = {
  name: 'minPosition',
  required: false,
  description:
    'a position a command returned: the answer waits (≤ 5 s, else 503) until it is included',
};
const AS_OF = {
  name: 'asOf',
  required: false,
  description:
    'ISO-8601 instant (default now, not in the future): only what had occurred by then counts',
};
const CSV_NOTE = 'With `Accept: text/csv` the answer is RFC 4180 CSV (header row, CRLF).';

/**
 * The analytics routes of API.md, answered from the analytics projection's documents with one
 * partitioned list per request (no replay of the log). Public, like the other queries.
 */
@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('time-to-resolution')
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'mesaId', required: false, description: 'only this mesa (404 when unknown)' })
  @ApiQuery({ name: 'groupBy', required: false, enum: RESOLUTION_GROUP_BYS })
  @ApiQuery(AS_OF)
  @ApiQuery(MIN_POSITION)
  @ApiQuery({
    name: 'table',
    required: false,
    enum: ['summary', 'curve', 'atRisk'],
    description:
      'which CSV (addition to API.md): one row per group (default), the survival curves, or the at-risk tables with Greenwood errors and 95% bands',
  })
  @ApiOkResponse({
    description:
      'Kaplan–Meier time from ProblemRaised to the latest ProblemResolved, in days. Population: problems raised by asOf and not rejected by asOf; open ones censored at asOf. ' +
      '`medianCi` (95%, Brookmeyer–Crowley on log-log Greenwood bands) and `groupBy=mesa` are additions to API.md. ' +
      CSV_NOTE,
    schema: TIME_TO_RESOLUTION_SCHEMA,
  })
  async timeToResolution(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = new AnalyticsQueryParams(query, [
      'mesaId',
      'groupBy',
      'asOf',
      'minPosition',
      'table',
    ]);
    const mesaId = params.id('mesaId');
    const groupBy = params.oneOf('groupBy', RESOLUTION_GROUP_BYS);
    const asOf = params.asOf(new Date());
    const table = params.oneOf('table', ['summary', 'curve', 'atRisk'] as const) ?? 'summary';
    const minPosition = params.position('minPosition');
    params.assertValid();

    await this.ready(minPosition, mesaId);
    const { result, detail } = await readTimeToResolution(this.readModels.cached, {
      asOf,
      mesaId,
      groupBy,
    });
    return respond(req, res, result, () =>
      table === 'curve'
        ? timeToResolutionCurveCsv(result)
        : table === 'atRisk'
          ? survivalTableCsv(detail.groups)
          : timeToResolutionSummaryCsv(result),
    );
  }

  @Get('cadence')
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'mesaId', required: true, description: 'the mesa (404 when unknown)' })
  @ApiQuery({ name: 'from', required: true, description: 'first day of the window, YYYY-MM-DD' })
  @ApiQuery({
    name: 'to',
    required: true,
    description: 'last day of the window (inclusive), YYYY-MM-DD, ≥ from',
  })
  @ApiQuery(MIN_POSITION)
  @ApiQuery({
    name: 'table',
    required: false,
    enum: ['summary', 'months'],
    description: 'which CSV (addition to API.md): the summary row (default) or the month series',
  })
  @ApiOkResponse({
    description:
      'Regular sessions held in [from, to]: `days` counts both ends, `perMonth = sessions / (days / 30.4375)`, `longestGapDays` the most days between consecutive regular sessions in the window (null under two). ' +
      '`months` (every calendar month the window touches, zeros included, with the days of it inside the window) is an addition to API.md. ' +
      CSV_NOTE,
    schema: CADENCE_SCHEMA,
  })
  async cadence(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = new AnalyticsQueryParams(query, [
      'mesaId',
      'from',
      'to',
      'minPosition',
      'table',
    ]);
    const mesaId = params.requiredId('mesaId');
    const from = params.date('from');
    const to = params.date('to');
    const table = params.oneOf('table', ['summary', 'months'] as const) ?? 'summary';
    const minPosition = params.position('minPosition');
    if (from !== '' && to !== '') {
      if (from > to) params.refuse(`from ${from} is after to ${to}`);
      else if (windowDays(from, to) > MAX_WINDOW_DAYS) {
        params.refuse(`the window may span at most ${MAX_WINDOW_DAYS} days`);
      }
    }
    params.assertValid();

    await this.ready(minPosition, mesaId);
    const result = await readCadence(this.readModels.cached, { mesaId, from, to });
    const body = {
      mesaId,
      from: result.from,
      to: result.to,
      sessions: result.sessions,
      days: result.days,
      perMonth: result.perMonth,
      longestGapDays: result.longestGapDays,
      months: result.months,
    };
    return respond(req, res, body, () =>
      table === 'months' ? cadenceMonthsCsv(result) : cadenceSummaryCsv(result),
    );
  }

  @Get('tasks')
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({
    name: 'groupBy',
    required: false,
    enum: TASK_GROUP_BYS,
    description: 'default responsibleEntity (`mesa` is an addition to API.md)',
  })
  @ApiQuery({ name: 'mesaId', required: false, description: 'only this mesa (404 when unknown)' })
  @ApiQuery(AS_OF)
  @ApiQuery(MIN_POSITION)
  @ApiOkResponse({
    description:
      'Per key: tasks assigned by asOf, open, done, done on time (completion date ≤ the deadline in force), done late, done by the original deadline, cancelled, overdue now (open with its deadline before the asOf date), median days late. ' +
      'Instants become dates in Peru (UTC−05:00). ' +
      CSV_NOTE,
    schema: TASKS_SCHEMA,
  })
  async tasks(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = new AnalyticsQueryParams(query, ['groupBy', 'mesaId', 'asOf', 'minPosition']);
    const groupBy = params.oneOf('groupBy', TASK_GROUP_BYS) ?? 'responsibleEntity';
    const mesaId = params.id('mesaId');
    const asOf = params.asOf(new Date());
    const minPosition = params.position('minPosition');
    params.assertValid();

    await this.ready(minPosition, mesaId);
    const result = await readTaskDelivery(this.readModels.cached, { asOf, mesaId, groupBy });
    return respond(req, res, { groupBy, ...result }, () => taskDeliveryCsv(result));
  }

  @Get('escalations')
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'mesaId', required: false, description: 'only this mesa (404 when unknown)' })
  @ApiQuery(AS_OF)
  @ApiQuery(MIN_POSITION)
  @ApiQuery({
    name: 'table',
    required: false,
    enum: ['summary', 'curve'],
    description: 'which CSV: the summary row (default) or the survival curves',
  })
  @ApiOkResponse({
    description:
      'Escalations made by asOf: count, decided, pending; share of the population escalated; Kaplan–Meier time from escalation to decision (pending ones censored at asOf); time to resolution of escalated vs not escalated problems. ' +
      CSV_NOTE,
    schema: ESCALATIONS_SCHEMA,
  })
  async escalations(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = new AnalyticsQueryParams(query, ['mesaId', 'asOf', 'minPosition', 'table']);
    const mesaId = params.id('mesaId');
    const asOf = params.asOf(new Date());
    const table = params.oneOf('table', ['summary', 'curve'] as const) ?? 'summary';
    const minPosition = params.position('minPosition');
    params.assertValid();

    await this.ready(minPosition, mesaId);
    const result = await readEscalations(this.readModels.cached, { asOf, mesaId });
    return respond(req, res, result, () =>
      table === 'curve' ? escalationsCurveCsv(result) : escalationsSummaryCsv(result),
    );
  }

  /** Waits for `minPosition`, then checks the mesa, so that a mesa just proposed is known. */
  private async ready(minPosition: bigint | undefined, mesaId: string | undefined): Promise<void> {
    await this.readModels.caughtUp(ANALYTICS, minPosition);
    if (mesaId !== undefined && !(await analyticsMesaExists(this.readModels.documents, mesaId))) {
      throw new NotFoundException(`unknown mesa ${mesaId}`);
    }
  }
}

/** JSON unless the client prefers CSV (content negotiation on Accept). */
function respond<T extends object>(
  req: Request,
  res: Response,
  json: T,
  csv: () => string,
): T | string {
  res.vary('Accept');
  if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
    res.type('text/csv; charset=utf-8');
    return csv();
  }
  return json;
}
