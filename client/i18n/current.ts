/**
 * The translator of the page, for code outside React (announcements, refusal sentences built
 * when something happens). Components use `useT()`, which also re-renders them when the
 * language changes.
 */
import type { MessageKey } from '../../shared/i18n/catalogue';
import { SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator, type MessageValues, type Translator } from '../../shared/i18n/translate';

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
