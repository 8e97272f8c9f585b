import { html } from '../html-template';
import { PageContext, downloadLinks, renderPage } from '../page-layout';
import type { MesaSummaryView } from '../portal-views';
import { statusPills, totalProblems } from './page-fragments';

/** `/`: every mesa, with its problems counted by status. */
export function renderMesasListPage(ctx: PageContext, mesas: readonly MesaSummaryView[]): string {
  const { t, links } = ctx;
  const body = html`<h1>${t.t('mesasTitle')}</h1>
    <p class="lead">${t.t('mesasIntro')}</p>
    <ul class="cards">
      ${mesas.map(
        (m) =>
          html`<li class="card">
            <h2><a href="${links.mesa(m.mesaId)}">${m.name}</a></h2>
            <p class="meta">
              ${t.label('mesaKind', m.kind)} ·
              ${t.label('mesaLevel', m.level)}${m.region ? html` · ${m.region}` : ''} ·
              ${t.label('mesaStatus', m.status)}${m.launchedAt ? html` ${t.t('launchedOn')} ${t.timeOf(m.launchedAt)}` : ''}
            </p>
            <p class="meta">${t.t('convener')}: ${m.convener}</p>
            <p>${t.count('problemsTotal', totalProblems(m.problems))}</p>
            ${statusPills(ctx, m.problems)}
          </li>`,
      )}
    </ul>
    ${downloadLinks(
      ctx,
      [
        { format: 'json', href: links.api('/mesas') },
        { format: 'csv', href: links.api('/mesas', { format: 'csv' }) },
      ],
      t.t('mesasTitle'),
    )}`;
  return renderPage(ctx, { title: t.t('mesasTitle'), section: 'mesas', body });
}
