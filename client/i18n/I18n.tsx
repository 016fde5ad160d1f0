/**
 * The page's language: loads a language's catalogues when it is picked, remembers the pick,
 * sets `<html lang>` and hands every component the translator (`useT`).
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { loadMessages, type Messages } from '../../shared/i18n/catalogue';
import { type Locale, SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator, type Translator } from '../../shared/i18n/translate';
import { setCurrentTranslator } from './current';
import { initialLocale, rememberLocale } from './language';

interface Language {
  translator: Translator;
  /** Loads `locale`, shows it and remembers it for this browser. */
  setLocale(locale: Locale): Promise<void>;
  /** Loads `locale` and shows it for this page only: not a choice this browser made (LG3). */
  showLocale(locale: Locale): Promise<void>;
}

const LanguageContext = createContext<Language | null>(null);

let english: Messages | null = null;

/** The translator for `locale`, English filling any gap. */
export async function translatorFor(locale: Locale): Promise<Translator> {
  english ??= await loadMessages(SOURCE_LOCALE);
  const messages = locale === SOURCE_LOCALE ? english : await loadMessages(locale);
  return createTranslator(locale, messages, english);
}

/** Loads the language this browser shows first; the page renders once it is there. */
export async function loadInitialTranslator(): Promise<Translator> {
  const translator = await translatorFor(initialLocale());
  show(translator);
  return translator;
}

function show(translator: Translator): void {
  setCurrentTranslator(translator);
  document.documentElement.lang = translator.locale;
}

export function I18nProvider({ initial, children }: { initial: Translator; children: ReactNode }) {
  const [translator, setTranslator] = useState(initial);
  // Languages load asynchronously: only the last one asked for is shown, however the loads finish
  // (arrow keys through the picker ask for several in a row).
  const asked = useRef(0);
  const switchTo = useCallback(async (locale: Locale, remember: boolean) => {
    const ticket = ++asked.current;
    const next = await translatorFor(locale);
    if (ticket !== asked.current) return;
    if (remember) rememberLocale(locale);
    show(next);
    setTranslator(next);
  }, []);
  const setLocale = useCallback((locale: Locale) => switchTo(locale, true), [switchTo]);
  const showLocale = useCallback((locale: Locale) => switchTo(locale, false), [switchTo]);
  const value = useMemo(() => ({ translator, setLocale, showLocale }), [translator, setLocale, showLocale]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

function useLanguageContext(): Language {
  const language = useContext(LanguageContext);
  if (!language) throw new Error('useT() and useLanguage() need an <I18nProvider> above them.');
  return language;
}

/** The translator of the page's language; the component re-renders when the language changes. */
export function useT(): Translator {
  return useLanguageContext().translator;
}

export function useLanguage(): { locale: Locale; setLocale(locale: Locale): Promise<void> } {
  const { translator, setLocale } = useLanguageContext();
  return { locale: translator.locale, setLocale };
}

/** Shows a language for this page without remembering it as this browser's choice (the board's, LG3). */
export function useShowLocale(): (locale: Locale) => Promise<void> {
  return useLanguageContext().showLocale;
}
