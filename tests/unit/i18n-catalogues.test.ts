/** Every language speaks every message (LG1). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { loadMessages, NAMESPACES } from '../../shared/i18n/catalogue';
import { LOCALES, SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translate';

const messagesDir = fileURLToPath(new URL('../../shared/i18n/messages', import.meta.url));

/** Each argument of a message with its type; plural arguments also with the forms given. */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, string>(), plurals: Array<{ name: string; forms: string[] }> = []) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      found.set(`<${element.value}>`, 'tag');
      argumentsOf(element.children, found, plurals);
      continue;
    }
    const kind = TYPE[element.type]!;
    found.set(element.value, kind === 'plural' && element.type === TYPE.plural && element.pluralType === 'ordinal' ? 'selectordinal' : kind);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      if (element.type === TYPE.plural && element.pluralType !== 'ordinal')
        plurals.push({ name: element.value, forms: Object.keys(element.options) });
      for (const option of Object.values(element.options)) argumentsOf(option.value, found, plurals);
    }
  }
  return { found, plurals };
}

function readCatalogue(locale: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    readdirSync(join(messagesDir, locale)).map((file) => [
      file.replace(/\.json$/, ''),
      JSON.parse(readFileSync(join(messagesDir, locale, file), 'utf8')),
    ]),
  );
}

describe('the message catalogues', () => {
  it('[LG1] hold one file per namespace in every language, and nothing else', () => {
    expect(readdirSync(messagesDir).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) expect(Object.keys(readCatalogue(locale)).sort(), locale).toEqual([...NAMESPACES].sort());
  });

  const english = readCatalogue(SOURCE_LOCALE);
  for (const locale of LOCALES) {
    it(`[LG1] ${locale}: every key of English and no other, each a non-empty ICU message with English's arguments and ${locale}'s plural forms`, () => {
      const catalogue = readCatalogue(locale);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
      const problems: string[] = [];
      for (const namespace of NAMESPACES) {
        const source = english[namespace]!;
        const own = catalogue[namespace] ?? {};
        for (const key of Object.keys(source)) if (!(key in own)) problems.push(`${namespace}.${key}: missing`);
        for (const [key, message] of Object.entries(own)) {
          const id = `${namespace}.${key}`;
          if (!(key in source)) problems.push(`${id}: not in English`);
          if (typeof message !== 'string' || message.trim() === '') {
            problems.push(`${id}: empty or not text`);
            continue;
          }
          let parsed: ReturnType<typeof argumentsOf>;
          try {
            parsed = argumentsOf(parse(message));
          } catch (error) {
            problems.push(`${id}: does not parse (${String(error)})`);
            continue;
          }
          if (typeof source[key] === 'string') {
            const expected = argumentsOf(parse(source[key])).found;
            if (JSON.stringify([...parsed.found].sort()) !== JSON.stringify([...expected].sort()))
              problems.push(`${id}: arguments ${JSON.stringify([...parsed.found])}, English has ${JSON.stringify([...expected])}`);
          }
          for (const plural of parsed.plurals) {
            const lacking = categories.filter((category) => !plural.forms.includes(category));
            if (lacking.length > 0) problems.push(`${id}: {${plural.name}, plural} lacks ${lacking.join(', ')}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('[LG1] load per language and format plurals by that language’s rules', async () => {
    const polish = createTranslator('pl', { n: '{count, plural, one {# notatka} few {# notatki} many {# notatek} other {# notatki}}' });
    expect(polish.t('n' as never, { count: 5 })).toBe('5 notatek');
    expect(polish.t('n' as never, { count: 3 })).toBe('3 notatki');
    for (const locale of LOCALES) {
      const messages = await loadMessages(locale);
      expect(Object.keys(messages).sort(), locale).toEqual(Object.keys(await loadMessages(SOURCE_LOCALE)).sort());
    }
    // A key a language lacks falls back to English, never to the key itself.
    const gap = createTranslator('de', {}, { 'common.close': 'Close' });
    expect(gap.t('common.close')).toBe('Close');
  });
});
