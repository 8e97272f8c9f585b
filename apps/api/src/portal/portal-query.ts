import { ID_PATTERN } from '@mesas/domain';
import { DEFAULT_LANG, Lang, Translator, isLang } from '@mesas/portal';
import { toInstant } from '../http/iso-instant';

/** A page that cannot be shown as asked: rendered as a portal page with this status. */
export class PortalPageError extends Error {
  constructor(
    readonly status: 400 | 404 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'PortalPageError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** How far ahead of the server's clock a date may be (a reader in another time zone). */
const SKEW_MS = 36 * 3600_000;

/**
 * Reads a portal page's query string. Pages are for people following links: parameters the page
 * does not know are ignored (tracking tags, old bookmarks), but a known parameter with a bad
 * value is a 400 page that says which and what was expected, never a guess.
 */
export class PortalQuery {
  readonly lang: Lang;
  readonly t: Translator;

  constructor(private readonly query: Record<string, unknown>) {
    const lang = query.lang;
    if (lang === undefined || lang === '') this.lang = DEFAULT_LANG;
    else if (isLang(lang)) this.lang = lang;
    else {
      this.lang = DEFAULT_LANG;
      this.t = new Translator(this.lang);
      throw this.bad('lang', this.t.t('errorExpectOneOf', { values: 'es, en' }));
    }
    this.t = new Translator(this.lang);
  }

  text(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw this.bad(name, this.t.t('errorExpectOnce'));
    return value;
  }

  id(name: string): string | undefined {
    const value = this.text(name);
    if (value !== undefined && !ID_PATTERN.test(value))
      throw this.bad(name, this.t.t('errorExpectId'));
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value !== undefined && !(values as readonly string[]).includes(value)) {
      throw this.bad(name, this.t.t('errorExpectOneOf', { values: values.join(', ') }));
    }
    return value as T | undefined;
  }

  index(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!/^\d{1,12}$/.test(value)) throw this.bad(name, this.t.t('errorExpectIndex'));
    return Number(value);
  }

  /**
   * A date the reader picked: `YYYY-MM-DD` means the end of that day in Lima (so "as of 30 June"
   * includes what was decided on the 30th); a full ISO-8601 instant is taken as it is. Returns
   * the instant and the calendar date to show in the form.
   */
  endOfDay(name: string): { instant: string; day: string } | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const instant = DAY.test(value) ? toInstant(`${value}T23:59:59.999-05:00`) : toInstant(value);
    if (instant === null || Date.parse(instant) > Date.now() + SKEW_MS) {
      throw this.bad(name, this.t.t('errorExpectDate'));
    }
    const day = DAY.test(value) ? value : Translator.limaDate(instant);
    return {
      instant: instant > new Date().toISOString() ? new Date().toISOString() : instant,
      day,
    };
  }

  /** A date as the start of that day in Lima (for "from" filters), or an instant as it is. */
  startOfDay(name: string): { instant: string; day: string } | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const instant = DAY.test(value) ? toInstant(`${value}T00:00:00-05:00`) : toInstant(value);
    if (instant === null) throw this.bad(name, this.t.t('errorExpectDate'));
    return { instant, day: DAY.test(value) ? value : Translator.limaDate(instant) };
  }

  private bad(name: string, expected: string): PortalPageError {
    return new PortalPageError(400, this.t.t('errorBadParam', { name, expected }));
  }
}
