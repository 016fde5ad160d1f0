/**
 * [SG1] Which of the product's seven languages a note is written in. franc-min (trigram models)
 * ranks the languages it knows, restricted to ours; it has no Lithuanian model, so a text with a
 * letter only Lithuanian uses among the seven (ė, į, ų, ū) is Lithuanian. A text too short for
 * trigrams to mean anything ("Late membership fee payment" reads as French) is in the language
 * its letters tell (ł, ü, ñ, Cyrillic), else in the board's (English when unset); a longer one is
 * in the board's language too when that scores nearly as well as the best.
 */
import { francAll } from 'franc-min';
import type { Locale } from '../i18n/locales';

/** franc's ISO 639-3 labels for the languages franc-min has models for. */
const FRANC_LABELS = { eng: 'en', deu: 'de', bul: 'bg', pol: 'pl', spa: 'es', fra: 'fr' } as const satisfies Record<string, Locale>;
const FRANC_ONLY = Object.keys(FRANC_LABELS);

/** Letters among the seven languages' alphabets that only Lithuanian has. */
const LITHUANIAN_LETTERS = /[ėįųūĖĮŲŪ]/u;

/**
 * For a note too short for trigrams: letters that, among the seven languages, say which one it
 * is (Cyrillic, Bulgarian's alone, is told before any of these). Checked in this order; é is
 * French and Spanish, so Spanish is told by ñ and its inverted marks first.
 */
const TELLING_LETTERS: readonly [RegExp, Locale][] = [
  [/[ąęłśźżćńĄĘŁŚŹŻĆŃ]/u, 'pl'],
  [/[äöüßÄÖÜ]/u, 'de'],
  [/[ñ¿¡Ñ]/u, 'es'],
  [/[çœàâèêëîïôûÇŒÀÂÈÊËÎÏÔÛ]/u, 'fr'],
];

/** Below this many letters trigram ranks are mostly noise: telling letters or the board's language decide. */
export const DETECTION_MIN_LETTERS = 40;

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** franc's scores are relative to the best (1): the board's language wins from this close. */
export const BOARD_LANGUAGE_MARGIN = 0.7;

function localeOf(label: string): Locale | null {
  return label in FRANC_LABELS ? FRANC_LABELS[label as keyof typeof FRANC_LABELS] : null;
}

/** Among the seven, Cyrillic is Bulgarian's alone: no trigram ranking needed (it is the slow part). */
const CYRILLIC = /\p{Script=Cyrillic}/u;

export function detectLanguage(text: string, fallback: Locale = 'en'): Locale {
  if (LITHUANIAN_LETTERS.test(text)) return 'lt';
  if (CYRILLIC.test(text)) return 'bg';
  if (letterCount(text) < DETECTION_MIN_LETTERS) {
    const told = TELLING_LETTERS.filter(([letters]) => letters.test(text)).map(([, language]) => language);
    return told.includes(fallback) ? fallback : (told[0] ?? fallback);
  }
  const ranked = francAll(text, { only: FRANC_ONLY, minLength: 1 });
  const best = ranked[0];
  if (!best) return fallback;
  const board = ranked.find(([label]) => localeOf(label) === fallback);
  if (board && board[1] >= BOARD_LANGUAGE_MARGIN) return fallback;
  return localeOf(best[0]) ?? fallback;
}
