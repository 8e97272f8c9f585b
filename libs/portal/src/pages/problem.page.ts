import type { JsonObject } from '@mesas/event-store';
import type { ProblemTimelineEntry } from '@mesas/projections';
import { SafeHtml, html } from '../html-template';
import { Translator } from '../i18n/translator';
import { PageContext, breadcrumbs, downloadLinks, renderPage } from '../page-layout';
import type { ProblemPageView } from '../portal-views';
import { scrollRegion, statusPill } from './page-fragments';

/**
 * `/mesas/{m}/problems/{p}`: one problem's story, from its raising to its impact. Every step
 * is an entry of the public history: its date as `<time datetime>`, the session where it was
 * decided, a link to the entry and to its inclusion proof (and, with JavaScript, a button
 * that checks the proof against the signed root in the browser).
 */
export function renderProblemPage(ctx: PageContext, view: ProblemPageView): string {
  const { t, links } = ctx;
  const { mesa, story } = view;
  const row = story.row;
  const body = html`${breadcrumbs(ctx, [
      { text: t.t('navMesas'), href: links.to('/') },
      { text: mesa.name, href: links.mesa(mesa.mesaId) },
      { text: row.title },
    ])}
    <h1>${row.title}</h1>
    <section aria-labelledby="state-h">
      <h2 id="state-h">${t.t('currentState')}</h2>
      <dl class="facts">
        <div>
          <dt>${t.t('status')}</dt>
          <dd>
            ${statusPill(ctx, row.status)}${row.resolvedAt ? html` ${t.t('resolvedOn')} ${t.timeOf(row.resolvedAt)}` : ''}${
              row.escalation
                ? html` · ${t.label('escalationReason', row.escalation.reason)},
                  ${t.t('escalatedSince')} ${t.timeOf(row.escalation.since)}`
                : ''
            }
          </dd>
        </div>
        <div>
          <dt>${t.t('barrier')}</dt>
          <dd>${t.label('barrier', row.barrier)}</dd>
        </div>
        ${
          row.ownership
            ? html`<div>
                <dt>${t.t('ownership')}</dt>
                <dd>${t.label('ownership', row.ownership)}</dd>
              </div>`
            : ''
        }
        ${
          row.rootCause
            ? html`<div>
                <dt>${t.t('rootCause')}</dt>
                <dd>${t.label('rootCause', row.rootCause)}</dd>
              </div>`
            : ''
        }
        <div>
          <dt>${t.t('rank')}</dt>
          <dd>${row.rank ?? '—'}</dd>
        </div>
        <div>
          <dt>${t.t('raisedOn')}</dt>
          <dd>${t.timeOf(row.raisedAt)}</dd>
        </div>
      </dl>
      ${
        row.description
          ? html`<h3>${t.t('description')}</h3>
              <p>${row.description}</p>`
          : ''
      }
      ${
        row.solution
          ? html`<h3>${t.t('solution')}</h3>
              <p>
                ${row.solution.text}
                <span class="meta">(${t.t('revision')} ${row.solution.revision})</span>
              </p>`
          : ''
      }
      ${
        row.tasks.length > 0
          ? html`<h3>${t.t('tasks')}</h3>
              ${scrollRegion(
                t.t('tasks'),
                html`<table>
                  <caption class="visually-hidden">
                    ${t.t('tasks')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t.t('tasks')}</th>
                      <th scope="col">${t.t('responsible')}</th>
                      <th scope="col">${t.t('dueOn')}</th>
                      <th scope="col">${t.t('status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${row.tasks.map(
                      (k) =>
                        html`<tr>
                          <th scope="row">${k.title}</th>
                          <td>${k.responsibleEntity}</td>
                          <td>${t.timeOfDay(k.dueOn)}</td>
                          <td>
                            ${t.label('taskStatus', k.status)}${k.overdue ? html` <strong class="overdue">${t.t('overdue')}</strong>` : ''}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`,
              )}`
          : ''
      }
    </section>
    <section aria-labelledby="story-h">
      <h2 id="story-h">${t.t('problemStory')}</h2>
      <p>${t.t('timelineIntro')}</p>
      <ol class="timeline" data-tree-size="${view.treeSize}">
        ${timelineSteps(ctx, view)}
      </ol>
      ${downloadLinks(ctx, [{ format: 'json', href: links.api(`/problems/${encodeURIComponent(story.problemId)}`, ctx.lang === 'es' ? {} : { lang: ctx.lang }) }], t.t('problemStory'))}
    </section>
    <p><a href="${links.mesa(mesa.mesaId)}">${t.t('backToMesa')}</a></p>`;
  return renderPage(ctx, {
    title: row.title,
    section: 'mesas',
    body,
    description: row.description ?? undefined,
  });
}

function timelineSteps(ctx: PageContext, view: ProblemPageView): SafeHtml[] {
  const { t, links } = ctx;
  const sessionDay = new Map(view.mesa.sessions.map((s) => [s.sessionId, s.heldOn]));
  // deadlines in force, to tell a completion on time from a late one
  const dueOn = new Map<string, string>();
  return view.story.timeline.map((step) => {
    const details = stepDetails(ctx, step, dueOn);
    const held = step.sessionId ? sessionDay.get(step.sessionId) : undefined;
    return html`<li
      class="step step-${step.type}"
      id="step-${step.historyIndex}"
      data-history-index="${step.historyIndex}"
    >
      <h3>${t.label('eventType', step.type)}</h3>
      <p class="when">
        ${t.timeOf(step.occurredAt)}${
          step.sessionId
            ? html` · ${t.t('decidedIn')}
              ${
                held
                  ? html`<a href="${links.mesa(view.mesa.mesaId)}#session-${step.sessionId}"
                      >${t.timeOfDay(held)}</a
                    >`
                  : step.sessionId
              }`
            : ''
        }
      </p>
      <p>${step.summary}</p>
      ${details}
      <p class="meta entry-links">
        <a href="${links.historyEntry(step.historyIndex)}"
          >${t.t('historyEntry')} ${t.t('entryIndex')} ${step.historyIndex}</a
        >
        ·
        <a
          href="${links.api('/transparency/proof/inclusion', { index: step.historyIndex, treeSize: view.treeSize })}"
          type="application/json"
          >${t.t('proof')}</a
        >
      </p>
    </li>`;
  });
}

/** What a step adds to its summary: the rationale of a revision, a deadline met or missed. */
function stepDetails(
  ctx: PageContext,
  step: ProblemTimelineEntry,
  dueOn: Map<string, string>,
): SafeHtml {
  const { t } = ctx;
  const d = step.data as JsonObject;
  const str = (k: string): string | null => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const taskId = str('taskId');
  switch (step.type) {
    case 'SolutionProposed':
    case 'SolutionRevised': {
      const rationale = str('rationale');
      return rationale && !step.summary.includes(rationale)
        ? html`<p class="detail"><strong>${t.t('rationale')}:</strong> ${rationale}</p>`
        : html``;
    }
    case 'TaskAssigned':
    case 'TaskDeadlineMoved':
      if (taskId && str('dueOn')) dueOn.set(taskId, str('dueOn') as string);
      return html``;
    case 'TaskCompleted': {
      const due = taskId ? dueOn.get(taskId) : undefined;
      if (!due) return html``;
      const late = Translator.limaDate(step.occurredAt) > due;
      return html`<p class="detail">
        <span class="pill ${late ? 'late' : 'on-time'}"
          >${late ? t.t('taskCompletedLate') : t.t('taskCompletedOnTime')}</span
        >
        (${t.t('dueOn')} ${t.timeOfDay(due)})
      </p>`;
    }
    default:
      return html``;
  }
}
