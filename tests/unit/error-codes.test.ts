/** Every refusal the server can send has its sentence in every language (LG4). */
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_REFUSALS, refusalFor } from '../../client/board/refusals';
import { setCurrentTranslator } from '../../client/i18n/current';
import { problemOf } from '../../client/i18n/errors';
import { englishSentence, ERROR_CODES, errorKey, problemSentence } from '../../shared/errors';
import { loadMessages, type Messages } from '../../shared/i18n/catalogue';
import { LOCALES, SOURCE_LOCALE } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translate';
import { MutationError, parseInput } from '../../shared/model/errors';
import { BoardFullError } from '../../shared/model/limits';
import { boardTitleInput } from '../../shared/model/schema';
import { CloseCode, PERSON_REMOVED_REASON } from '../../shared/protocol';

const catalogues = new Map<string, Messages>();
beforeAll(async () => {
  for (const locale of LOCALES) catalogues.set(locale, await loadMessages(locale));
});

describe('the codes of refusals', () => {
  for (const locale of LOCALES) {
    it(`[LG4] ${locale}: every code the server can send has a message of its own in the errors namespace`, () => {
      const messages = catalogues.get(locale)!;
      const missing = ERROR_CODES.filter((code) => !(errorKey(code) in messages));
      expect(missing).toEqual([]);
      // Its own, not English filling a gap (a few are the same words in every language: ids, "{field}: {problem}").
      if (locale !== SOURCE_LOCALE) {
        const english = catalogues.get(SOURCE_LOCALE)!;
        const same = ERROR_CODES.filter((code) => messages[errorKey(code)] === english[errorKey(code)]);
        expect(same.length, same.join(', ')).toBeLessThanOrEqual(2);
      }
    });
  }

  it('[LG4] every close code the page can be refused with has a title and a detail in every language', () => {
    for (const locale of LOCALES) {
      const messages = catalogues.get(locale)!;
      for (const name of CLOSED_REFUSALS)
        for (const part of ['title', 'detail']) expect(messages[`errors.closed.${name}.${part}`], `${locale} ${name}.${part}`).toBeTruthy();
    }
  });

  it('[LG4] the English sentence of a code is the English catalogue’s, formatted with its values', () => {
    expect(englishSentence({ code: 'board.titleLength', values: { max: 200 } })).toBe('A board title holds at most 200 characters.');
    expect(new BoardFullError(10_000, 5).message).toBe('This board holds 10,000 notes; adding 5 would pass the limit of 10,000 notes per board.');
    expect(englishSentence({ code: 'admin.tokenNeeded', values: { action: 'import' } })).toBe(
      'Only the administrator may import boards on this server: send its token as Authorization: Bearer <token>.',
    );
  });

  it('[LG4] a model refusal carries the code the page translates, the same one the API sends for the same mistake', () => {
    let refused: unknown;
    try {
      parseInput(boardTitleInput, 'T'.repeat(201));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(MutationError);
    const problem = (refused as MutationError).problem;
    expect(problem).toEqual({ code: 'board.titleLength', values: { max: 200 } });
    const german = createTranslator('de', catalogues.get('de')!, catalogues.get('en'));
    expect(problemSentence(german.t, problem)).toBe('Ein Board-Titel hat höchstens 200 Zeichen.');
    // A problem inside a field of a request keeps the field's path before the translated sentence.
    expect(problemSentence(german.t, { code: 'person.nameRequired', field: 'from.name' })).toBe('from.name: Ein Name ist erforderlich.');
  });

  it('[LG4] the page reads a code only from an answer that carries a known one', () => {
    expect(problemOf({ error: 'x', code: 'vote.budgetUsed', values: { budget: 3, bad: {} } })).toEqual({
      code: 'vote.budgetUsed',
      values: { budget: 3 },
    });
    expect(problemOf({ error: 'Bad gateway' })).toBeNull();
    expect(problemOf({ error: 'x', code: 'no.such.code' })).toBeNull();
    expect(problemOf(null)).toBeNull();
  });

  it('[LG4] a socket the server closed for good is explained in the page’s language, by its close code', () => {
    setCurrentTranslator(createTranslator('en', catalogues.get('en')!));
    const english = Object.values(CloseCode).map((code) => ({ ...refusalFor(code, '') }));
    setCurrentTranslator(createTranslator('pl', catalogues.get('pl')!, catalogues.get('en')));
    try {
      expect(refusalFor(CloseCode.LinkRevoked, 'This link was revoked').title).toBe('Ten link został unieważniony');
      expect(refusalFor(CloseCode.Forbidden, PERSON_REMOVED_REASON).title).toBe('Usunięto cię z tej tablicy');
      expect(refusalFor(CloseCode.Forbidden, 'These private notes belong to someone else').title).toBe('To nie twoje notatki');
      // An English reason never reaches the page, whatever the server wrote.
      expect(refusalFor(CloseCode.BadMessage, 'Malformed message').detail).not.toMatch(/Malformed/);
      // Every close code's title and detail are read in Polish, none left in English.
      const polish = Object.values(CloseCode).map((code) => ({ ...refusalFor(code, '') }));
      for (const [i, shown] of polish.entries()) {
        expect(shown.title).not.toBe(english[i]!.title);
        expect(shown.detail).not.toBe(english[i]!.detail);
      }
      expect(english[0]!.title).toBe('The server closed this board');
    } finally {
      setCurrentTranslator(createTranslator('en', {}));
    }
  });
});
