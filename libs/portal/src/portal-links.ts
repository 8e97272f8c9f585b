import type { Lang } from './i18n/lang';

export type QueryValues = Readonly<Record<string, string | number | null | undefined>>;

/** Where the API lives, for download links (the portal itself is at the root). */
export const API_BASE = '/api/v1';

/**
 * Portal URLs that keep the reader's language: every link built here carries `lang=en` on
 * English pages, so a reader never falls back to Spanish by following a link. Empty query
 * values are left out, so forms and links give the same canonical URLs.
 */
export class PortalLinks {
  constructor(readonly lang: Lang) {}

  to(path: string, query: QueryValues = {}): string {
    return withQuery(path, { ...query, lang: this.lang === 'es' ? null : this.lang });
  }

  /** The same page in the other language. */
  inLang(lang: Lang, path: string, query: QueryValues): string {
    return withQuery(path, { ...query, lang: lang === 'es' ? null : lang });
  }

  mesa(mesaId: string, query: QueryValues = {}): string {
    return this.to(`/mesas/${encodeURIComponent(mesaId)}`, query);
  }

  problem(mesaId: string, problemId: string): string {
    return this.to(
      `/mesas/${encodeURIComponent(mesaId)}/problems/${encodeURIComponent(problemId)}`,
    );
  }

  /** The history page that shows entry `index` (newest-first pages start below `before`). */
  historyEntry(index: number, query: QueryValues = {}): string {
    return `${this.to('/history', { ...query, before: index + 1 })}#entry-${index}`;
  }

  /** An API route (no `lang` unless asked: downloads are language-neutral but summaries). */
  api(path: string, query: QueryValues = {}): string {
    return withQuery(`${API_BASE}${path}`, query);
  }
}

export function withQuery(path: string, query: QueryValues): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
