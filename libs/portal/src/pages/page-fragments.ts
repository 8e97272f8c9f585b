import type { StatusCounts } from '@mesas/projections';
import { SafeHtml, html } from '../html-template';
import type { PageContext } from '../page-layout';

const STATUS_ORDER = ['open', 'escalated', 'resolved', 'raised', 'rejected'] as const;

/** Pill words per status, with the plural the count needs ("1 resuelto", "8 resueltos"). */
const STATUS_COUNT_WORDS = {
  es: {
    open: ['en curso', 'en curso'],
    escalated: ['escalado', 'escalados'],
    resolved: ['resuelto', 'resueltos'],
    raised: ['planteado', 'planteados'],
    rejected: ['rechazado', 'rechazados'],
  },
  en: {
    open: ['open', 'open'],
    escalated: ['escalated', 'escalated'],
    resolved: ['resolved', 'resolved'],
    raised: ['raised', 'raised'],
    rejected: ['rejected', 'rejected'],
  },
} as const;

export function statusCountText(ctx: PageContext, status: keyof StatusCounts, n: number): string {
  const [one, other] = STATUS_COUNT_WORDS[ctx.lang][status];
  const word = ctx.t.pluralOf(n) === 'one' ? one : other;
  return `${ctx.t.number(n)} ${word}`;
}

/** The problems of a mesa by status, as a list of pills (non-zero counts only). */
export function statusPills(ctx: PageContext, counts: StatusCounts): SafeHtml {
  const shown = STATUS_ORDER.filter((s) => counts[s] > 0);
  if (shown.length === 0) return html``;
  return html`<ul class="pills">
    ${shown.map(
      (s) => html`<li class="pill status-${s}">${statusCountText(ctx, s, counts[s])}</li>`,
    )}
  </ul>`;
}

export function statusPill(ctx: PageContext, status: string): SafeHtml {
  return html`<span class="pill status-${status}">${ctx.t.label('matrixStatus', status)}</span>`;
}

export function totalProblems(counts: StatusCounts): number {
  return STATUS_ORDER.reduce((sum, s) => sum + counts[s], 0);
}

/** A table that may be wider than a phone scrolls inside its own labelled, focusable region. */
export function scrollRegion(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">
    ${table}
  </div>`;
}
