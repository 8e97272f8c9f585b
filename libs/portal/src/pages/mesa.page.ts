import type { MesaDoc } from '@mesas/projections';
import { SafeHtml, html } from '../html-template';
import { barChart } from '../charts/svg-charts';
import { PageContext, breadcrumbs, downloadLinks, renderPage } from '../page-layout';
import type { MesaPageView } from '../portal-views';
import { matrixTable } from './matrix-table';
import { scrollRegion, statusPills } from './page-fragments';

/** How many sessions the page lists before the rest fold into "all sessions". */
const RECENT_SESSIONS = 8;

/**
 * `/mesas/{m}[?asOf=]`: the mesa's header, its matrix, sessions, cadence and impact. With
 * `asOf` everything (header and counts included) is the fold of the events up to that instant,
 * under a banner that says so.
 */
export function renderMesaPage(ctx: PageContext, view: MesaPageView): string {
  const { t, links } = ctx;
  const { mesa } = view;
  const asOfQuery = view.asOfDay ? { asOf: view.asOfDay } : {};
  const body = html`${breadcrumbs(ctx, [
      { text: t.t('navMesas'), href: links.to('/') },
      { text: mesa.name },
    ])}
    ${
      view.asOf
        ? html`<div class="banner" role="note">
            <p>
              <strong>${t.t('asOfBanner')} ${t.timeOf(view.asOf)}.</strong>
              <a href="${links.mesa(mesa.mesaId)}">${t.t('asOfBackToToday')}</a>
            </p>
          </div>`
        : ''
    }
    <h1>${mesa.name}</h1>
    ${mesaHeader(ctx, mesa)} ${statusPills(ctx, view.counts)}
    <div class="forms">
      <form
        method="get"
        action="${`/mesas/${encodeURIComponent(mesa.mesaId)}`}"
        class="inline-form"
      >
        <fieldset>
          <legend>${t.t('asOfLegend')}</legend>
          ${langField(ctx)}
          <label for="asof-date">${t.t('asOfDate')}</label>
          <input
            id="asof-date"
            name="asOf"
            type="date"
            value="${view.asOfDay ?? ''}"
            max="${view.today}"
            required
          />
          <button type="submit">${t.t('show')}</button>
        </fieldset>
      </form>
      <form
        method="get"
        action="${`/mesas/${encodeURIComponent(mesa.mesaId)}/diff`}"
        class="inline-form"
      >
        <fieldset>
          <legend>${t.t('diffLegend')}</legend>
          ${langField(ctx)}
          <label for="diff-from">${t.t('diffFrom')}</label>
          <input
            id="diff-from"
            name="from"
            type="date"
            value="${(mesa.launchedAt ?? mesa.proposedAt).slice(0, 10)}"
            max="${view.today}"
            required
          />
          <label for="diff-to">${t.t('diffTo')}</label>
          <input
            id="diff-to"
            name="to"
            type="date"
            value="${view.asOfDay ?? view.today}"
            max="${view.today}"
            required
          />
          <button type="submit">${t.t('show')}</button>
        </fieldset>
      </form>
    </div>
    <section aria-labelledby="matrix-h">
      <h2 id="matrix-h">${t.t('matrix')}</h2>
      ${matrixTable(ctx, mesa.mesaId, view.rows)}
      ${downloadLinks(
        ctx,
        [
          {
            format: 'json',
            href: links.api(`/mesas/${encodeURIComponent(mesa.mesaId)}/matrix`, asOfQuery),
          },
          {
            format: 'csv',
            href: links.api(`/mesas/${encodeURIComponent(mesa.mesaId)}/matrix`, {
              ...asOfQuery,
              format: 'csv',
            }),
          },
        ],
        t.t('matrix'),
      )}
    </section>
    ${sessionsSection(ctx, mesa)} ${cadenceSection(ctx, view)} ${impactSection(ctx, view)}
    <p><a href="${links.to('/history', { mesa: mesa.mesaId })}">${t.t('mesaHistory')}</a></p>`;
  return renderPage(ctx, {
    title: view.asOf ? `${mesa.name} (${t.instant(view.asOf)})` : mesa.name,
    section: 'mesas',
    body,
    description: mesa.scope,
  });
}

