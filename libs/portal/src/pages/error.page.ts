import { html } from '../html-template';
import { PageContext, renderPage } from '../page-layout';

export type ErrorStatus = 400 | 404 | 503;

/** An error as a page of the portal: what went wrong, in the reader's language, and a way on. */
export function renderErrorPage(ctx: PageContext, status: ErrorStatus, message: string): string {
  const { t, links } = ctx;
  const title =
    status === 404
      ? t.t('notFoundTitle')
      : status === 400
        ? t.t('badRequestTitle')
        : t.t('unavailableTitle');
  const body = html`<h1>${title}</h1>
    <p>${message}</p>
    <p><a href="${links.to('/')}">${t.t('backHome')}</a></p>`;
  return renderPage(ctx, { title, section: null, body });
}
