/**
 * [SG1] Which of the product's seven languages a note is written in. franc-min (trigram models)
 * decides among the languages it knows, restricted to ours; it has no Lithuanian model, so a text
 * with a letter only Lithuanian uses among the seven (ė, į, ų, ū) is Lithuanian. A text too short
 * for trigrams to mean anything is taken to be in the board's language (English when unset).
 */
import { franc } from 'franc-min';
import type { Locale } from '../i18n/locales';

/** franc's ISO 639-3 labels for the languages franc-min has models for. */
const FRANC_LABELS = { eng: 'en', deu: 'de', bul: 'bg', pol: 'pl', spa: 'es', fra: 'fr' } as const satisfies Record<string, Locale>;
const FRANC_ONLY = Object.keys(FRANC_LABELS);

/** Letters among the seven languages' alphabets that only Lithuanian has. */
const LITHUANIAN_LETTERS = /[ėįųūĖĮŲŪ]/u;

/** Below this many letters a note's language is the board's: trigram statistics need text. */
export const DETECTION_MIN_LETTERS = 24;

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

export function detectLanguage(text: string, fallback: Locale = 'en'): Locale {
  if (LITHUANIAN_LETTERS.test(text)) return 'lt';
  if (letterCount(text) < DETECTION_MIN_LETTERS) return fallback;
  const label = franc(text, { only: FRANC_ONLY, minLength: 1 });
  return label in FRANC_LABELS ? FRANC_LABELS[label as keyof typeof FRANC_LABELS] : fallback;
}
