import type { MatrixRowView } from '@mesas/projections';
import { SafeHtml, html } from '../html-template';
import type { PageContext } from '../page-layout';
import { statusPill } from './page-fragments';

/**
 * The matrix as a table; on a phone the CSS lays each row out as a card (every cell says its
 * column through `data-label`), so the page never scrolls sideways.
 */
export function matrixTable(
  ctx: PageContext,
  mesaId: string,
  rows: readonly MatrixRowView[],
): SafeHtml {
  const { t, links } = ctx;
  if (rows.length === 0) return html`<p class="empty">${t.t('noProblems')}</p>`;
  return html`<table class="matrix">
    <caption>
      ${t.t('matrixCaption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.t('rank')}</th>
        <th scope="col">${t.t('problem')}</th>
        <th scope="col">${t.t('barrier')}</th>
        <th scope="col">${t.t('status')}</th>
        <th scope="col">${t.t('solution')}</th>
        <th scope="col">${t.t('tasks')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <td data-label="${t.t('rank')}">${r.rank ?? '—'}</td>
            <th scope="row" data-label="${t.t('problem')}">
              <a href="${links.problem(mesaId, r.problemId)}">${r.title}</a>
              <span class="meta"
                >${r.ownership ? t.label('ownership', r.ownership) : ''}${r.rootCause ? html` · ${t.label('rootCause', r.rootCause)}` : ''}
                · ${t.t('raisedOn')} ${t.timeOf(r.raisedAt)}</span
              >
            </th>
            <td data-label="${t.t('barrier')}">${t.label('barrier', r.barrier)}</td>
            <td data-label="${t.t('status')}">
              ${statusPill(ctx, r.status)}${
                r.escalation
                  ? html`<span class="meta"
                      >${t.label('escalationReason', r.escalation.reason)} ·
                      ${t.t('escalatedSince')} ${t.timeOf(r.escalation.since)}</span
                    >`
                  : ''
              }${r.resolvedAt ? html`<span class="meta">${t.t('resolvedOn')} ${t.timeOf(r.resolvedAt)}</span>` : ''}
            </td>
            <td data-label="${t.t('solution')}">
              ${
                r.solution
                  ? html`${r.solution.text}
                      <span class="meta">(${t.t('revision')} ${r.solution.revision})</span>`
                  : '—'
              }
            </td>
            <td data-label="${t.t('tasks')}">
              ${
                r.tasks.length === 0
                  ? '—'
                  : html`<ul class="tasks">
                      ${r.tasks.map(
                        (k) =>
                          html`<li>
                            ${k.title}
                            <span class="meta"
                              >— ${k.responsibleEntity}, ${t.t('dueOn')} ${t.timeOfDay(k.dueOn)} ·
                              ${t.label('taskStatus', k.status)}</span
                            >${k.overdue ? html` <strong class="overdue">${t.t('overdue')}</strong>` : ''}
                          </li>`,
                      )}
                    </ul>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
