import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  RESOLUTION_GROUP_BYS,
  SCREENING_GROUP_BYS,
  cadenceMonthsCsv,
  cadenceSummaryCsv,
  escalationsCurveCsv,
  escalationsSummaryCsv,
  screeningCsv,
  screeningReasonsCsv,
  survivalTableCsv,
  taskDeliveryCsv,
  timeToResolutionCurveCsv,
  timeToResolutionSummaryCsv,
  whoseMoveGroupsCsv,
  whoseMoveProblemsCsv,
} from '@mesas/analytics';
import {
  ANALYTICS,
  TASK_GROUP_BYS,
  analyticsMesaExists,
  readCadence,
  readEscalations,
  readScreening,
  readTaskDelivery,
  readTimeToResolution,
  readWhoseMove,
} from '@mesas/projections';
import type { Request, Response } from 'express';
import { ApiQueryErrors } from '../http/openapi-shapes';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { TABLE_FORMATS, respondTable } from '../http/table-format';
import { CURRENT, Cacheable, CacheRule, HISTORICAL } from '../http/http-cache.interceptor';
import { ReadModels } from '../queries/read-models';
import {
  CADENCE_SCHEMA,
  ESCALATIONS_SCHEMA,
  SCREENING_SCHEMA,
  TASKS_SCHEMA,
  TIME_TO_RESOLUTION_SCHEMA,
  WHOSE_MOVE_SCHEMA,
} from './analytics.openapi';

/** How far ahead of the server's clock an `asOf` may be (client clock skew); later is a 400. */
const ASOF_SKEW_MS = 5 * 60_000;
/** Longest cadence window: a century of days keeps the month series small. */
const MAX_WINDOW_DAYS = 36_525;

const asOf = () =>
  q.pastInstant(
    'ISO-8601 instant (default now, not in the future): only what had occurred by then counts',
    ASOF_SKEW_MS,
  );
const mesaFilter = () => q.id('only this mesa (404 when unknown)');
const format = () =>
  q.oneOf(
    TABLE_FORMATS,
    '`csv` downloads the table as CSV (same as `Accept: text/csv`; UTF-8 with a byte-order mark, ' +
      '`Content-Disposition: attachment`); `json` (default) ignores Accept',
  );

const TIME_TO_RESOLUTION_QUERY = querySchema({
  mesaId: mesaFilter(),
  groupBy: q.oneOf(RESOLUTION_GROUP_BYS, 'one group per value of this field (default: one group)'),
  asOf: asOf(),
  minPosition: q.minPosition(),
  table: q
    .oneOf(
      ['summary', 'curve', 'atRisk'] as const,
      'which CSV (addition to docs/API.md): one row per group (default), the survival curves, or the at-risk tables with Greenwood errors and 95% bands',
    )
    .orElse(() => 'summary'),
  format: format(),
});

const CADENCE_QUERY = querySchema(
  {
    mesaId: q.id('the mesa (404 when unknown)').required(),
    from: q.date('first day of the window, YYYY-MM-DD').required(),
    to: q.date('last day of the window (inclusive), YYYY-MM-DD, ≥ from').required(),
    minPosition: q.minPosition(),
    table: q
      .oneOf(
        ['summary', 'months'] as const,
        'which CSV (addition to docs/API.md): the summary row (default) or the month series',
      )
      .orElse(() => 'summary'),
    format: format(),
  },
  ({ from, to }) =>
    from > to
      ? [`from ${from} is after to ${to}`]
      : windowDays(from, to) > MAX_WINDOW_DAYS
        ? [`the window may span at most ${MAX_WINDOW_DAYS} days`]
        : [],
);

const TASKS_QUERY = querySchema({
  groupBy: q
    .oneOf(TASK_GROUP_BYS, 'default responsibleEntity (`mesa` is an addition to docs/API.md)')
    .orElse(() => 'responsibleEntity'),
  mesaId: mesaFilter(),
  asOf: asOf(),
  minPosition: q.minPosition(),
  format: format(),
});

const ESCALATIONS_QUERY = querySchema({
  mesaId: mesaFilter(),
  asOf: asOf(),
  minPosition: q.minPosition(),
  table: q
    .oneOf(
      ['summary', 'curve'] as const,
      'which CSV: the summary row (default) or the survival curves',
    )
    .orElse(() => 'summary'),
  format: format(),
});

const SCREENING_QUERY = querySchema({
  mesaId: mesaFilter(),
  groupBy: q.oneOf(SCREENING_GROUP_BYS, 'default organisation').orElse(() => 'organisation'),
  asOf: asOf(),
  minPosition: q.minPosition(),
  table: q
    .oneOf(
      ['groups', 'reasons'] as const,
      'which CSV: one row per key (default) or one per key and rejection reason',
    )
    .orElse(() => 'groups'),
  format: format(),
});

