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

/**
 * Each Intl formatter holds tens of kilobytes of ICU memory outside the JavaScript heap, freed
 * only once V8 collects its wrapper, which that memory does not hasten: a page making one per
 * mesa or per number left hundreds of megabytes behind (decision 0027). So every formatter is
 * made once per locale and options and shared (formatting is pure).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  key: string,
  make: () => F,
): F {
  let found = formatters.get(key) as F | undefined;
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

/** Words, plurals, numbers and dates in one language; one per request. */
export class Translator {
  readonly locale: string;
  private readonly plurals: Intl.PluralRules;
  private readonly instantFormat: Intl.DateTimeFormat;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly monthFormat: Intl.DateTimeFormat;

  constructor(readonly lang: Lang) {
    const locale = LOCALES[lang];
    this.locale = locale;
    this.plurals = formatter(`plural ${locale}`, () => new Intl.PluralRules(locale));
    this.instantFormat = formatter(
      `instant ${locale}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: PORTAL_TIME_ZONE }),
    );
    this.dayFormat = formatter(
      `day ${locale}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    );
    this.monthFormat = formatter(
      `month ${locale}`,
      () => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    );
  }

  /** The plural category of `n` in this language (`one`, `other`, ...). */
  pluralOf(n: number): Intl.LDMLPluralRule {
    return this.plurals.select(n);
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

  /** What `n.toLocaleString(locale, { minimumFractionDigits, maximumFractionDigits })` gives. */
  number(n: number, fractionDigits = 0, minimumFractionDigits = 0): string {
    const locale = this.locale;
    return formatter(
      `number ${locale} ${minimumFractionDigits} ${fractionDigits}`,
      () =>
        new Intl.NumberFormat(locale, {
          minimumFractionDigits,
          maximumFractionDigits: fractionDigits,
        }),
    ).format(n);
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
    return formatter(
      'lima date',
      () => new Intl.DateTimeFormat('en-CA', { timeZone: PORTAL_TIME_ZONE }),
    ).format(new Date(iso));
  }
}
