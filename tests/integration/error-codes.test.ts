/**
 * [LG4] A refusal from the real server carries its code and values beside the English sentence,
 * and the page's own API client (client/api.ts) turns it into the person's language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { apiCreateBoard, ApiError } from '../../client/api';
import { setCurrentTranslator } from '../../client/i18n/current';
import { joinBoard } from '../../client/workshopApi';
import { API, pathOf } from '../../shared/api/contract';
import { loadMessages } from '../../shared/i18n/catalogue';
import { createTranslator } from '../../shared/i18n/translate';
import { BOARD_TITLE_MAX } from '../../shared/model/schema';
import { boardOn, cleanupAfterEach, serverFor } from './support';

const defer = cleanupAfterEach();
const realFetch = globalThis.fetch;

/** The page's calls go to paths of its own origin: here, the test server's. */
function pageOn(origin: string): void {
  globalThis.fetch = (input, init) => realFetch(typeof input === 'string' && input.startsWith('/') ? `${origin}${input}` : input, init);
}

async function refusalOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  globalThis.fetch = realFetch;
  setCurrentTranslator(createTranslator('en', {}));
});

describe('a refusal in the person’s language', () => {
  it('[LG4] the HTTP answer carries code, values and the English sentence; the page shows it in German', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);

    // What a script reads: the English sentence, with the code beside it.
    const raw = await realFetch(`${ts.server.url}${pathOf(API.join, { board: board.id })}`, {
      method: API.join.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.viewer}` },
      body: JSON.stringify({ name: 'Ada', cluster: null }),
    });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toEqual({ error: 'Viewers watch the board without joining it.', code: 'role.viewerJoin' });

    // What a person whose page is in German reads, through the page's own API client.
    setCurrentTranslator(createTranslator('de', await loadMessages('de'), await loadMessages('en')));
    pageOn(ts.server.url);
    const refused = await refusalOf(joinBoard({ boardId: board.id, token: board.tokens.viewer, seat: null }, { name: 'Ada', cluster: '' }));
    expect(refused.status).toBe(403);
    expect(refused.problem).toEqual({ code: 'role.viewerJoin' });
    expect(refused.message).toBe('Zuschauende sehen das Board an, ohne beizutreten.');
  });

  it('[LG4] a refusal with values (a title past its length) reads with them in the person’s language, as the model words it', async () => {
    const { current: ts } = await serverFor(defer);
    pageOn(ts.server.url);
    setCurrentTranslator(createTranslator('fr', await loadMessages('fr'), await loadMessages('en')));
    const refused = await refusalOf(apiCreateBoard('T'.repeat(BOARD_TITLE_MAX + 1), 'blank'));
    expect(refused.status).toBe(400);
    expect(refused.problem).toEqual({ code: 'board.titleLength', values: { max: BOARD_TITLE_MAX } });
    expect(refused.message).toBe(`Le titre d’un tableau compte au plus ${BOARD_TITLE_MAX} caractères.`);

    setCurrentTranslator(createTranslator('en', await loadMessages('en')));
    const inEnglish = await refusalOf(apiCreateBoard('', 'blank'));
    expect(inEnglish.message).toBe('A board needs a title.');
  });
});
