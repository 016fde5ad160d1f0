/**
 * The translator of the page, for code outside React (announcements, refusal sentences built
 * when something happens). Components use `useT()`, which also re-renders them when the
 * language changes.
 */
import { attributionWords } from '../../shared/i18n/attribution';
import type { MessageKey } from '../../shared/i18n/catalogue';
import { SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator, type MessageValues, type Translator } from '../../shared/i18n/translate';
import type { AttributionWords } from '../../shared/model/vocabulary';

let current: Translator = createTranslator(SOURCE_LOCALE, {});

export function currentTranslator(): Translator {
  return current;
}

export function setCurrentTranslator(translator: Translator): void {
  current = translator;
}

/** The message for `key` in the page's language now. */
export function t(key: MessageKey, values?: MessageValues): string {
  return current.t(key, values);
}

let words: { translator: Translator; words: AttributionWords } | null = null;

/** [LG1] Who-wrote-it words in the page's language now; the same object until the language changes. */
export function currentAttributionWords(): AttributionWords {
  if (words?.translator !== current) words = { translator: current, words: attributionWords(current) };
  return words.words;
}
