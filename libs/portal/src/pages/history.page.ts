import { SafeHtml, html } from '../html-template';
import { EVENT_TYPES } from '../i18n/vocabulary-labels';
import { PageContext, downloadLinks, renderPage } from '../page-layout';
import type { HistoryPageView } from '../portal-views';
import { langField } from './mesa.page';

/**
 * `/history`: the public history newest first, filtered by mesa, problem, type and dates, in
 * pages that continue where the previous one stopped (`before`). Each entry links its mesa, its
 * problem and its inclusion proof; with JavaScript a button checks it in the browser.
 */
export function renderHistoryPage(ctx: PageContext, view: HistoryPageView): string {
  const { t, links } = ctx;
  const f = view.filter;
  const filterQuery = { mesa: f.mesa, problem: f.problem, type: f.type, from: f.from, to: f.to };
  const mesaNames = new Map(view.mesas.map((m) => [m.mesaId, m.name]));
  const apiPath = f.mesa ? `/mesas/${encodeURIComponent(f.mesa)}/history` : '/history';
  const langQuery = ctx.lang === 'es' ? {} : { lang: ctx.lang };
  const body = html`<h1>${t.t('historyTitle')}</h1>
    <p class="lead">${t.t('historyIntro')}</p>
    ${
      view.checkpoint
        ? html`<p
            class="checkpoint"
            data-tree-size="${view.checkpoint.treeSize}"
            data-root-hash="${view.checkpoint.rootHash}"
          >
            ${t.t('checkpoint')}: ${t.t('treeSize')} ${t.number(view.checkpoint.treeSize)} ·
            ${t.t('rootHash')} <code class="hash">${view.checkpoint.rootHash.slice(0, 16)}…</code> ·
            <a href="${links.to('/verify')}">${t.t('navVerify')}</a>
          </p>`
        : ''
    }
    <form method="get" action="/history" class="filters">
      <fieldset>
        <legend>${t.t('filters')}</legend>
        ${langField(ctx)}
        <div class="field">
          <label for="f-mesa">${t.t('filterMesa')}</label>
          <select id="f-mesa" name="mesa">
            <option value="">${t.t('any')}</option>
            ${view.mesas.map(
              (m) =>
                html`<option value="${m.mesaId}" ${m.mesaId === f.mesa ? html` selected` : ''}>
                  ${m.name}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="f-problem">${t.t('filterProblem')}</label>
          <input
            id="f-problem"
            name="problem"
            type="text"
            value="${f.problem}"
            autocomplete="off"
            spellcheck="false"
          />
        </div>
        <div class="field">
          <label for="f-type">${t.t('filterType')}</label>
          <select id="f-type" name="type">
            <option value="">${t.t('anyType')}</option>
            ${EVENT_TYPES.map(
              (type) =>
                html`<option value="${type}" ${type === f.type ? html` selected` : ''}>
                  ${t.label('eventType', type)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="f-from">${t.t('filterFrom')}</label>
          <input id="f-from" name="from" type="date" value="${f.from}" />
        </div>
        <div class="field">
          <label for="f-to">${t.t('filterTo')}</label>
          <input id="f-to" name="to" type="date" value="${f.to}" />
        </div>
        <div class="field actions">
          <button type="submit">${t.t('apply')}</button>
          <a href="${links.to('/history')}">${t.t('clearFilters')}</a>
        </div>
      </fieldset>
    </form>
    ${view.entries.length === 0 ? html`<p class="empty">${t.t('noEntries')}</p>` : ''}
    <ol class="entries">
      ${view.entries.map((e) => {
        const mesaName = e.mesaId ? (mesaNames.get(e.mesaId) ?? e.mesaId) : null;
        return html`<li class="entry" id="entry-${e.index}" data-history-index="${e.index}">
          <p class="entry-head">
            <span class="index">${t.t('entryIndex')} ${e.index}</span> ·
            <strong>${t.label('eventType', e.type)}</strong> · ${t.timeOf(e.occurredAt)}
          </p>
          <p>${e.summary}</p>
          <p class="meta">
            ${mesaName && e.mesaId ? html`<a href="${links.mesa(e.mesaId)}">${mesaName}</a>` : ''}${
              e.problemId && e.mesaId
                ? html` · <a href="${links.problem(e.mesaId, e.problemId)}">${t.t('problem')}</a>`
                : ''
            }
            · ${t.t('recordedAt')} ${t.timeOf(e.recordedAt)} · ${t.t('leafHash')}
            <code class="hash">${e.leafHash.slice(0, 12)}…</code> ·
            <a
              href="${links.api('/transparency/proof/inclusion', { index: e.index, treeSize: view.checkpoint?.treeSize })}"
              type="application/json"
              >${t.t('proof')}</a
            >
          </p>
        </li>`;
      })}
    </ol>
    ${view.scanStoppedAt !== null ? html`<p class="meta">${t.t('scannedUpTo', { index: view.scanStoppedAt })}</p>` : ''}
    ${pager(ctx, view, filterQuery)}
    ${downloadLinks(
      ctx,
      [
        { format: 'json', href: links.api(apiPath, langQuery) },
        { format: 'ndjson', href: links.api(apiPath, { ...langQuery, format: 'ndjson' }) },
        { format: 'csv', href: links.api(apiPath, { ...langQuery, format: 'csv' }) },
      ],
      t.t('historyTitle'),
    )}`;
  return renderPage(ctx, { title: historyTitle(ctx, view), section: 'history', body });
}

function pager(
  ctx: PageContext,
  view: HistoryPageView,
  filterQuery: Record<string, string>,
): SafeHtml {
  const { t, links } = ctx;
  if (view.before === null && view.nextBefore === null) return html``;
  return html`<nav class="pager" aria-label="${t.t('pagination')}">
    <ul>
      ${view.before !== null ? html`<li><a href="${links.to('/history', filterQuery)}">${t.t('newestEntries')}</a></li>` : ''}
      ${view.nextBefore !== null ? html`<li><a rel="next" href="${links.to('/history', { ...filterQuery, before: view.nextBefore })}">${t.t('olderEntries')}</a></li>` : ''}
    </ul>
  </nav>`;
}

/** The title says what the page holds: the filters, and where a later page starts. */
function historyTitle(ctx: PageContext, view: HistoryPageView): string {
  const { t } = ctx;
  const f = view.filter;
  const parts = [
    f.mesa ? (view.mesas.find((m) => m.mesaId === f.mesa)?.name ?? f.mesa) : '',
    f.problem,
    f.type ? t.label('eventType', f.type) : '',
    f.from || f.to ? `${f.from} – ${f.to}` : '',
    view.before !== null ? `< ${t.t('entryIndex')} ${view.before}` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? t.t('historyTitle') : `${t.t('historyTitle')}: ${parts.join(' · ')}`;
}
