import type { MatrixDiff } from '@mesas/projections';
import { SafeHtml, html } from '../html-template';
import { PageContext, breadcrumbs, downloadLinks, renderPage } from '../page-layout';
import type { MesaDiffPageView } from '../portal-views';
import { langField } from './mesa.page';
import { scrollRegion, statusPill } from './page-fragments';

/** `/mesas/{m}/diff?from=&to=`: what changed in the matrix between two dates. */
export function renderMesaDiffPage(ctx: PageContext, view: MesaDiffPageView): string {
  const { t, links } = ctx;
  const { mesa, diff } = view;
  const title = `${t.t('diffTitle')}: ${mesa.name}`;
  const apiPath = `/mesas/${encodeURIComponent(mesa.mesaId)}/matrix/diff`;
  const body = html`${breadcrumbs(ctx, [
      { text: t.t('navMesas'), href: links.to('/') },
      { text: mesa.name, href: links.mesa(mesa.mesaId) },
      { text: t.t('diffTitle') },
    ])}
    <h1>${title}</h1>
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
          value="${view.fromParam.slice(0, 10)}"
          max="${view.today}"
          required
        />
        <label for="diff-to">${t.t('diffTo')}</label>
        <input
          id="diff-to"
          name="to"
          type="date"
          value="${view.toParam.slice(0, 10)}"
          max="${view.today}"
          required
        />
        <button type="submit">${t.t('show')}</button>
      </fieldset>
    </form>
    ${diff ? diffBody(ctx, mesa.mesaId, diff) : html`<p class="empty">${t.t('noData')}</p>`}
    ${
      diff
        ? downloadLinks(
            ctx,
            [
              { format: 'json', href: links.api(apiPath, { from: diff.from, to: diff.to }) },
              {
                format: 'csv',
                href: links.api(apiPath, { from: diff.from, to: diff.to, format: 'csv' }),
              },
            ],
            t.t('diffTitle'),
          )
        : ''
    }`;
  return renderPage(ctx, { title, section: 'mesas', body });
}