const WHOSE_MOVE_QUERY = querySchema({
  mesaId: mesaFilter(),
  asOf: asOf(),
  minPosition: q.minPosition(),
  table: q
    .oneOf(
      ['groups', 'problems'] as const,
      'which CSV: one row per court (default) or one per problem and court',
    )
    .orElse(() => 'groups'),
  format: format(),
});

const CSV_NOTE =
  "With `?format=csv` or `Accept: text/csv` the answer is an RFC 4180 CSV download (header row, CRLF, UTF-8 with a byte-order mark, days to 3 decimals, other fractions to 4, formula-like text prefixed with `'`).";

/** `{what}-{table}-{mesa or all}-{date}.csv`: what a download is, from its name alone. */
const fileName = (what: string, table: string | null, mesaId: string | undefined, at: string) =>
  [what, table, mesaId ?? 'all', at.slice(0, 10)].filter((part) => part !== null).join('-') +
  '.csv';

/** As of now (to the minute) unless `asOf` is given; keyed on the analytics checkpoint. */
const ANALYTICS_CACHE = (req: Request): CacheRule =>
  req.query.asOf === undefined
    ? { projections: [ANALYTICS], now: true, negotiates: true, cacheControl: CURRENT }
    : { projections: [ANALYTICS], negotiates: true, cacheControl: HISTORICAL };

/**
 * The analytics routes of docs/API.md, answered from the analytics projection's documents with one
 * partitioned scan per collection and request (no replay of the log). Public, like the other
 * queries.
 */
