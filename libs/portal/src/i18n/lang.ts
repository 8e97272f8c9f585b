/** The portal's languages: Spanish by default (the mesas work in Spanish), English on request. */
export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];
export const DEFAULT_LANG: Lang = 'es';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
