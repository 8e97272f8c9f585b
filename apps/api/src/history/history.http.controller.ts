import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { HISTORY_PAGE_SCHEMA } from '../queries/mesa-queries.openapi';
import { ApiQueryErrors } from '../http/openapi-shapes';
import {
  HISTORY,
  HISTORY_LANGS,
  HistoryLang,
  MAX_HISTORY_INDEX,
  historyEntries,
  historyKnowsMesa,
  historyPage,
  historyTree,
  toHistoryEntry,
} from '@mesas/projections';
import type { Request, Response } from 'express';
import { CURRENT, Cacheable } from '../http/http-cache.interceptor';
import { writeChunk } from '../http/stream-writer';
import { IdParamPipe } from '../http/id-param.pipe';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { CSV_BOM, startCsvDownload } from '../http/table-format';
import { ReadModels } from '../queries/read-models';
import { historyCsvHeader, historyCsvRow, historyNdjsonLine } from './history-open-data';

const NDJSON = 'application/x-ndjson';
const CSV = 'text/csv';
/** the tree size an open-data download stops at (its entries are exactly that checkpoint's) */
const TREE_SIZE_HEADER = 'Mesas-Tree-Size';

/** `format` of the history routes: the table formats plus NDJSON. */
const HISTORY_FORMATS = ['json', 'ndjson', 'csv'] as const;
const HISTORY_QUERY = querySchema({
  after: q.integer('the nextAfter of the previous page (an entry index)', 0, MAX_HISTORY_INDEX),
  limit: q.integer('entries per page (default 100)', 1, 1000).orElse(() => 100),
  lang: q.oneOf(HISTORY_LANGS, 'language of the summaries (default es)').orElse(() => 'es'),
  minPosition: q.minPosition(),
  format: q.oneOf(
    HISTORY_FORMATS,
    'instead of Accept: `ndjson` or `csv` download every entry (CSV: UTF-8 with a byte-order mark, `Content-Disposition: attachment`)',
  ),
});
type HistoryQuery = QueryValues<typeof HISTORY_QUERY.params>;

const PAGE_DOC =
  '`{entries, nextAfter}`: entries with index > `after` (all from 0 when absent), at most `limit` ' +
  '(default 100, max 1000), `nextAfter` null on the last page. With `Accept: application/x-ndjson` ' +
  'or `text/csv`, every entry after `after` up to the current tree size, as open data.';

/** The public history (docs/API.md "Public history and its proofs"): paged JSON, NDJSON, CSV. */
@ApiTags('history')
@Controller()
export class HistoryController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('history')
  @ApiOperation({
    summary: 'The public history',
    description:
      'One entry per event with a public summary and its Merkle leaf hash, paged; NDJSON or CSV downloads of all of it.',
  })
  @ApiQueryErrors(400, 503)
  @Cacheable(() => ({ projections: [HISTORY], negotiates: true, cacheControl: CURRENT }))
  @ApiProduces('application/json', NDJSON, CSV)
  @ApiOkResponse({ description: PAGE_DOC, schema: HISTORY_PAGE_SCHEMA })
  async history(
    @Req() req: Request,
    @Res() res: Response,
    @ValidQuery(HISTORY_QUERY) query: HistoryQuery,
  ): Promise<void> {
    await this.serve(req, res, query, undefined);
  }

  @Get('mesas/:mesaId/history')
  @ApiOperation({
    summary: 'The public history of one mesa',
    description:
      'The entries of one mesa (their global indexes), paged or downloaded as NDJSON or CSV.',
  })
  @ApiQueryErrors(400, 404, 503)
  @Cacheable(() => ({ projections: [HISTORY], negotiates: true, cacheControl: CURRENT }))
  @ApiProduces('application/json', NDJSON, CSV)
  @ApiOkResponse({
    description: `The entries of one mesa (global indexes). ${PAGE_DOC}`,
    schema: HISTORY_PAGE_SCHEMA,
  })
  async mesaHistory(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Req() req: Request,
    @Res() res: Response,
    @ValidQuery(HISTORY_QUERY) query: HistoryQuery,
  ): Promise<void> {
    await this.serve(req, res, query, mesaId);
  }

  private async serve(
    req: Request,
    res: Response,
    query: HistoryQuery,
    mesaId: string | undefined,
  ): Promise<void> {
    const { after, limit, lang, minPosition, format: asked } = query;
    await this.readModels.caughtUp(HISTORY, minPosition);
    const documents = this.readModels.documents;
    if (mesaId !== undefined && !(await historyKnowsMesa(documents, mesaId))) {
      throw new NotFoundException(`unknown mesa ${mesaId}`);
    }

    res.vary('Accept');
    const format =
      asked === 'csv'
        ? CSV
        : asked === 'ndjson'
          ? NDJSON
          : asked === 'json'
            ? 'application/json'
            : req.accepts(['application/json', NDJSON, CSV]);
    if (format === NDJSON || format === CSV) {
      await this.stream(res, format, { after, mesaId, lang });
      return;
    }
    const page = await historyPage(documents, { after, limit, mesaId });
    res.status(200).json({
      entries: page.entries.map((doc) => toHistoryEntry(doc, lang)),
      nextAfter: page.nextAfter,
    });
  }

  /** Every entry up to the tree size read first, so the download matches one checkpoint. */
  private async stream(
    res: Response,
    format: typeof NDJSON | typeof CSV,
    options: { after?: number; mesaId?: string; lang: HistoryLang },
  ): Promise<void> {
    const documents = this.readModels.documents;
    const { treeSize } = await historyTree(documents);
    res.status(200);
    res.setHeader(TREE_SIZE_HEADER, String(treeSize));
    if (format === CSV) {
      startCsvDownload(res, `history-${options.mesaId ?? 'all'}-${treeSize}.csv`);
      res.write(CSV_BOM + historyCsvHeader());
    } else {
      res.type(NDJSON);
    }
    try {
      for await (const doc of historyEntries(documents, { ...options, treeSize })) {
        const entry = toHistoryEntry(doc, options.lang);
        const chunk = format === CSV ? historyCsvRow(entry) : historyNdjsonLine(entry);
        // back-pressure: a slow client must not make the whole log pile up in memory
        if (!(await writeChunk(res, chunk))) return;
      }
      res.end();
    } catch (error) {
      // the status is sent already: cut the body short so the client sees an incomplete download
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