@ApiTags('analytics')
@ApiQueryErrors(400, 404, 503)
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('time-to-resolution')
  @ApiOperation({
    summary: 'Time to resolution (Kaplan–Meier)',
    description:
      'How long problems take from raised to resolved, with open problems counted as censored at asOf instead of dropped.',
  })
  @Cacheable(ANALYTICS_CACHE)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Kaplan–Meier time from ProblemRaised to the latest ProblemResolved, in days. Population: problems raised by asOf and not rejected by asOf; open ones censored at asOf. ' +
      '`medianCi` (95%, Brookmeyer–Crowley on log-log Greenwood bands) and `groupBy=mesa` are additions to docs/API.md. ' +
      CSV_NOTE,
    schema: TIME_TO_RESOLUTION_SCHEMA,
  })
  async timeToResolution(
    @ValidQuery(TIME_TO_RESOLUTION_QUERY)
    query: QueryValues<typeof TIME_TO_RESOLUTION_QUERY.params>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mesaId, groupBy, format, asOf, table, minPosition } = query;

    await this.ready(minPosition, mesaId);
    const { result, detail } = await readTimeToResolution(this.readModels.cached, {
      asOf,
      mesaId,
      groupBy,
    });
    return respondTable(req, res, format, result, () => ({
      filename: fileName('time-to-resolution', table, mesaId, asOf),
      body:
        table === 'curve'
          ? timeToResolutionCurveCsv(result)
          : table === 'atRisk'
            ? survivalTableCsv(detail.groups)
            : timeToResolutionSummaryCsv(result),
    }));
  }

  @Get('cadence')
  @ApiOperation({
    summary: 'Session cadence of a mesa',
    description:
      'Regular sessions held in a window, per month and the longest gap: the pressure of frequent sessions the method relies on.',
  })
  @Cacheable(() => ({ projections: [ANALYTICS], negotiates: true, cacheControl: CURRENT }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Regular sessions held in [from, to]: `days` counts both ends, `perMonth = sessions / (days / 30.4375)`, `longestGapDays` the most days between consecutive regular sessions in the window (null under two). ' +
      '`months` (every calendar month the window touches, zeros included, with the days of it inside the window) is an addition to docs/API.md. ' +
      CSV_NOTE,
    schema: CADENCE_SCHEMA,
  })
  async cadence(
    @ValidQuery(CADENCE_QUERY) query: QueryValues<typeof CADENCE_QUERY.params>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mesaId, format, from, to, table, minPosition } = query;

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
    return respondTable(req, res, format, body, () => ({
      filename: `cadence-${table}-${mesaId}-${from}-${to}.csv`,
      body: table === 'months' ? cadenceMonthsCsv(result) : cadenceSummaryCsv(result),
    }));
  }

  @Get('tasks')
  @ApiOperation({
    summary: 'Task delivery by responsible entity',
    description:
      'Tasks assigned, done on time or late, cancelled and overdue, per responsible entity or per mesa.',
  })
  @Cacheable(ANALYTICS_CACHE)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Per key: tasks assigned by asOf, open, done, done on time (completion date ≤ the deadline in force), done late, done by the original deadline, cancelled, overdue now (open with its deadline before the asOf date), median days late. ' +
      'Instants become dates in Peru (UTC−05:00). ' +
      CSV_NOTE,
    schema: TASKS_SCHEMA,
  })
  async tasks(
    @ValidQuery(TASKS_QUERY) query: QueryValues<typeof TASKS_QUERY.params>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { groupBy, format, mesaId, asOf, minPosition } = query;

    await this.ready(minPosition, mesaId);
    const result = await readTaskDelivery(this.readModels.cached, { asOf, mesaId, groupBy });
    return respondTable(req, res, format, { groupBy, ...result }, () => ({
      filename: fileName('tasks', groupBy, mesaId, asOf),
      body: taskDeliveryCsv(result),
    }));
  }

  @Get('escalations')
  @ApiOperation({
    summary: 'Escalations and their decisions',
    description:
      'How often problems go to the high level, how long the decision takes, and whether escalated problems resolve faster.',
  })
  @Cacheable(ANALYTICS_CACHE)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Escalations made by asOf: count, decided, pending; share of the population escalated; Kaplan–Meier time from escalation to decision (pending ones censored at asOf); time to resolution of escalated vs not escalated problems. ' +
      CSV_NOTE,
    schema: ESCALATIONS_SCHEMA,
  })
  async escalations(
    @ValidQuery(ESCALATIONS_QUERY) query: QueryValues<typeof ESCALATIONS_QUERY.params>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mesaId, asOf, table, format, minPosition } = query;

    await this.ready(minPosition, mesaId);
    const result = await readEscalations(this.readModels.cached, { asOf, mesaId });
    return respondTable(req, res, format, result, () => ({
      filename: fileName('escalations', table, mesaId, asOf),
      body: table === 'curve' ? escalationsCurveCsv(result) : escalationsSummaryCsv(result),
    }));
  }

  @Get('whose-move')
  @Cacheable(ANALYTICS_CACHE)
  @ApiOperation({
    summary: 'Whose move: ball-in-court days',
    description:
      'For every problem raised by asOf, from its raise to its latest resolution (or asOf; a rejected one to its rejection), who held the ball: `high_level` while an escalation awaits its decision, else the responsible entities of the open tasks (time shared equally among the distinct entities), else `dedicated_team`. Time between a resolution and a reopening counts for nobody. ' +
      '`groups` per court: days (3 decimals), share of all days counted (4 decimals), problems that spent time there; `problems`: days per court of each problem. An addition to docs/API.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: CSV_NOTE, schema: WHOSE_MOVE_SCHEMA })
  async whoseMove(
    @ValidQuery(WHOSE_MOVE_QUERY) query: QueryValues<typeof WHOSE_MOVE_QUERY.params>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mesaId, asOf, table, format, minPosition } = query;

    await this.ready(minPosition, mesaId);
    const result = await readWhoseMove(this.readModels.cached, { asOf, mesaId });
    return respondTable(req, res, format, result, () => ({
      filename: fileName('whose-move', table, mesaId, asOf),
      body: table === 'problems' ? whoseMoveProblemsCsv(result) : whoseMoveGroupsCsv(result),
    }));
  }

  @Get('screening')
  @Cacheable(ANALYTICS_CACHE)
  @ApiOperation({
    summary: 'Screening: what the filter let through',
    description:
      "Per organisation of the participant who raised each problem (as of its raise), per barrier or per participant: problems raised by asOf, accepted, rejected and pending by then, `rejectedShare` = rejected / (accepted + rejected) (4 decimals, null when none was filtered), and the rejections' reasons, most frequent first. An addition to docs/API.md.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: CSV_NOTE, schema: SCREENING_SCHEMA })
  async screening(
    @ValidQuery(SCREENING_QUERY) query: QueryValues<typeof SCREENING_QUERY.params>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mesaId, groupBy, asOf, table, format, minPosition } = query;

    await this.ready(minPosition, mesaId);
    const result = await readScreening(this.readModels.cached, { asOf, mesaId, groupBy });
    return respondTable(req, res, format, result, () => ({
      filename: fileName('screening', `${groupBy}-${table}`, mesaId, asOf),
      body: table === 'reasons' ? screeningReasonsCsv(result) : screeningCsv(result),
    }));
  }

  /** Waits for `minPosition`, then checks the mesa, so that a mesa just proposed is known. */
  private async ready(minPosition: bigint | undefined, mesaId: string | undefined): Promise<void> {
    await this.readModels.caughtUp(ANALYTICS, minPosition);
    if (mesaId !== undefined && !(await analyticsMesaExists(this.readModels.documents, mesaId))) {
      throw new NotFoundException(`unknown mesa ${mesaId}`);
    }
  }
}

/** Days of [from, to], both ends counted. */
function windowDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}
