import { Controller, Get, Headers, Inject, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiQueryErrors } from '../http/openapi-shapes';
import { AUDIT_PAGE_SCHEMA } from '../queries/mesa-queries.openapi';
import { EventStore, toEnvelope } from '@mesas/event-store';
import type { Response } from 'express';
import { BearerAuthGuard, RequireRoles } from '../auth/bearer-auth.guard';
import { EVENT_STORE } from '@mesas/runtime';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { writeChunk } from '../http/stream-writer';

const EVENTS_QUERY = querySchema({
  after: q.logCursor('the nextAfter of the previous page'),
  limit: q.integer('events per page (default 100)', 1, 1000).orElse(() => 100),
});

/** The full log with every envelope, for auditors: JSON pages, or all of it as NDJSON. */
@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles('auditor')
@Controller('audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('events')
  @ApiOperation({
    summary: 'The full event log',
    description:
      'Every event envelope in log order, for auditors: pages of JSON, or all of it as NDJSON with `Accept: application/x-ndjson`.',
  })
  @ApiOkResponse({ description: 'OK', schema: AUDIT_PAGE_SCHEMA })
  @ApiQueryErrors(400, 401, 403)
  async events(
    @Res() res: Response,
    @Headers('accept') accept: string | undefined,
    @ValidQuery(EVENTS_QUERY) query: QueryValues<typeof EVENTS_QUERY.params>,
  ): Promise<void> {
    const from = query.after ?? null;
    if (accept?.includes('application/x-ndjson')) {
      res.status(200).type('application/x-ndjson').setHeader('Cache-Control', 'no-store');
      let checkpoint = from;
      try {
        for (;;) {
          const page = await this.store.readAll(checkpoint, 1000);
          if (page.events.length === 0) break;
          // back-pressure: one page in memory at most, whatever the reader's speed
          const lines = page.events.map((e) => `${JSON.stringify(toEnvelope(e))}\n`).join('');
          if (!(await writeChunk(res, lines))) return;
          checkpoint = page.checkpoint;
        }
        res.end();
      } catch (error) {
        // the status is sent already: cut the body short so the client sees an incomplete download
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    const limit = query.limit;
    const page = await this.store.readAll(from, limit);
    const more =
      page.events.length === limit &&
      (await this.store.readAll(page.checkpoint, 1)).events.length > 0;
    res
      .status(200)
      .json({ events: page.events.map(toEnvelope), nextAfter: more ? page.checkpoint : null });
  }
}