function diffBody(ctx: PageContext, mesaId: string, diff: MatrixDiff): SafeHtml {
  const { t, links } = ctx;
  const problem = (problemId: string | null, title: string | null) =>
    problemId ? html`<a href="${links.problem(mesaId, problemId)}">${title ?? problemId}</a>` : '—';
  const session = (sessionId: string | null) => {
    if (!sessionId) return html`—`;
    const held = diff.sessions.find((s) => s.sessionId === sessionId)?.heldOn;
    return held
      ? html`<a href="${links.mesa(mesaId)}#session-${sessionId}">${t.timeOfDay(held)}</a>`
      : html`${sessionId}`;
  };
  const table = (caption: string, head: readonly string[], rows: readonly SafeHtml[]) =>
    rows.length === 0
      ? html``
      : html`<section>
          <h2>${caption}</h2>
          ${scrollRegion(
            caption,
            html`<table>
              <caption class="visually-hidden">
                ${caption}
              </caption>
              <thead>
                <tr>
                  ${head.map((h) => html`<th scope="col">${h}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`,
          )}
        </section>`;
  const empty = diff.events === 0 ? html`<p class="empty">${t.t('nothingChanged')}</p>` : html``;
  return html`<p class="lead">
      ${t.t('diffIntro', { from: t.instant(diff.from), to: t.instant(diff.to) })}
    </p>
    <p>
      ${t.count('diffEvents', diff.events)} ·
      ${t.t('diffBeforeAfter', { before: t.number(diff.before.problems), after: t.number(diff.after.problems) })}
    </p>
    ${empty}
    ${table(
      t.t('problemsAdded'),
      [t.t('problem'), t.t('barrier'), t.t('status'), t.t('occurredAt'), t.t('decidedInSession')],
      diff.problemsAdded.map(
        (p) =>
          html`<tr>
            <td>${problem(p.problemId, p.title)}</td>
            <td>${t.label('barrier', p.barrier)}</td>
            <td>${statusPill(ctx, p.status)}</td>
            <td>${t.timeOf(p.raisedAt)}</td>
            <td>${session(p.sessionId)}</td>
          </tr>`,
      ),
    )}
    ${table(
      t.t('statusChanges'),
      [t.t('problem'), t.t('before'), t.t('after')],
      diff.statusChanges.map(
        (c) =>
          html`<tr>
            <td>${problem(c.problemId, c.title)}</td>
            <td>${statusPill(ctx, c.before)}</td>
            <td>${statusPill(ctx, c.after)}</td>
          </tr>`,
      ),
    )}
    ${table(
      t.t('solutionRevisions'),
      [
        t.t('problem'),
        t.t('revision'),
        t.t('solution'),
        t.t('rationale'),
        t.t('occurredAt'),
        t.t('decidedInSession'),
      ],
      diff.solutionRevisions.map(
        (s) =>
          html`<tr>
            <td>${problem(s.problemId, s.title)}</td>
            <td>${s.revision}</td>
            <td>${s.text}</td>
            <td>${s.rationale ?? '—'}</td>
            <td>${t.timeOf(s.occurredAt)}</td>
            <td>${session(s.sessionId)}</td>
          </tr>`,
      ),
    )}
    ${table(
      t.t('taskChanges'),
      [
        t.t('problem'),
        t.t('tasks'),
        t.t('change'),
        t.t('dueOn'),
        t.t('summary'),
        t.t('occurredAt'),
        t.t('decidedInSession'),
      ],
      diff.tasks.map(
        (k) =>
          html`<tr>
            <td>${problem(k.problemId, null)}</td>
            <td>
              ${k.title}${k.responsibleEntity ? html` <span class="meta">(${k.responsibleEntity})</span>` : ''}
            </td>
            <td>${taskChangeLabel(ctx, k.change)}</td>
            <td>
              ${
                k.previousDueOn ? html`${t.timeOfDay(k.previousDueOn)} → ` : ''
              }${k.dueOn ? t.timeOfDay(k.dueOn) : '—'}
            </td>
            <td>${k.note ?? ''}</td>
            <td>${t.timeOf(k.occurredAt)}</td>
            <td>${session(k.sessionId)}</td>
          </tr>`,
      ),
    )}
    ${table(
      t.t('escalations'),
      [t.t('problem'), t.t('change'), t.t('summary'), t.t('occurredAt'), t.t('decidedInSession')],
      diff.escalations.map(
        (e) =>
          html`<tr>
            <td>${problem(e.problemId, e.title)}</td>
            <td>
              ${e.change === 'escalated' ? t.t('escalationChange_escalated') : t.t('escalationChange_resolved')}${e.reason ? html` (${t.label('escalationReason', e.reason)})` : ''}
            </td>
            <td>
              ${e.decision ?? e.note ?? ''}${e.decidedBy ? html` <span class="meta">— ${e.decidedBy}</span>` : ''}
            </td>
            <td>${t.timeOf(e.occurredAt)}</td>
            <td>${session(e.sessionId)}</td>
          </tr>`,
      ),
    )}
    ${table(
      t.t('otherDecisions'),
      [t.t('change'), t.t('problem'), t.t('occurredAt'), t.t('decidedInSession')],
      diff.decisions.map(
        (d) =>
          html`<tr>
            <td>${t.label('eventType', d.type)}</td>
            <td>${problem(d.problemId, d.title)}</td>
            <td>${t.timeOf(d.occurredAt)}</td>
            <td>${session(d.sessionId)}</td>
          </tr>`,
      ),
    )}`;
}

function taskChangeLabel(ctx: PageContext, change: MatrixDiff['tasks'][number]['change']): string {
  const keys = {
    assigned: 'taskChange_assigned',
    progress: 'taskChange_progress',
    deadline_moved: 'taskChange_deadline_moved',
    completed: 'taskChange_completed',
    cancelled: 'taskChange_cancelled',
  } as const;
  return ctx.t.t(keys[change]);
}
