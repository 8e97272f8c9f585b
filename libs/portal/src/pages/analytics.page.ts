import type { TimeToResolutionGroup } from '@mesas/analytics';
import { SafeHtml, html } from '../html-template';
import { horizontalBarChart, stepChart, swatch } from '../charts/svg-charts';
import { PageContext, downloadLinks, renderPage } from '../page-layout';
import type { AnalyticsGroupBy, AnalyticsPageView } from '../portal-views';
import { cadenceChart, langField } from './mesa.page';
import { scrollRegion } from './page-fragments';

const GROUP_BYS: readonly AnalyticsGroupBy[] = [
  '',
  'barrier',
  'ownership',
  'rootCause',
  'escalated',
  'mesa',
];

/**
 * `/analytics`: Kaplan–Meier time to resolution per group (with n and censored counts), session
 * cadence per month, on-time delivery per responsible entity, who holds the ball (share of days
 * per court) and screening per organisation. Every chart has its table.
 */
export function renderAnalyticsPage(ctx: PageContext, view: AnalyticsPageView): string {
  const { t, links } = ctx;
  const mesaQuery = view.mesaId ? { mesaId: view.mesaId } : {};
  const chosen = view.mesas.find((m) => m.mesaId === view.mesaId);
  const ttrQuery = { ...mesaQuery, ...(view.groupBy ? { groupBy: view.groupBy } : {}) };
  const body = html`<h1>${t.t('analyticsTitle')}</h1>
    <p class="lead">${t.t('analyticsIntro')}</p>
    <form method="get" action="/analytics" class="inline-form">
      <fieldset>
        <legend>${t.t('filters')}</legend>
        ${langField(ctx)}
        <label for="a-mesa">${t.t('filterMesa')}</label>
        <select id="a-mesa" name="mesaId">
          <option value="">${t.t('allMesas')}</option>
          ${view.mesas.map(
            (m) =>
              html`<option value="${m.mesaId}" ${m.mesaId === view.mesaId ? html` selected` : ''}>
                ${m.name}
              </option>`,
          )}
        </select>
        <label for="a-group">${t.t('groupBy')}</label>
        <select id="a-group" name="groupBy">
          ${GROUP_BYS.map(
            (g) =>
              html`<option value="${g}" ${g === view.groupBy ? html` selected` : ''}>
                ${groupByLabel(ctx, g)}
              </option>`,
          )}
        </select>
        <button type="submit">${t.t('apply')}</button>
      </fieldset>
    </form>
    <section aria-labelledby="ttr-h">
      <h2 id="ttr-h">${t.t('ttrTitle')}</h2>
      ${ttrSection(ctx, view)}
      ${downloadLinks(
        ctx,
        [
          { format: 'json', href: links.api('/analytics/time-to-resolution', ttrQuery) },
          {
            format: 'csv',
            href: links.api('/analytics/time-to-resolution', { ...ttrQuery, format: 'csv' }),
          },
        ],
        t.t('ttrTitle'),
      )}
    </section>
    <section aria-labelledby="cadence-h">
      <h2 id="cadence-h">${t.t('cadenceTitle')}</h2>
      ${cadenceSection(ctx, view)}
    </section>
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">${t.t('tasksTitle')}</h2>
      ${tasksTable(ctx, view)}
      ${downloadLinks(
        ctx,
        [
          {
            format: 'json',
            href: links.api('/analytics/tasks', { groupBy: 'responsibleEntity', ...mesaQuery }),
          },
          {
            format: 'csv',
            href: links.api('/analytics/tasks', {
              groupBy: 'responsibleEntity',
              ...mesaQuery,
              format: 'csv',
            }),
          },
        ],
        t.t('tasksTitle'),
      )}
    </section>
    <section aria-labelledby="whose-move-h" id="whose-move">
      <h2 id="whose-move-h">${t.t('whoseMoveTitle')}</h2>
      <p>${t.t('whoseMoveIntro')}</p>
      ${whoseMoveSection(ctx, view)}
      ${downloadLinks(
        ctx,
        [
          { format: 'json', href: links.api('/analytics/whose-move', mesaQuery) },
          {
            format: 'csv',
            href: links.api('/analytics/whose-move', { ...mesaQuery, format: 'csv' }),
          },
        ],
        t.t('whoseMoveTitle'),
      )}
    </section>
    <section aria-labelledby="screening-h" id="screening">
      <h2 id="screening-h">${t.t('screeningTitle')}</h2>
      ${screeningTable(ctx, view)}
      ${downloadLinks(
        ctx,
        [
          {
            format: 'json',
            href: links.api('/analytics/screening', { groupBy: 'organisation', ...mesaQuery }),
          },
          {
            format: 'csv',
            href: links.api('/analytics/screening', {
              groupBy: 'organisation',
              ...mesaQuery,
              format: 'csv',
            }),
          },
        ],
        t.t('screeningTitle'),
      )}
    </section>`;
  return renderPage(ctx, {
    title: chosen ? `${t.t('analyticsTitle')}: ${chosen.name}` : t.t('analyticsTitle'),
    section: 'analytics',
    body,
  });
}

