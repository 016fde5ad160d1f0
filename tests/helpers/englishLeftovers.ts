/**
 * Finds English left on a page shown in another language (SPEC LG7): the fixed words of every
 * English catalogue message that the page's language says differently, looked for in the text a
 * person reads. Pure (no browser): the e2e suite hands it the page's text, the unit tests plant
 * English in made-up pages to show it cannot pass silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { type Locale, SOURCE_LOCALE } from '../../shared/i18n/locales';

/** One language's messages, flat: `<namespace>.<key>` -> ICU message. */
export type Catalogue = Readonly<Record<string, string>>;

const messagesDir = fileURLToPath(new URL('../../shared/i18n/messages', import.meta.url));

/** Every namespace of `locale` as it is on disk, whichever namespaces this checkout has. */
export function readCatalogue(locale: Locale): Catalogue {
  const entries: [string, string][] = [];
  for (const file of readdirSync(join(messagesDir, locale)).sort()) {
    if (!file.endsWith('.json')) continue;
    const namespace = file.slice(0, -'.json'.length);
    const messages = JSON.parse(readFileSync(join(messagesDir, locale, file), 'utf8')) as Record<string, string>;
    for (const [key, message] of Object.entries(messages)) entries.push([`${namespace}.${key}`, message]);
  }
  return Object.fromEntries(entries);
}

/** Shorter fixed pieces than this are too common to tell English from anything else ("OK", "of"). */
export const MIN_FRAGMENT_LENGTH = 4;

// Spaces, and the punctuation that sits at the edge of a piece cut out of a sentence.
const EDGE = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const SPACES = /[\s\u00a0\u202f]+/g;

export function normaliseSpaces(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/**
 * The fixed text of an ICU message, cut where a value goes: "{count} of {total} votes left" is
 * "of" and "votes left"; each form of a plural or select is cut the same way ("# theme", "# themes"
 * give "theme" and "themes"); a tag's text reads on with the sentence around it. Pieces keep their
 * inner punctuation, lose the edges' and the spaces'.
 */
export function messageFragments(message: string): string[] {
  const fragments: string[] = [];
  let current = '';
  const flush = () => {
    const piece = normaliseSpaces(current).replace(EDGE, '');
    if (piece.length > 0) fragments.push(piece);
    current = '';
  };
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) {
        current += element.value;
        continue;
      }
      // Rich text's tags (a bold part) are inline: the sentence reads on through them.
      if (element.type === TYPE.tag) {
        walk(element.children);
        continue;
      }
      flush();
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) {
          walk(option.value);
          flush();
        }
      }
    }
  };
  walk(parse(message, { ignoreTag: false }));
  flush();
  return fragments;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for the sentences an ICU message makes, any value in each argument: how a test finds
 * "Vote for note …" in a language without knowing what the note says.
 */
export function messagePattern(message: string): string {
  const walk = (elements: MessageFormatElement[]): string =>
    elements
      .map((element) => {
        switch (element.type) {
          case TYPE.literal:
            return escapeRegExp(element.value).replace(/ /g, '\\s+');
          case TYPE.tag:
            return walk(element.children);
          case TYPE.plural:
          case TYPE.select:
            return `(?:${Object.values(element.options)
              .map((option) => walk(option.value))
              .join('|')})`;
          case TYPE.pound:
            return '[\\d\\s.,\u00a0\u202f]+?';
          default:
            return '[^]*?';
        }
      })
      .join('');
  return walk(parse(message, { ignoreTag: false }));
}

