/**
 * The translator of the page, for code outside React (announcements, refusal sentences built
 * when something happens). Components use `useT()`, which also re-renders them when the
 * language changes.
 */
import { attributionWords } from '../../shared/i18n/attribution';
import type { MessageKey } from '../../shared/i18n/catalogue';
import { SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator, type MessageValues, type Translator } from '../../shared/i18n/translate';
import { type AttributionWords, ENGLISH_ATTRIBUTION } from '../../shared/model/vocabulary';

/** Before the page's catalogue is loaded (and in unit tests of page code): keys only. */
const UNLOADED: Translator = createTranslator(SOURCE_LOCALE, {});
let current: Translator = UNLOADED;

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
  if (current === UNLOADED) return ENGLISH_ATTRIBUTION;
  if (words?.translator !== current) words = { translator: current, words: attributionWords(current) };
  return words.words;
}
