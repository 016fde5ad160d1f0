/**
 * The message catalogues: one JSON file per namespace and language under ./messages/<locale>/,
 * English as the source. A message's key is `<namespace>.<key in the file>`, named for its
 * meaning ("toolbar.export"), never for its English text. Messages are ICU MessageFormat.
 *
 * A new namespace is one line in NAMESPACES, one in `English` below and one JSON file per
 * language; tests/unit/i18n-catalogues.test.ts checks that every language has every key with the
 * same arguments and the plural forms its language needs.
 */
import type { Locale } from './locales';
import type board from './messages/en/board.json';
import type common from './messages/en/common.json';
import type csv from './messages/en/csv.json';
import type errors from './messages/en/errors.json';
import type facilitate from './messages/en/facilitate.json';
import type pages from './messages/en/pages.json';
import type report from './messages/en/report.json';
import type reportContent from './messages/en/reportContent.json';
import type room from './messages/en/room.json';
import type suggest from './messages/en/suggest.json';

export const NAMESPACES = [
  // One namespace a line.
  'common',
  'board',
  'room',
  'facilitate',
  'pages',
  'errors',
  'report',
  'csv',
  'suggest',
  'reportContent',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The English catalogue's shape: the source of every key. */
interface English {
  common: typeof common;
  board: typeof board;
  room: typeof room;
  facilitate: typeof facilitate;
  pages: typeof pages;
  errors: typeof errors;
  report: typeof report;
  csv: typeof csv;
  suggest: typeof suggest;
  reportContent: typeof reportContent;
}

/** Every message key, checked by the type checker wherever a message is asked for. */
export type MessageKey = { [N in Namespace]: `${N}.${keyof English[N] & string}` }[Namespace];

/** One language's messages, flat: key -> ICU message. */
export type Messages = Readonly<Record<string, string>>;

/** One language's catalogues, loaded on demand (the client's bundler splits them per language). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(
    NAMESPACES.map(async (namespace) => {
      const module = (await import(`./messages/${locale}/${namespace}.json`)) as { default: Record<string, string> };
      return Object.entries(module.default).map(([key, message]) => [`${namespace}.${key}`, message] as const);
    }),
  );
  return Object.fromEntries(parts.flat());
}

/** The key of a kind of note's name ("Challenge"): kinds are the product's words, translated. */
export function kindKey(kind: 'challenge' | 'need' | 'good-practice'): MessageKey {
  return `common.kind.${kind}`;
}