/** `fragment` as a whole word or phrase (no letter or digit glued to either end), any case. */
function wholeWords(fragment: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(fragment)}(?![\\p{L}\\p{N}])`, 'iu');
}

/** An English piece to look for: its message's key, the words, and how to find them as words. */
export interface Sought {
  key: string;
  english: string;
  pattern: RegExp;
}

// Per pair of catalogues (they are read once and never change): every screen looks for the same pieces.
const sought = new WeakMap<Catalogue, Map<Catalogue, Sought[]>>();

export interface Leftover {
  /** The English message's key. */
  key: string;
  /** The English words found. */
  english: string;
  /** Where they were found, a few words either side. */
  context: string;
}

/**
 * The English words that need looking for on a page in `own`'s language: the pieces of each English
 * message whose own translation differs, at least MIN_FRAGMENT_LENGTH long, with at least one
 * letter, and not also a word or phrase of the own language's catalogue ("Start" is German too,
 * "Markdown" sits inside "Markdown-Bericht"): the page may show those legitimately.
 */
export function englishFragments(english: Catalogue, own: Catalogue): Sought[] {
  const known = sought.get(own)?.get(english);
  if (known) return known;
  const ownText = Object.values(own)
    .flatMap((message) => messageFragments(message))
    .join('\n');
  const ownLower = ownText.toLowerCase();
  const found: Sought[] = [];
  for (const [key, message] of Object.entries(english)) {
    const translated = own[key];
    if (translated === undefined || normaliseSpaces(translated) === normaliseSpaces(message)) continue;
    for (const fragment of new Set(messageFragments(message))) {
      if (fragment.length < MIN_FRAGMENT_LENGTH || !/\p{L}/u.test(fragment)) continue;
      const pattern = wholeWords(fragment);
      // A cheap look first: most English is nowhere in the other language's catalogue.
      if (ownLower.includes(fragment.toLowerCase()) && pattern.test(ownText)) continue;
      found.push({ key, english: fragment, pattern });
    }
  }
  sought.set(own, new Map([...(sought.get(own) ?? new Map<Catalogue, Sought[]>()), [english, found]]));
  return found;
}

/** A quotation in any of the languages' marks („…“ „…” «…» “…” ‘…’), as long as quote() makes one. */
const QUOTED = /„[^“”„]{1,60}[“”]|« ?[^»]{1,60}»|“[^”]{1,60}”|‘[^’]{1,60}’/g;

/** `text` with what it quotes cut out. */
export function withoutQuotes(text: string): string {
  return text.replace(QUOTED, '\n');
}

/**
 * The English catalogue messages shown in `text`, a page in `own`'s language. `exclude` is what
 * stays as written whatever the language (LG6: note text, names, the template's dimensions and
 * hints): each is cut out of the text before looking, so English inside it is not counted.
 * English pages have nothing to find: every message equals its English.
 */
export function findEnglishLeftovers(text: string, own: Catalogue, english: Catalogue, exclude: readonly string[] = []): Leftover[] {
  let page = normaliseSpaces(text);
  const cuts = [...new Set(exclude.map(normaliseSpaces))].filter((cut) => cut.length > 0).sort((a, b) => b.length - a.length);
  for (const cut of cuts) page = page.split(cut).join('\n');
  // What the page quotes is content by construction (quote() wraps note text, theme titles and
  // names in the language's marks, shortened with "…", so it cannot be matched as written).
  page = withoutQuotes(page);
  const leftovers: Leftover[] = [];
  const lower = page.toLowerCase();
  for (const { key, english: fragment, pattern } of englishFragments(english, own)) {
    if (!lower.includes(fragment.toLowerCase())) continue;
    const match = pattern.exec(page);
    if (!match) continue;
    const context = page.slice(Math.max(0, match.index - 40), match.index + fragment.length + 40).replace(/\n/g, ' | ');
    leftovers.push({ key, english: fragment, context });
  }
  return leftovers;
}

/** The source catalogue and `locale`'s, read once per process. */
const cache = new Map<Locale, Catalogue>();
export function catalogue(locale: Locale): Catalogue {
  let found = cache.get(locale);
  if (!found) {
    found = readCatalogue(locale);
    cache.set(locale, found);
  }
  return found;
}

export const englishCatalogue = (): Catalogue => catalogue(SOURCE_LOCALE);
