import { LANGS, type Lang } from '@mesas/domain';

/** The portal's languages are the domain's label languages: Spanish by default, English on request. */
export { LANGS, type Lang };
export const DEFAULT_LANG: Lang = 'es';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
