import { MESSAGES } from './messages';
import { Translator } from './translator';
import { EVENT_TYPES, PORTAL_VOCABULARIES, Vocabulary, labelOf } from './vocabulary-labels';

describe('Translator', () => {
  const es = new Translator('es');
  const en = new Translator('en');

  it('picks the plural form by the language rules', () => {
    expect(es.count('sessionsCount', 1)).toBe('1 sesión');
    expect(es.count('sessionsCount', 8)).toBe('8 sesiones');
    expect(es.count('sessionsCount', 0)).toBe('0 sesiones');
    expect(en.count('sessionsCount', 1)).toBe('1 session');
    expect(en.count('sessionsCount', 2)).toBe('2 sessions');
    expect(es.count('days', 1)).toBe('1 día');
    expect(es.count('days', 1.5)).toBe('1.5 días');
    // CLDR "many" (a million) falls back to the other form when a phrase has none
    expect(es.count('problemsTotal', 1_000_000)).toMatch(/problemas$/);
  });

  it('shows instants as dates in Lima, and calendar dates as written', () => {
    // 21:00 in Lima on the 22nd is already the 23rd in UTC
    expect(es.instant('2015-07-23T02:00:00.000Z')).toMatch(/^22 jul/);
    expect(en.instant('2015-07-23T02:00:00.000Z')).toMatch(/^22 Jul 2015/);
    expect(es.day('2015-06-30')).toMatch(/^30 jun/);
    expect(en.timeOfDay('2015-06-30').value).toBe('<time datetime="2015-06-30">30 Jun 2015</time>');
    expect(es.timeOf('2014-12-04T14:20:00.000Z').value).toMatch(
      /^<time datetime="2014-12-04T14:20:00.000Z">4 dic/,
    );
    expect(Translator.limaDate('2015-07-23T02:00:00.000Z')).toBe('2015-07-22');
  });

  it('fills placeholders', () => {
    expect(en.t('diffBeforeAfter', { before: 3, after: 5 })).toBe('Problems: 3 before, 5 after');
  });

  it('has every message in both languages, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.es).sort();
    expect(Object.keys(MESSAGES.en).sort()).toEqual(keys);
    for (const key of keys) {
      const a = JSON.stringify((MESSAGES.es as Record<string, unknown>)[key]);
      const b = JSON.stringify((MESSAGES.en as Record<string, unknown>)[key]);
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, holes(b)]).toEqual([key, holes(a)]);
    }
  });
});

describe('vocabulary labels', () => {
  it("shows codes as words in each language, from the domain's catalogue", () => {
    expect(labelOf('barrier', 'red_tape', 'es')).toBe('trámites');
    expect(labelOf('barrier', 'red_tape', 'en')).toBe('red tape');
    expect(labelOf('matrixStatus', 'resolved', 'es')).toBe('resuelto');
    for (const [name, vocabulary] of Object.entries(PORTAL_VOCABULARIES)) {
      for (const code of vocabulary.codes) {
        for (const lang of ['es', 'en'] as const) {
          const word = labelOf(name as Vocabulary, String(code), lang);
          expect([name, code, lang, word === String(code) && String(code).includes('_')]).toEqual([
            name,
            code,
            lang,
            false,
          ]);
        }
      }
    }
  });

  it('names every event type in both languages', () => {
    expect(EVENT_TYPES).toContain('ProblemRaised');
    for (const type of EVENT_TYPES) {
      expect(labelOf('eventType', type, 'es')).not.toBe(type);
      expect(labelOf('eventType', type, 'en')).not.toBe(type);
    }
  });

  it('shows an unknown code as it is rather than dropping it', () => {
    expect(labelOf('barrier', 'teleportation', 'es')).toBe('teleportation');
    expect(labelOf('eventType', 'constructor', 'es')).toBe('constructor');
    expect(labelOf('barrier', null, 'es')).toBe('');
  });
});

describe('Translator formatters, made once and shared', () => {
  it('format numbers exactly as toLocaleString with the same options', () => {
    for (const lang of ['es', 'en'] as const) {
      const t = new Translator(lang);
      for (const n of [0, 1, 1.25, 2.5, 1234.5678, -3.14159, 1e6 + 0.05]) {
        for (const digits of [0, 1, 2, 4]) {
          expect(t.number(n, digits)).toBe(
            n.toLocaleString(t.locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }),
          );
        }
        expect(t.number(n, 1, 1)).toBe(
          n.toLocaleString(t.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        );
        expect(t.pluralOf(n)).toBe(new Intl.PluralRules(t.locale).select(n));
      }
    }
  });

  it('give Lima dates as a formatter made per call would', () => {
    for (const iso of [
      '2024-01-01T04:59:59.999Z',
      '2024-01-01T05:00:00.000Z',
      '2026-11-29T23:30:00Z',
    ]) {
      expect(Translator.limaDate(iso)).toBe(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date(iso)),
      );
    }
    expect(Translator.limaDate('2024-01-01T04:59:59.999Z')).toBe('2023-12-31');
  });
});
