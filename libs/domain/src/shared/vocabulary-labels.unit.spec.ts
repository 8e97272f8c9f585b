import * as vocabularies from './vocabularies';
import { LANGS, VOCABULARIES, Vocabulary, VocabularyName, labelOf } from './vocabulary-labels';

const names = Object.keys(VOCABULARIES) as VocabularyName[];

describe('the vocabularies and their labels', () => {
  it('list every vocabulary the domain declares', () => {
    const declared = Object.values(vocabularies).filter(Array.isArray);
    const listed = names.map((name) => VOCABULARIES[name].codes);
    for (const codes of declared) expect(listed).toContain(codes);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(names)('%s: distinct codes, each named, in every language, and nothing else', (name) => {
    const { codes, labels }: Vocabulary<string | number> = VOCABULARIES[name];
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(labels).sort()).toEqual(codes.map(String).sort());
    for (const lang of LANGS) {
      const names = codes.map((code) => labelOf(name, code)?.[lang] ?? '');
      for (const label of names) expect(label).toMatch(/^\S(.*\S)?$/);
      // two codes with one name would be told apart by nobody
      expect(new Set(names).size).toBe(codes.length);
    }
  });

  it('names a code only in its own vocabulary', () => {
    expect(labelOf('barrier', 'regulation')?.es).toBe('regulación');
    expect(labelOf('rootCause', 'regulation')?.es).toBe('reglamento');
    expect(labelOf('cadenceDays', 14)?.en).toBe('fortnightly');
    expect(labelOf('barrier', 'law')).toBeUndefined();
    expect(labelOf('barrier', 'toString')).toBeUndefined();
    expect(labelOf('ownership', null)).toBeUndefined();
  });
});
