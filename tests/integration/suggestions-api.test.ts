/** `GET /api/boards/:id/suggestions` over real HTTP (SPEC SG8). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ServerOptions } from '../../server/app';
import type { ErrorAnswer, SuggestionsAnswer } from '../../shared/api/contract';
import { notesMap } from '../../shared/model/doc';
import { addLink } from '../../shared/model/mutations/links';
import { addNote, editNoteText } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { ROLES } from '../../shared/protocol';
import { boardOn, cleanupAfterEach, note, serverFor } from './support';

const defer = cleanupAfterEach();
const API = serverOrigin('api');

async function templateBoard(overrides: Partial<ServerOptions> = {}) {
  const { current: ts } = await serverFor(defer, { overrides });
  const board = await boardOn(ts, 'excite-d1.4');
  const room = await ts.server.rooms.acquire(board.id);
  const noteId = (start: string): string => {
    for (const [id, record] of notesMap(room.doc)) {
      const text = (record as Y.Map<unknown>).get('text');
      if (String(text).startsWith(start)) return id;
    }
    throw new Error(`no note starts with ${start}`);
  };
  const ask = (query: string, token = board.tokens.participant) =>
    fetch(`${ts.server.url}/api/boards/${board.id}/suggestions?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { ts, board, doc: room.doc, noteId, ask };
}

const REPORTING_NEED = 'Efficient collaborative reporting processes and tools';
const GAIA_PRACTICE = 'Efficient KPI monitoring thanks to a tool';

describe('GET /api/boards/:id/suggestions', () => {
  it('[SG8] answers every role of the board, proposes tandems and themes and never changes the board', async () => {
    const { board, doc, noteId, ask } = await templateBoard();
    const before = Y.encodeStateVector(doc);
    for (const role of ROLES) {
      const res = await ask(`kind=tandems&need=${noteId(REPORTING_NEED)}`, board.tokens[role]);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as SuggestionsAnswer;
      expect(answer.kind).toBe('tandems');
      if (answer.kind !== 'tandems') return;
      expect(answer.tandems.map((t) => t.practiceId)).toContain(noteId(GAIA_PRACTICE));
      expect(answer.tandems.length).toBeLessThanOrEqual(3);
    }
    const themes = (await (await ask('kind=themes&dimension=business-model&cellKind=challenge')).json()) as SuggestionsAnswer;
    expect(themes.kind === 'themes' && themes.themes.every((t) => t.dimension === 'business-model' && t.kind === 'challenge')).toBe(true);
    expect(themes.kind === 'themes' && themes.themes.length).toBeGreaterThan(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect((await ask('kind=themes', 'not-a-token')).status).toBe(401);
  });

  it('[SG8] similar notes follow the board as it changes, and a linked pair is no longer proposed', async () => {
    const { doc, noteId, ask } = await templateBoard();
    const similar = async (text: string) => {
      const answer = (await (await ask(`kind=similar&limit=3&text=${encodeURIComponent(text)}`)).json()) as SuggestionsAnswer;
      return answer.kind === 'similar' ? answer.similar : [];
    };
    expect((await similar('Odoo dashboards for the board of directors')).map((s) => s.id)).toEqual([]);
    const added = addNote(doc, note('Odoo dashboards replace our spreadsheets'), API);
    expect((await similar('Odoo dashboards for the board of directors')).map((s) => s.id)).toEqual([added]);
    editNoteText(doc, added, 'Spreadsheets everywhere', API);
    expect(await similar('Odoo dashboards for the board of directors')).toEqual([]);

    const need = noteId(REPORTING_NEED);
    addLink(doc, need, noteId(GAIA_PRACTICE), 'ada', API);
    const answer = (await (await ask(`kind=tandems&need=${need}`)).json()) as SuggestionsAnswer;
    expect(answer.kind === 'tandems' && answer.tandems.map((t) => t.practiceId)).not.toContain(noteId(GAIA_PRACTICE));
  });

  it('[SG8] refuses what it cannot answer with a code and a sentence naming the allowed values', async () => {
    const { ts, board, ask } = await templateBoard();
    const refusal = async (query: string, status: number) => {
      const res = await ask(query);
      expect(res.status, query).toBe(status);
      return (await res.json()) as ErrorAnswer;
    };
    expect(await refusal('kind=everything', 400)).toMatchObject({ code: 'suggest.kind', error: 'kind must be one of: themes, tandems, similar.' });
    expect((await refusal('', 400)).code).toBe('suggest.kind');
    expect((await refusal('kind=themes&dimension=nowhere', 400)).code).toBe('note.dimension');
    expect((await refusal('kind=themes&cellKind=idea', 400)).code).toBe('suggest.cellKind');
    expect((await refusal('kind=similar', 400)).code).toBe('suggest.textRequired');
    expect((await refusal(`kind=similar&text=${'a'.repeat(2001)}`, 400)).code).toBe('suggest.textLength');
    for (const limit of ['0', '51', '2.5', 'many']) expect((await refusal(`kind=themes&limit=${limit}`, 400)).code).toBe('suggest.limit');
    expect((await refusal('kind=tandems&need=no-such-note', 404)).code).toBe('suggest.needNotFound');
    const posted = await fetch(`${ts.server.url}/api/boards/${board.id}/suggestions?kind=themes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.participant}` },
    });
    expect(posted.status).toBe(405);
  });

  it('[SG8] [Q3] charges the board size when the index is brought up to date and a flat cost otherwise', async () => {
    const { doc, ask } = await templateBoard({ quotas: { createPolicy: 'open', readNotesPerSecond: 1, readNotesBurst: 400 } });
    // The first request brings the index up to date (about 120 notes + 100); answers from it cost 10.
    expect((await ask('kind=themes')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await ask(`kind=similar&text=KPI${i}`)).status).toBe(200);
    addNote(doc, note('A change the index must take in'), API);
    const refused = await ask('kind=themes');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