function groupByLabel(ctx: PageContext, g: AnalyticsGroupBy): string {
  const { t } = ctx;
  switch (g) {
    case '':
      return t.t('groupNone');
    case 'barrier':
      return t.t('barrier');
    case 'ownership':
      return t.t('ownership');
    case 'rootCause':
      return t.t('rootCause');
    case 'escalated':
      return t.t('groupEscalated');
    case 'mesa':
      return t.t('groupMesa');
  }
}

/** A group's key in words: a code of the grouped vocabulary, a mesa's name, yes/no. */
function groupKeyLabel(ctx: PageContext, view: AnalyticsPageView, key: string): string {
  const { t } = ctx;
  if (key === 'all') return t.t('all');
  if (key === 'unknown') return t.t('unknown');
  switch (view.groupBy) {
    case 'barrier':
      return t.label('barrier', key);
    case 'ownership':
      return t.label('ownership', key);
    case 'rootCause':
      return t.label('rootCause', key);
    case 'escalated':
      return key === 'true' || key === 'yes'
        ? t.t('yes')
        : key === 'false' || key === 'no'
          ? t.t('no')
          : key;
    case 'mesa':
      return view.mesas.find((m) => m.mesaId === key)?.name ?? key;
    default:
      return key;
  }
}

function daysOrDash(ctx: PageContext, days: number | null): string {
  return days === null ? ctx.t.t('notReached') : ctx.t.count('days', days);
}

