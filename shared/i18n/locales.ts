/**
 * The product's languages (issue 17): the partners' six and English, the source of every
 * message. Note text and the template's content are never translated; everything else a person
 * reads comes from the catalogues in ./messages.
 */

export const LOCALES = ['en', 'de', 'bg', 'lt', 'pl', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The catalogue every other one is checked against. */
export const SOURCE_LOCALE: Locale = 'en';

/** Each language's name in itself, as the pickers show it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  bg: 'Български',
  lt: 'Lietuvių',
  pl: 'Polski',
  es: 'Español',
  fr: 'Français',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of `tags` (a browser's `navigator.languages`, the entries of an Accept-Language
 * header) that the product speaks, compared by primary subtag ("de-AT" is German); English when
 * none is.
 */
export function matchLocale(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const primary = tag.trim().split(/[-_;]/)[0]?.toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return SOURCE_LOCALE;
}

/** The language tags of an Accept-Language header, most preferred first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
