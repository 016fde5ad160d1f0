/** The English-leftover detector of the languages e2e test (SPEC LG7) cannot pass silently. */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translate';
import {
  type Catalogue,
  catalogue,
  englishFragments,
  findEnglishLeftovers,
  messageFragments,
  messagePattern,
  withoutQuotes,
} from '../helpers/englishLeftovers';

const english: Catalogue = {
  'voting.close': 'Close voting',
  'voting.left': '{used} of {budget} votes left',
  'board.themes': '{count, plural, one {# theme} other {# themes}}',
  'board.join': 'Join “{title}”',
  'board.rich': 'Drag a note onto <b>another note</b> to group them',
  'common.ok': 'OK',
  'common.live': 'Live',
  'toolbar.export': 'Markdown',
  'toolbar.start': 'Start',
};
const polish: Catalogue = {
  'voting.close': 'Zamknij głosowanie',
  'voting.left': 'Pozostało {used} z {budget} głosów',
  'board.themes': '{count, plural, one {# temat} few {# tematy} many {# tematów} other {# tematu}}',
  'board.join': 'Dołącz do „{title}”',
  'board.rich': 'Przeciągnij notatkę na <b>inną notatkę</b>, aby je zgrupować',
  'common.ok': 'OK',
  'common.live': 'Na żywo',
  'toolbar.export': 'Raport Markdown',
  'toolbar.start': 'Start',
};

describe('the English-leftover detector', () => {
  it('[LG7] cuts a message into its fixed words: arguments split it, each plural form counts, tags keep their text', () => {
    expect(messageFragments('{used} of {budget} votes left')).toEqual(['of', 'votes left']);
    expect(messageFragments('{count, plural, one {# theme} other {# themes}}')).toEqual(['theme', 'themes']);
    expect(messageFragments('Join “{title}”')).toEqual(['Join']);
    expect(messageFragments('Drag a note onto <b>another note</b> to group them')).toEqual(['Drag a note onto another note to group them']);
    expect(messageFragments("Mark as {state, select, done {done} other {not done}}: it''s yours")).toEqual([
      'Mark as',
      'done',
      'not done',
      "it's yours",
    ]);
  });

  it('[LG7] flags a planted English message on a Polish page and passes the same page clean', () => {
    const clean = 'Zamknij głosowanie\nPozostało 3 z 5 głosów\n2 tematy\nDołącz do „Warsztat”\nNa żywo\nOK';
    expect(findEnglishLeftovers(clean, polish, english)).toEqual([]);

    const planted = findEnglishLeftovers(`${clean}\nClose voting`, polish, english);
    expect(planted.map((l) => [l.key, l.english])).toEqual([['voting.close', 'Close voting']]);
    expect(planted[0]!.context).toContain('Close voting');
    // A sentence with values, a plural form, rich text's inner words, in capitals (text-transform).
    expect(findEnglishLeftovers('Pozostało: 3 of 5 VOTES LEFT', polish, english).map((l) => l.key)).toEqual(['voting.left']);
    expect(findEnglishLeftovers('Tematy: 4 themes', polish, english).map((l) => l.english)).toEqual(['themes']);
    expect(findEnglishLeftovers('Tu: Drag a note onto another note to group them', polish, english).map((l) => l.key)).toEqual(['board.rich']);
  });

  it('[LG7] leaves alone what stays as written, words glued into others, messages the language keeps, and its own words', () => {
    // Note text and names are cut out first (LG6), even when they contain a message.
    const note = 'We should Close voting earlier';
    expect(findEnglishLeftovers(`Notatka: ${note}`, polish, english, [note])).toEqual([]);
    expect(findEnglishLeftovers(`Notatka: ${note}`, polish, english).map((l) => l.key)).toEqual(['voting.close']);
    // Whole words only: "themes" is not inside "themesong", "Live" is not in "Lively".
    expect(findEnglishLeftovers('themesong Lively', polish, english)).toEqual([]);
    // "OK" is too short to tell; "Start" is Polish too; "Markdown" is inside a Polish message.
    expect(findEnglishLeftovers('OK Start Raport Markdown', polish, english)).toEqual([]);
    expect(englishFragments(english, polish).map((f) => f.english)).not.toContain('Markdown');
    // What the page quotes is content, shortened or not: „…“, «…», “…”.
    expect(findEnglishLeftovers('Przeciągnij notatkę „We should Close voting ear…”', polish, english)).toEqual([]);
    expect(findEnglishLeftovers('Glisser la note « Close voting now »', polish, english)).toEqual([]);
    // An English page has nothing to find.
    expect(findEnglishLeftovers('Close voting 3 of 5 votes left', english, english)).toEqual([]);
  });

  it('[LG7] builds a pattern that matches the sentences a message makes, whatever the values', () => {
    const votes = new RegExp(`^${messagePattern(polish['voting.left']!)}$`);
    expect(votes.test('Pozostało 3 z 5 głosów')).toBe(true);
    expect(votes.test('Pozostało 3 of 5 głosów')).toBe(false);
    const themes = new RegExp(`^${messagePattern(polish['board.themes']!)}$`);
    expect(themes.test('5 tematów')).toBe(true);
    expect(themes.test('5 themes')).toBe(false);
  });
});

/** Sample values for each argument of a message, so any message can be formatted. */
function sampleValues(message: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      if (element.type === TYPE.tag) {
        values[element.value] = (chunks: string[]) => chunks.join('');
        walk(element.children);
        continue;
      }
      values[element.value] =
        element.type === TYPE.plural || element.type === TYPE.number
          ? 3
          : element.type === TYPE.date || element.type === TYPE.time
            ? new Date(Date.UTC(2026, 11, 2, 10))
            : 'Xq';
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return values;
}

describe('the English-leftover detector on the real catalogues', () => {
  const source = catalogue(SOURCE_LOCALE);
  for (const locale of LOCALES.filter((l) => l !== SOURCE_LOCALE)) {
    it(`[LG7] ${locale}: a page of every ${locale} message is clean, and each English message put on a page is found by its key`, () => {
      const own = catalogue(locale);
      const format = (messages: Catalogue, lang: typeof locale | typeof SOURCE_LOCALE) => {
        const translator = createTranslator(lang, messages);
        return (key: string) => translator.t(key as never, sampleValues(messages[key]!) as never);
      };
      const ownText = Object.keys(own).map(format(own, locale)).join('\n');
      expect(findEnglishLeftovers(ownText, own, source)).toEqual([]);

      // Each English message alone on a page is found by its key, whenever its formatted sentence
      // still holds one of its pieces (a plural's other forms may hold them all).
      const sought = englishFragments(source, own);
      const keys = [...new Set(sought.map((f) => f.key))];
      expect(keys.length, 'some English differs from this language').toBeGreaterThan(0);
      const formatEnglish = format(source, SOURCE_LOCALE);
      const findable = keys.filter((key) => sought.some((f) => f.key === key && f.pattern.test(withoutQuotes(formatEnglish(key)))));
      const missed = findable.filter((key) => !findEnglishLeftovers(formatEnglish(key), own, source).some((l) => l.key === key));
      expect(missed).toEqual([]);
      // Most English messages are findable once formatted: the detector is not looking at nothing.
      expect(findable.length).toBeGreaterThanOrEqual(Math.ceil(keys.length * 0.8));
    });
  }
});
