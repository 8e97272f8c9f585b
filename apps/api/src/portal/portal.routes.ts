import { HttpException, Logger } from '@nestjs/common';
import type { HistoryFilter } from '@mesas/projections';
import {
  AnalyticsGroupBy,
  EVENT_TYPES,
  Lang,
  PageContext,
  QueryValues,
  renderAnalyticsPage,
  renderErrorPage,
  renderHistoryPage,
  renderMesaDiffPage,
  renderMesaPage,
  renderMesasListPage,
  renderProblemPage,
  renderVerifyPage,
  Translator,
} from '@mesas/portal';
import { ID_PATTERN } from '@mesas/domain';
import { Router, type Request, type Response } from 'express';
import { PortalPageError, PortalQuery } from './portal-query';
import { PortalReads } from './portal-reads';

const GROUP_BYS: readonly Exclude<AnalyticsGroupBy, ''>[] = [
  'barrier',
  'ownership',
  'rootCause',
  'escalated',
  'mesa',
];

type PageHandler = (req: Request, q: PortalQuery) => Promise<string>;

/**
 * The portal's pages at the root, rendered on the server. An Express router mounted before
 * Nest's routes, on exactly these paths, so it can never shadow `/api/v1`, `/docs` or other
 * root routes; anything else falls through. Errors are pages too (400, 404, 503), in the
 * reader's language.
 */
export function portalRouter(reads: PortalReads): Router {
  const router = Router({ caseSensitive: true, strict: false });
  const logger = new Logger('Portal');

  const page =
    (handler: PageHandler) =>
    async (req: Request, res: Response): Promise<void> => {
      let lang: Lang = 'es';
      try {
        const q = new PortalQuery(req.query as Record<string, unknown>);
        lang = q.lang;
        send(res, 200, lang, await handler(req, q));
      } catch (error) {
        const ctx = new PageContext(lang, req.path);
        if (error instanceof PortalPageError) {
          send(res, error.status, lang, renderErrorPage(ctx, error.status, error.message));
        } else if (error instanceof HttpException && error.getStatus() === 503) {
          send(res, 503, lang, renderErrorPage(ctx, 503, ctx.t.t('errorUnavailable')));
        } else {
          logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
          send(res, 500, lang, renderErrorPage(ctx, 503, ctx.t.t('errorUnavailable')));
        }
      }
    };

  const pathId = (value: unknown, notFound: string): string => {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      throw new PortalPageError(404, notFound);
    }
    return value;
  };

  router.get(
    '/',
    page(async (req, q) => renderMesasListPage(context(req, q), await reads.mesas())),
  );

  router.get(
    '/mesas/:mesaId',
    page(async (req, q) => {
      const mesaId = pathId(
        req.params.mesaId,
        q.t.t('errorUnknownMesa', { id: String(req.params.mesaId) }),
      );
      const asOf = q.endOfDay('asOf');
      const view = await reads.mesaPage(mesaId, asOf);
      if (view === null) throw new PortalPageError(404, q.t.t('errorUnknownMesa', { id: mesaId }));
      if (view === 'not-yet')
        throw new PortalPageError(404, q.t.t('errorMesaNotYet', { id: mesaId }));
      return renderMesaPage(context(req, q, { asOf: asOf?.day }), view);
    }),
  );

  router.get(
    '/mesas/:mesaId/diff',
    page(async (req, q) => {
      const mesaId = pathId(
        req.params.mesaId,
        q.t.t('errorUnknownMesa', { id: String(req.params.mesaId) }),
      );
      const mesa = await reads.mesa(mesaId);
      if (!mesa) throw new PortalPageError(404, q.t.t('errorUnknownMesa', { id: mesaId }));
      const from = q.endOfDay('from');
      const to = q.endOfDay('to');
      const now = new Date().toISOString();
      const start = mesa.launchedAt ?? mesa.proposedAt;
      const toOr = to ?? { instant: now, day: Translator.limaDate(now) };
      const fromOr = from ?? { instant: start, day: Translator.limaDate(start) };
      if (Date.parse(fromOr.instant) > Date.parse(toOr.instant)) {
        throw new PortalPageError(400, q.t.t('errorFromAfterTo'));
      }
      const view = await reads.diffPage(mesaId, fromOr, toOr);
      if (view === null) throw new PortalPageError(404, q.t.t('errorUnknownMesa', { id: mesaId }));
      if (view === 'not-yet')
        throw new PortalPageError(404, q.t.t('errorMesaNotYet', { id: mesaId }));
      return renderMesaDiffPage(context(req, q, { from: from?.day, to: to?.day }), view);
    }),
  );

  router.get(
    '/mesas/:mesaId/problems/:problemId',
    page(async (req, q) => {
      const mesaId = pathId(
        req.params.mesaId,
        q.t.t('errorUnknownMesa', { id: String(req.params.mesaId) }),
      );
      const problemId = pathId(
        req.params.problemId,
        q.t.t('errorUnknownProblem', { id: String(req.params.problemId) }),
      );
      const view = await reads.problemPage(mesaId, problemId, q.lang);
      if (!view) throw new PortalPageError(404, q.t.t('errorUnknownProblem', { id: problemId }));
      return renderProblemPage(context(req, q), view);
    }),
  );

  router.get(
    '/history',
    page(async (req, q) => {
      const mesa = q.id('mesa');
      const problem = q.id('problem');
      const type = q.oneOf('type', EVENT_TYPES);
      const from = q.startOfDay('from');
      const to = q.endOfDay('to');
      const before = q.index('before');
      if (from && to && from.instant > to.instant) {
        throw new PortalPageError(400, q.t.t('errorFromAfterTo'));
      }
      const filter: HistoryFilter = {
        ...(mesa ? { mesaId: mesa } : {}),
        ...(problem ? { problemId: problem } : {}),
        ...(type ? { types: [type] } : {}),
        ...(from ? { from: from.instant } : {}),
        ...(to ? { to: to.instant } : {}),
      };
      const form = {
        mesa: mesa ?? '',
        problem: problem ?? '',
        type: type ?? '',
        from: from?.day ?? '',
        to: to?.day ?? '',
      };
      const view = await reads.historyPage({ before, filter, form, lang: q.lang });
      return renderHistoryPage(context(req, q, { ...form, before }), view);
    }),
  );

  router.get(
    '/analytics',
    page(async (req, q) => {
      const mesaId = q.id('mesaId');
      const groupBy = q.oneOf('groupBy', GROUP_BYS) ?? '';
      if (mesaId && !(await reads.mesa(mesaId))) {
        throw new PortalPageError(404, q.t.t('errorUnknownMesa', { id: mesaId }));
      }
      const view = await reads.analyticsPage(mesaId, groupBy);
      return renderAnalyticsPage(context(req, q, { mesaId, groupBy }), view);
    }),
  );

  router.get(
    '/verify',
    page(async (req, q) =>
      renderVerifyPage(context(req, q), await reads.verifyPage(originOf(req))),
    ),
  );

  return router;
}

function context(req: Request, q: PortalQuery, query: QueryValues = {}): PageContext {
  return new PageContext(q.lang, req.path, query);
}

/** The site as the reader reached it, for the commands the verify page prints. */
function originOf(req: Request): string {
  const host = req.get('host') ?? 'localhost';
  return `${req.protocol}://${host}`;
}

function send(res: Response, status: number, lang: Lang, body: string): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Language', lang);
  res.send(body);
}
