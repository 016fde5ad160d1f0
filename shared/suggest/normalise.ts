/**
 * [SG2] A note's text as the terms the engine compares, per language: Unicode words, the
 * language's stop words (stopwords-iso) left out, the rest stemmed with the language's Snowball
 * stemmer (English, German, Spanish, French) or, for Bulgarian, Lithuanian and Polish, which have
 * no maintained stemmer here, only lower-cased and NFKC-normalised. Latin letters lose their
 * accents after stemming so "événement" and "evenement" meet. Acronyms (KPI, CRM, B2B, GAIA) are
 * kept whole and unstemmed in every language, so a German and an English note meet on them.
 */
import { newStemmer, type Stemmer } from 'snowball-stemmers';
// Named imports, so a bundle keeps only these seven of the package's lists.
import { bg, de, en, es, fr, lt, pl } from 'stopwords-iso';
import type { Locale } from '../i18n/locales';

export interface Term {
  /** What notes are compared on: a stem, a normalised word or an acronym. */
  term: string;
  /** The word as written (lower case unless an acronym): what a person is shown. */
  surface: string;
}

const SNOWBALL: Partial<Record<Locale, string>> = { en: 'english', de: 'german', es: 'spanish', fr: 'french' };
const stemmers = new Map<Locale, Stemmer>();

function stemmerFor(language: Locale): Stemmer | null {
  const algorithm = SNOWBALL[language];
  if (!algorithm) return null;
  let stemmer = stemmers.get(language);
  if (!stemmer) {
    stemmer = newStemmer(algorithm);
    stemmers.set(language, stemmer);
  }
  return stemmer;
}

/** Accents off Latin letters; other scripts (Bulgarian's й) keep theirs, which change the letter. */
export function stripLatinAccents(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .normalize('NFC');
}

/** Nothing to strip in plain ASCII, the common case: skips two normalisations per word. */
const NON_ASCII = /[^\p{ASCII}]/u;

const STOPWORDS: Record<Locale, readonly string[]> = { en, de, bg, lt, pl, es, fr };
const stopwordSets = new Map<Locale, Set<string>>();

function stopwordsOf(language: Locale): Set<string> {
  let set = stopwordSets.get(language);
  if (!set) {
    const list = STOPWORDS[language];
    set = new Set(list.flatMap((w) => [w.normalize('NFKC').toLowerCase(), stripLatinAccents(w.normalize('NFKC').toLowerCase())]));
    stopwordSets.set(language, set);
  }
  return set;
}

/** Two or more capitals and nothing lower-case but a plural s: KPI, KPIs, CRM, B2B, GAIA. */
const ACRONYM = /^(?=(?:\p{N}*\p{Lu}){2})[\p{Lu}\p{N}]+$/u;

/** Letters with their combining marks, and digits: "co-creation" is two words, "members'" one. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Words repeat across a board's notes: each language's word -> term (null: a stop word), bounded. */
const memo = new Map<Locale, Map<string, string | null>>();
const MEMO_MAX = 50_000;

function termOf(word: string, language: Locale): string | null {
  let known = memo.get(language);
  if (!known) {
    known = new Map();
    memo.set(language, known);
  }
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const stopwords = stopwordsOf(language);
  let term: string | null = null;
  if (!stopwords.has(word)) {
    const stemmer = stemmerFor(language);
    const stemmed = stripLatinAccents(stemmer ? stemmer.stem(word) : word);
    if (stemmed.length >= 2 && !stopwords.has(stemmed)) term = stemmed;
  }
  if (known.size >= MEMO_MAX) known.clear();
  known.set(word, term);
  return term;
}

export function terms(text: string, language: Locale): Term[] {
  const out: Term[] = [];
  for (const [raw] of text.normalize('NFKC').matchAll(WORD)) {
    const singular = raw.length > 2 && raw.endsWith('s') ? raw.slice(0, -1) : raw;
    if (ACRONYM.test(raw) || ACRONYM.test(singular)) {
      const acronym = ACRONYM.test(raw) ? raw : singular;
      out.push({ term: acronym.toLowerCase(), surface: acronym });
      continue;
    }
    const word = raw.toLowerCase();
    // Single letters are elisions and initials (l', d', s); numbers alone are years and counts.
    if (word.length < 2 || /^\p{N}+$/u.test(word)) continue;
    const term = termOf(word, language);
    if (term !== null) out.push({ term, surface: word });
  }
  return out;
}