/** Keeps the page's language through a GET form. */
export function langField(ctx: PageContext): SafeHtml {
  return ctx.lang === 'es' ? html`` : html`<input type="hidden" name="lang" value="${ctx.lang}" />`;
}

function mesaHeader(ctx: PageContext, mesa: MesaDoc): SafeHtml {
  const { t } = ctx;
  const active = mesa.participants.filter((p) => p.active).length;
  return html`<dl class="facts">
    <div>
      <dt>${t.t('kind')}</dt>
      <dd>
        ${t.label('mesaKind', mesa.kind)} ·
        ${t.label('mesaLevel', mesa.level)}${mesa.region ? html` (${mesa.region})` : ''}
      </dd>
    </div>
    <div>
      <dt>${t.t('scope')}</dt>
      <dd>${mesa.scope}</dd>
    </div>
    <div>
      <dt>${t.t('convener')}</dt>
      <dd>
        ${mesa.convener}${
          mesa.convenerHistory.length > 1
            ? html`<span class="meta"
                >${mesa.convenerHistory.map(
                  (c, i) =>
                    html`${i > 0 ? ' → ' : ''}${c.convener} (${t.t('convenerSince')}
                    ${t.timeOf(c.since)})`,
                )}</span
              >`
            : ''
        }
      </dd>
    </div>
    <div>
      <dt>${t.t('status')}</dt>
      <dd>
        ${t.label('mesaStatus', mesa.status)}${
          mesa.launchedAt ? html` · ${t.t('launched')} ${t.timeOf(mesa.launchedAt)}` : ''
        }${mesa.closedAt ? html` · ${t.t('closedOn')} ${t.timeOf(mesa.closedAt)}` : ''}
      </dd>
    </div>
    <div>
      <dt>${t.t('participants')}</dt>
      <dd>
        ${t.count('participantsActive', active)} · ${t.count('sessionsCount', mesa.sessions.length)}
      </dd>
    </div>
  </dl>`;
}

