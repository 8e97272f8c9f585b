import { SafeHtml, html } from './html-template';
import type { Lang } from './i18n/lang';
import { Translator } from './i18n/translator';
import { PortalLinks, QueryValues } from './portal-links';

/** What every page needs to render: its language, words, links and where it is. */
export class PageContext {
  readonly t: Translator;
  readonly links: PortalLinks;

  constructor(
    readonly lang: Lang,
    /** the page's path and query (without `lang`), for the language switch */
    readonly path: string,
    readonly query: QueryValues = {},
  ) {
    this.t = new Translator(lang);
    this.links = new PortalLinks(lang);
  }
}

export type Section = 'mesas' | 'history' | 'analytics' | 'verify' | null;

export interface PageParts {
  readonly title: string;
  readonly section: Section;
  readonly body: SafeHtml;
  /** a short description for the `<meta name="description">` */
  readonly description?: string;
}

/**
 * The document every page shares: a skip link, a banner with the site's navigation and the
 * language switch, one `<main>`, a footer. No external fonts, scripts or styles; the script is
 * deferred and only adds conveniences.
 */
export function renderPage(ctx: PageContext, parts: PageParts): string {
  const { t, links } = ctx;
  const other: Lang = ctx.lang === 'es' ? 'en' : 'es';
  const nav: { section: Section; href: string; text: string }[] = [
    { section: 'mesas', href: links.to('/'), text: t.t('navMesas') },
    { section: 'history', href: links.to('/history'), text: t.t('navHistory') },
    { section: 'analytics', href: links.to('/analytics'), text: t.t('navAnalytics') },
    { section: 'verify', href: links.to('/verify'), text: t.t('navVerify') },
  ];
  const doc = html`<!doctype html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${parts.title} — ${t.t('siteName')}</title>
        <meta name="description" content="${parts.description ?? t.t('mesasIntro')}" />
        <link rel="stylesheet" href="/styles.css" />
        <link
          rel="alternate"
          hreflang="${other}"
          href="${links.inLang(other, ctx.path, ctx.query)}"
        />
        <script src="/portal.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">${t.t('skipToContent')}</a>
        <header class="site-header">
          <a class="brand" href="${links.to('/')}"
            >${t.t('siteName')}<span class="tagline">${t.t('siteTagline')}</span></a
          >
          <nav aria-label="${t.t('navLabel')}">
            <ul>
              ${nav.map(
                (n) =>
                  html`<li>
                    <a
                      href="${n.href}"
                      ${n.section === parts.section ? html` aria-current="page"` : ''}
                      >${n.text}</a
                    >
                  </li>`,
              )}
              <li><a href="/docs">${t.t('navApi')}</a></li>
              <li>
                <a
                  class="lang-switch"
                  href="${links.inLang(other, ctx.path, ctx.query)}"
                  hreflang="${other}"
                  lang="${other}"
                  aria-label="${t.t('otherLanguageLabel')}"
                  >${t.t('otherLanguage')}</a
                >
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">${parts.body}</main>
        <footer class="site-footer">
          <p>${t.t('footerText')}</p>
          <p>
            <a href="${links.to('/verify')}">${t.t('navVerify')}</a> ·
            <a href="/docs">${t.t('footerData')}</a>
          </p>
        </footer>
      </body>
    </html> `;
  return compactWhitespace(doc.value);
}

/** "Download: JSON · CSV" beside a table: the same data as open data. */
export function downloadLinks(
  ctx: PageContext,
  items: readonly { readonly format: 'json' | 'csv' | 'ndjson'; readonly href: string }[],
  what: string,
): SafeHtml {
  const names = { json: 'downloadJson', csv: 'downloadCsv', ndjson: 'downloadNdjson' } as const;
  return html`<p class="downloads">
    ${ctx.t.t('downloads')}:
    ${items.map(
      (item, i) =>
        html`${i > 0 ? ' · ' : ''}<a href="${item.href}" type="${mimeOf(item.format)}"
            >${ctx.t.t(names[item.format])}<span class="visually-hidden"> (${what})</span></a
          >`,
    )}
  </p>`;
}

function mimeOf(format: 'json' | 'csv' | 'ndjson'): string {
  return format === 'json'
    ? 'application/json'
    : format === 'csv'
      ? 'text/csv'
      : 'application/x-ndjson';
}

/** Breadcrumbs: where the page sits. */
export function breadcrumbs(
  ctx: PageContext,
  trail: readonly { readonly text: string; readonly href?: string }[],
): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="${ctx.t.t('breadcrumbLabel')}">
    <ol>
      ${trail.map((step) =>
        step.href
          ? html`<li><a href="${step.href}">${step.text}</a></li>`
          : html`<li><span aria-current="page">${step.text}</span></li>`,
      )}
    </ol>
  </nav>`;
}

/**
 * Drops the indentation the templates are written with (a run of whitespace after a line break
 * is one line break to a browser), except inside `<pre>`, where whitespace is content.
 */
export function compactWhitespace(page: string): string {
  return page
    .split(/(<pre[\s>][\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\n\s+/g, '\n')))
    .join('');
}
