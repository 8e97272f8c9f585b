import { SafeHtml, html } from '../html-template';
import type { Lang } from './lang';
import { MESSAGES, MessageKey, PluralForms } from './messages';
import { Vocabulary, labelOf } from './vocabulary-labels';

/**
 * Where instants become calendar dates for readers: the mesas meet in Peru, so a decision taken
 * at 21:00 in Lima on the 22nd is shown on the 22nd (UTC would say the 23rd). Date-only values
 * (a task's deadline, a session's day) are calendar dates already and are shown as they are.
 */
export const PORTAL_TIME_ZONE = 'America/Lima';

const LOCALES: Record<Lang, string> = { es: 'es-PE', en: 'en-GB' };

type StringKey = {
  [K in MessageKey]: (typeof MESSAGES)['es'][K] extends string ? K : never;
}[MessageKey];
type PluralKey = Exclude<MessageKey, StringKey>;

/** Words, plurals, numbers and dates in one language; one per request. */
export class Translator {
  readonly locale: string;
  private readonly plurals: Intl.PluralRules;
  private readonly instantFormat: Intl.DateTimeFormat;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly monthFormat: Intl.DateTimeFormat;

  constructor(readonly lang: Lang) {
    this.locale = LOCALES[lang];
    this.plurals = new Intl.PluralRules(this.locale);
    this.instantFormat = new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'medium',
      timeZone: PORTAL_TIME_ZONE,
    });
    this.dayFormat = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    this.monthFormat = new Intl.DateTimeFormat(this.locale, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }

  t(key: StringKey, values: Record<string, string | number> = {}): string {
    const text = MESSAGES[this.lang][key] as string;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  }

  /**
   * "1 sesión", "8 sesiones", "1.5 días": the form the language's plural rules pick for the
   * number as shown (at most one decimal).
   */
  count(key: PluralKey, n: number): string {
    const shown = Math.round(n * 10) / 10;
    const forms = MESSAGES[this.lang][key] as PluralForms;
    const category = this.plurals.select(shown) as keyof PluralForms;
    return (forms[category] ?? forms.other).replace('#', this.number(shown, 1));
  }

  label(vocabulary: Vocabulary, code: string | null | undefined): string {
    return labelOf(vocabulary, code, this.lang);
  }

  number(n: number, fractionDigits = 0): string {
    return n.toLocaleString(this.locale, {
      minimumFractionDigits: 0,
      maximumFractionDigits: fractionDigits,
    });
  }

  /** An instant as a date in Lima. */
  instant(iso: string): string {
    return this.instantFormat.format(new Date(iso));
  }

  /** A calendar date `YYYY-MM-DD` (or the date part of an instant taken as written). */
  day(ymd: string): string {
    return this.dayFormat.format(new Date(`${ymd.slice(0, 10)}T00:00:00Z`));
  }

  /** `YYYY-MM` as "ene 2015" / "Jan 2015". */
  month(ym: string): string {
    return this.monthFormat.format(new Date(`${ym}-01T00:00:00Z`));
  }

  /** `<time datetime>` for an instant: machine-readable value, reader's date. */
  timeOf(iso: string): SafeHtml {
    return html`<time datetime="${iso}">${this.instant(iso)}</time>`;
  }

  /** `<time datetime>` for a calendar date. */
  timeOfDay(ymd: string): SafeHtml {
    return html`<time datetime="${ymd.slice(0, 10)}">${this.day(ymd)}</time>`;
  }

  /** The calendar date of an instant in Lima, `YYYY-MM-DD` (for form values and links). */
  static limaDate(iso: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: PORTAL_TIME_ZONE }).format(new Date(iso));
  }
}
