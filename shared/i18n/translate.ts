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
  const all: Messages = { ...fallback, ...messages };
  const intl = createIntl<string>(
    {
      locale,
      defaultLocale: 'en',
      messages: all,
      onError: (error) => {
        // A missing translation falls back to English silently; anything else is a defect.
        if (error.code !== 'MISSING_TRANSLATION') console.error(error);
      },
    },
    cache,
  );
  // Each message compiled once, and a plain one kept as its text: FormatJS's own formatMessage
  // looks its compiled message up by serialising every argument on every call, which was the
  // largest cost of drawing a board of 5,000 notes (each card names itself in several labels).
  const compiled = new Map<string, string | { format(values?: MessageValues): unknown }>();
  const slow = (key: MessageKey, values?: MessageValues) => intl.formatMessage({ id: key }, values);
  return {
    locale,
    intl,
    t: (key, values) => {
      let entry = compiled.get(key);
      if (entry === undefined) {
        const message = all[key];
        // A key no catalogue has: FormatJS reports it and shows the key (the catalogue test keeps it from shipping).
        if (typeof message !== 'string') return slow(key, values);
        entry = SYNTAX.test(message) ? intl.formatters.getMessageFormat(message, locale, intl.formats, { formatters: intl.formatters }) : message;
        compiled.set(key, entry);
      }
      if (typeof entry === 'string') return entry;
      try {
        return String(entry.format(values));
      } catch {
        // A value missing or of the wrong kind: FormatJS reports it and falls back as it does.
        return slow(key, values);
      }
    },
  };
}

/** A message with any ICU syntax (arguments, plurals, quoting, tags) is compiled; the rest is its text. */
const SYNTAX = /[{}<'#]/;