function sessionsSection(ctx: PageContext, mesa: MesaDoc): SafeHtml {
  const { t, links } = ctx;
  const sessions = [...mesa.sessions].sort((a, b) =>
    a.heldOn === b.heldOn ? (a.sessionId < b.sessionId ? 1 : -1) : a.heldOn < b.heldOn ? 1 : -1,
  );
  const table = (list: typeof sessions, caption: string) =>
    scrollRegion(
      caption,
      html`<table class="sessions">
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.t('sessionDate')}</th>
            <th scope="col">${t.t('sessionType')}</th>
            <th scope="col">${t.t('attendees')}</th>
            <th scope="col">${t.t('problemsDiscussed')}</th>
            <th scope="col">${t.t('summary')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (s) =>
              html`<tr id="session-${s.sessionId}">
                <td>${t.timeOfDay(s.heldOn)}</td>
                <td>${t.label('sessionType', s.type)}</td>
                <td>${t.number(s.attendees.length)}</td>
                <td>${t.number(s.problemIds.length)}</td>
                <td>${s.summary ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    );
  return html`<section aria-labelledby="sessions-h">
    <h2 id="sessions-h">${t.t('sessions')}</h2>
    ${sessions.length === 0 ? html`<p class="empty">${t.t('noData')}</p>` : table(sessions.slice(0, RECENT_SESSIONS), t.t('sessionsCaption'))}
    ${
      sessions.length > RECENT_SESSIONS
        ? html`<details>
            <summary>${t.t('allSessions')} (${t.count('sessionsCount', sessions.length)})</summary>
            ${table(sessions.slice(RECENT_SESSIONS), t.t('allSessions'))}
          </details>`
        : ''
    }
    ${downloadLinks(ctx, [{ format: 'json', href: links.api(`/mesas/${encodeURIComponent(mesa.mesaId)}`) }], t.t('sessions'))}
  </section>`;
}

function cadenceSection(ctx: PageContext, view: MesaPageView): SafeHtml {
  const { t, links } = ctx;
  const c = view.cadence;
  if (!c) return html``;
  const query = { mesaId: view.mesa.mesaId, from: c.from, to: c.to };
  return html`<section aria-labelledby="cadence-h">
    <h2 id="cadence-h">${t.t('cadence')}</h2>
    <p>
      ${t.count('sessionsCount', c.sessions)} ·
      <strong>${t.number(c.perMonth, 2)}</strong> ${t.t('cadenceSummary')} · ${t.t('longestGap')}:
      ${c.longestGapDays === null ? '—' : t.count('days', c.longestGapDays)}
    </p>
    ${cadenceChart(ctx, 'cadence-chart', `${t.t('cadence')}: ${view.mesa.name}`, c.months)}
    ${downloadLinks(
      ctx,
      [
        { format: 'json', href: links.api('/analytics/cadence', query) },
        {
          format: 'csv',
          href: links.api('/analytics/cadence', { ...query, table: 'months', format: 'csv' }),
        },
      ],
      t.t('cadence'),
    )}
  </section>`;
}

/** Sessions per month: the bars and, as their text alternative, the table of the same numbers. */
export function cadenceChart(
  ctx: PageContext,
  id: string,
  title: string,
  months: readonly { readonly month: string; readonly sessions: number }[],
): SafeHtml {
  const { t } = ctx;
  return html`<figure class="chart-figure">
    ${barChart(
      id,
      title,
      months.map((m) => ({
        label: t.month(m.month),
        shortLabel: t.month(m.month),
        value: m.sessions,
      })),
    )}
    <figcaption>
      <details>
        <summary>${t.t('chartTable')}</summary>
        ${scrollRegion(
          t.t('chartTable'),
          html`<table class="compact">
            <caption class="visually-hidden">
              ${title}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.t('month')}</th>
                <th scope="col">${t.t('regularSessions')}</th>
              </tr>
            </thead>
            <tbody>
              ${months.map(
                (m) =>
                  html`<tr>
                    <th scope="row"><time datetime="${m.month}">${t.month(m.month)}</time></th>
                    <td>${m.sessions}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
        )}
      </details>
    </figcaption>
  </figure>`;
}

function impactSection(ctx: PageContext, view: MesaPageView): SafeHtml {
  const { t, links } = ctx;
  return html`<section aria-labelledby="impact-h">
    <h2 id="impact-h">${t.t('impact')}</h2>
    ${
      view.impacts.length === 0
        ? html`<p class="empty">${t.t('noImpact')}</p>`
        : scrollRegion(
            `${t.t('impact')}: ${t.t('indicator')}`,
            html`<table>
              <caption class="visually-hidden">
                ${t.t('impact')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.t('indicator')}</th>
                  <th scope="col">${t.t('before')}</th>
                  <th scope="col">${t.t('after')}</th>
                  <th scope="col">${t.t('problem')}</th>
                  <th scope="col">${t.t('recordedOn')}</th>
                </tr>
              </thead>
              <tbody>
                ${view.impacts.map(
                  (i) =>
                    html`<tr>
                      <th scope="row">${i.indicator}</th>
                      <td>${t.number(i.before, 2)} ${i.unit}</td>
                      <td>${t.number(i.after, 2)} ${i.unit}</td>
                      <td>
                        <a href="${links.problem(view.mesa.mesaId, i.problemId)}"
                          >${i.problemTitle}</a
                        >
                      </td>
                      <td>
                        <a href="${links.historyEntry(i.historyIndex)}"
                          >${t.timeOf(i.occurredAt)}</a
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
          )
    }
    ${downloadLinks(
      ctx,
      [
        {
          format: 'json',
          href: links.api(`/mesas/${encodeURIComponent(view.mesa.mesaId)}/history`),
        },
        {
          format: 'ndjson',
          href: links.api(`/mesas/${encodeURIComponent(view.mesa.mesaId)}/history`, {
            format: 'ndjson',
          }),
        },
      ],
      t.t('mesaHistory'),
    )}
  </section>`;
}
