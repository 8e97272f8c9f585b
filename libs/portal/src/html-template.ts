/**
 * HTML that is safe to insert as is: what `html` returns, and nothing else should make one
 * (`trustedHtml` is for constant markup written in this lib, never for data).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value a template may interpolate: text is escaped, SafeHtml kept, lists joined. */
export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The one way pages build markup: every interpolated value is escaped unless it is already
 * SafeHtml (another template's result). Booleans and null render as nothing, so
 * `${cond && html`…`}` reads naturally. The public data (titles, notes, names) is input from
 * anyone with a token: it always goes through here.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Constant markup of this lib (never data). */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments with a separator (escaped like any text). */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  return new SafeHtml(items.map(render).join(render(separator)));
}
