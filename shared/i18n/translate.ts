/**
 * Turns a key and its values into the sentence a person reads, in one language, with ICU plurals
 * and the language's dates, times and numbers (FormatJS). Used by the client and by the server
 * (reports, CSV headers, the export script).
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageKey, Messages } from './catalogue';
import type { Locale } from './locales';

export type MessageValues = Record<string, string | number | Date | null | undefined>;

export interface Translator {
  readonly locale: Locale;
  /** The message for `key`, formatted with `values`. */
  t(key: MessageKey, values?: MessageValues): string;
  /** Dates, times, numbers and lists in the language's own way. */
  readonly intl: IntlShape<string>;
}

const cache = createIntlCache();

/**
 * A translator for `locale`. `fallback` (English) answers for a key the language lacks, so a
 * person never sees a key; the catalogue test keeps that from happening in the first place.
 */
export function createTranslator(locale: Locale, messages: Messages, fallback: Messages = {}): Translator {
  const intl = createIntl<string>(
    {
      locale,
      defaultLocale: 'en',
      messages: { ...fallback, ...messages },
      onError: (error) => {
        // A missing translation falls back to English silently; anything else is a defect.
        if (error.code !== 'MISSING_TRANSLATION') console.error(error);
      },
    },
    cache,
  );
  return {
    locale,
    intl,
    t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | Date | null | undefined>),
  };
}