function ttrSection(ctx: PageContext, view: AnalyticsPageView): SafeHtml {
  const { t } = ctx;
  const groups = view.timeToResolution.groups;
  if (groups.length === 0) return html`<p class="empty">${t.t('noData')}</p>`;
  const name = (g: TimeToResolutionGroup) => groupKeyLabel(ctx, view, g.key);
  return html`<figure class="chart-figure">
      ${stepChart(
        'ttr-chart',
        t.t('ttrChartLabel'),
        groups.map((g) => ({
          name: name(g),
          points: g.curve.map((p) => ({ day: p.day, value: p.survival })),
        })),
        { x: t.t('daysSinceRaised'), y: t.t('stillOpen') },
      )}
      <figcaption>
        <ul class="legend">
          ${groups.map((g, i) => html`<li>${swatch(i)} ${name(g)}</li>`)}
        </ul>
        <details>
          <summary>${t.t('curveTable')}</summary>
          ${scrollRegion(
            t.t('curveTable'),
            html`<table class="compact">
              <caption class="visually-hidden">
                ${t.t('curveTable')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.t('group')}</th>
                  <th scope="col">${t.t('daysSinceRaised')}</th>
                  <th scope="col">${t.t('stillOpen')}</th>
                </tr>
              </thead>
              <tbody>
                ${groups.flatMap((g) =>
                  g.curve.map(
                    (p) =>
                      html`<tr>
                        <th scope="row">${name(g)}</th>
                        <td>${t.number(p.day, 1)}</td>
                        <td>${t.number(p.survival * 100, 1)} %</td>
                      </tr>`,
                  ),
                )}
              </tbody>
            </table>`,
          )}
        </details>
      </figcaption>
    </figure>
    ${scrollRegion(
      t.t('ttrCaption'),
      html`<table>
        <caption>
          ${t.t('ttrCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.t('group')}</th>
            <th scope="col">${t.t('n')}</th>
            <th scope="col">${t.t('resolvedCount')}</th>
            <th scope="col">${t.t('censoredCount')}</th>
            <th scope="col">${t.t('median')}</th>
            <th scope="col">${t.t('medianCi')}</th>
            <th scope="col">${t.t('p25')}</th>
            <th scope="col">${t.t('p75')}</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (g) =>
              html`<tr>
                <th scope="row">${name(g)}</th>
                <td>${g.n}</td>
                <td>${g.resolved}</td>
                <td>${g.censored}</td>
                <td>${daysOrDash(ctx, g.medianDays)}</td>
                <td>${ciText(ctx, g)}</td>
                <td>${daysOrDash(ctx, g.p25Days)}</td>
                <td>${daysOrDash(ctx, g.p75Days)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

function ciText(ctx: PageContext, g: TimeToResolutionGroup): string {
  const ci = g.medianCi;
  if (ci.lower === null && ci.upper === null) return '—';
  const f = (v: number | null) => (v === null ? '∞' : ctx.t.number(v, 1));
  return `${f(ci.lower)} – ${f(ci.upper)}`;
}

function cadenceSection(ctx: PageContext, view: AnalyticsPageView): SafeHtml {
  const { t, links } = ctx;
  if (view.cadence) {
    const c = view.cadence.cadence;
    const query = { mesaId: view.cadence.mesaId, from: c.from, to: c.to };
    return html`<p>
        ${view.cadence.name}: ${t.count('sessionsCount', c.sessions)} ·
        <strong>${t.number(c.perMonth, 2)}</strong> ${t.t('cadenceSummary')} · ${t.t('longestGap')}:
        ${c.longestGapDays === null ? '—' : t.count('days', c.longestGapDays)}
      </p>
      ${cadenceChart(ctx, 'cadence-chart', `${t.t('cadenceTitle')}: ${view.cadence.name}`, c.months)}
      ${downloadLinks(
        ctx,
        [
          { format: 'json', href: links.api('/analytics/cadence', query) },
          {
            format: 'csv',
            href: links.api('/analytics/cadence', { ...query, table: 'months', format: 'csv' }),
          },
        ],
        t.t('cadenceTitle'),
      )}`;
  }
  return html`<p>${t.t('cadenceChooseMesa')}</p>
    ${scrollRegion(
      t.t('cadenceByMesa'),
      html`<table>
        <caption>
          ${t.t('cadenceByMesa')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.t('filterMesa')}</th>
            <th scope="col">${t.t('regularSessions')}</th>
            <th scope="col">${t.t('perMonth')}</th>
            <th scope="col">${t.t('longestGap')}</th>
          </tr>
        </thead>
        <tbody>
          ${view.cadenceByMesa.map(
            (m) =>
              html`<tr>
                <th scope="row">
                  <a href="${links.to('/analytics', { mesaId: m.mesaId, groupBy: view.groupBy })}"
                    >${m.name}</a
                  >
                </th>
                <td>${m.cadence.sessions}</td>
                <td>${t.number(m.cadence.perMonth, 2)}</td>
                <td>
                  ${m.cadence.longestGapDays === null ? '—' : t.count('days', m.cadence.longestGapDays)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

function tasksTable(ctx: PageContext, view: AnalyticsPageView): SafeHtml {
  const { t } = ctx;
  const groups = view.tasks.groups;
  if (groups.length === 0) return html`<p class="empty">${t.t('noData')}</p>`;
  return scrollRegion(
    t.t('tasksCaption'),
    html`<table>
      <caption>
        ${t.t('tasksCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('entity')}</th>
          <th scope="col">${t.t('assigned')}</th>
          <th scope="col">${t.t('done')}</th>
          <th scope="col">${t.t('onTime')}</th>
          <th scope="col">${t.t('late')}</th>
          <th scope="col">${t.t('overdueNow')}</th>
          <th scope="col">${t.t('cancelled')}</th>
          <th scope="col">${t.t('onTimeShare')}</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr>
              <th scope="row">${g.key === 'unknown' ? t.t('unknown') : g.key}</th>
              <td>${g.assigned}</td>
              <td>${g.done}</td>
              <td>${g.doneOnTime}</td>
              <td>${g.doneLate}</td>
              <td>${g.overdueNow}</td>
              <td>${g.cancelled}</td>
              <td>${g.done === 0 ? '—' : `${t.number((g.doneOnTime / g.done) * 100, 0)} %`}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

/** A court in words: the two kinds of court that are not entities, else the entity's code. */
function courtLabel(ctx: PageContext, court: string): string {
  if (court === 'high_level') return ctx.t.t('courtHighLevel');
  if (court === 'dedicated_team') return ctx.t.t('courtDedicatedTeam');
  return court;
}

/** A number with exactly one decimal, in the page's language ("2,0" / "2.0"). */
function oneDecimal(ctx: PageContext, n: number): string {
  return ctx.t.number(n, 1, 1);
}

function percent(ctx: PageContext, share: number): string {
  return `${oneDecimal(ctx, share * 100)} %`;
}

function whoseMoveSection(ctx: PageContext, view: AnalyticsPageView): SafeHtml {
  const { t } = ctx;
  const groups = view.whoseMove.groups;
  if (groups.length === 0) return html`<p class="empty">${t.t('noData')}</p>`;
  return html`<p>${t.count('whoseMoveProblems', view.whoseMove.problems.length)}</p>
    <figure class="chart-figure">
      ${horizontalBarChart(
        'whose-move-chart',
        t.t('whoseMoveChartLabel'),
        groups.map((g) => ({
          label: courtLabel(ctx, g.court),
          share: g.share,
          text: percent(ctx, g.share),
        })),
      )}
      <figcaption>
        ${scrollRegion(
          t.t('whoseMoveCaption'),
          html`<table>
            <caption>
              ${t.t('whoseMoveCaption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.t('court')}</th>
                <th scope="col">${t.t('daysHeld')}</th>
                <th scope="col">${t.t('share')}</th>
                <th scope="col">${t.t('problemsHeld')}</th>
              </tr>
            </thead>
            <tbody>
              ${groups.map(
                (g) =>
                  html`<tr>
                    <th scope="row">${courtLabel(ctx, g.court)}</th>
                    <td>${oneDecimal(ctx, g.days)}</td>
                    <td>${percent(ctx, g.share)}</td>
                    <td>${t.number(g.problems)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
        )}
      </figcaption>
    </figure>`;
}

/** The three most frequent reasons, each with its count. */
const TOP_REASONS = 3;

function screeningTable(ctx: PageContext, view: AnalyticsPageView): SafeHtml {
  const { t } = ctx;
  const groups = view.screening.groups;
  if (groups.length === 0) return html`<p class="empty">${t.t('noData')}</p>`;
  return scrollRegion(
    t.t('screeningCaption'),
    html`<table>
      <caption>
        ${t.t('screeningCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('organisation')}</th>
          <th scope="col">${t.t('raisedCount')}</th>
          <th scope="col">${t.t('acceptedCount')}</th>
          <th scope="col">${t.t('rejectedCount')}</th>
          <th scope="col">${t.t('pendingCount')}</th>
          <th scope="col">${t.t('rejectedShare')}</th>
          <th scope="col">${t.t('topReasons')}</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr>
              <th scope="row">${g.key === 'unknown' ? t.t('unknown') : g.key}</th>
              <td>${t.number(g.raised)}</td>
              <td>${t.number(g.accepted)}</td>
              <td>${t.number(g.rejected)}</td>
              <td>${t.number(g.pending)}</td>
              <td>${g.rejectedShare === null ? '—' : percent(ctx, g.rejectedShare)}</td>
              <td>
                ${
                  g.reasons.length === 0
                    ? '—'
                    : g.reasons
                        .slice(0, TOP_REASONS)
                        .map((r) => `${r.reason} (${t.number(r.n)})`)
                        .join('; ')
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}
