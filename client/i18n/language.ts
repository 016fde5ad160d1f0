/**
 * Which language this browser shows: the one picked here before (remembered per browser), else
 * the first of the browser's languages the product speaks, else English.
 */
import { isLocale, type Locale, matchLocale } from '../../shared/i18n/locales';

const KEY = 'clusterboard.language';

/** The language picked in this browser, if any. */
export function rememberedLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function browserLocale(): Locale {
  return matchLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function initialLocale(): Locale {
  return rememberedLocale() ?? browserLocale();
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page only.
  }
}
