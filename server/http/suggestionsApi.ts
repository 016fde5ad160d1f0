/**
 * [SG8] Suggestions for scripts and for pages without a Web Worker:
 *   GET /api/boards/:id/suggestions?kind=themes|tandems|similar&dimension=&cellKind=&need=&text=&limit=
 * Any role may ask, as for the notes list: suggestions only read the board and never change it.
 * Work is bounded: `text` and `limit` are capped by the request schema, the notes indexed per
 * board by SUGGEST_NOTES_MAX, and each request is charged to the caller's read budget (Q3), a
 * board's full size when the index had to be brought up to date, a small flat cost otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API, matchPath, SUGGEST_NOTES_MAX, type SuggestionsAnswer, suggestionsQuery } from '../../shared/api/contract';
import { notesMap } from '../../shared/model/doc';
import { CONTROL_DOC } from '../../shared/protocol';
import { DEFAULT_SIMILAR_LIMIT } from '../../shared/suggest/engine';
import { DEFAULT_TANDEM_LIMIT } from '../../shared/suggest/tandems';
import { boardView } from '../../shared/view/boardView';
import { boardPeople, peopleIndex } from '../exports';
import type { BoardStore } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { authorise, bearerToken } from './auth';
import type { Quotas } from './quotas';
import { HttpError, parseBody, sendJson } from './respond';
import { boardSuggestions } from './suggestionIndexes';

/** Themes answered at most when no `limit` is given. */
const DEFAULT_THEME_LIMIT = 20;
/** What an answer from an index already up to date costs, as a read cache hit does. */
const UP_TO_DATE_COST = 10;
const UPDATE_BASE_COST = 100;

/** Returns false when the path is not this endpoint. */
export async function handleSuggestionsApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: BoardStore; rooms: Rooms; quotas: Quotas },
): Promise<boolean> {
  const match = matchPath(API.suggestions, url.pathname);
  if (!match?.board) return false;
  if (req.method !== 'GET') throw new HttpError(405, { code: 'request.wrongMethod', values: { method: 'GET' } }, 'Use GET to ask for suggestions.');
  const { board } = await authorise(deps.store, match.board, bearerToken(req, url));
  const query = parseBody(suggestionsQuery, Object.fromEntries(url.searchParams));
  const room = await deps.rooms.acquire(board.id);
  // People's clusters live in the control document: a person changing cluster changes tandems.
  const control = await deps.rooms.acquire(board.id, CONTROL_DOC);
  const suggestions = await boardSuggestions(
    room.doc,
    [control.doc],
    (updating) => deps.quotas.chargeRead(req, updating ? Math.min(notesMap(room.doc).size, SUGGEST_NOTES_MAX) + UPDATE_BASE_COST : UP_TO_DATE_COST),
    async () => boardView(room.doc, peopleIndex(await boardPeople(deps.store, board.id))),
  );

  const { index } = suggestions;
  const cellQuery = { ...(query.dimension ? { dimension: query.dimension } : {}), ...(query.cellKind ? { kind: query.cellKind } : {}) };
  let answer: SuggestionsAnswer;
  switch (query.kind) {
    case 'similar':
      answer = { kind: 'similar', similar: index.similar(query.text ?? '', { ...cellQuery, limit: query.limit ?? DEFAULT_SIMILAR_LIMIT }) };
      break;
    case 'themes': {
      const key = `themes/${query.dimension ?? ''}/${query.cellKind ?? ''}`;
      const themes = (suggestions.answers.get(key) as (SuggestionsAnswer & { kind: 'themes' }) | undefined)?.themes ?? index.proposeThemes(cellQuery);
      suggestions.answers.set(key, { kind: 'themes', themes });
      answer = { kind: 'themes', themes: themes.slice(0, query.limit ?? DEFAULT_THEME_LIMIT) };
      break;
    }
    case 'tandems': {
      if (query.need !== undefined && index.get(query.need)?.kind !== 'need') throw new HttpError(404, 'suggest.needNotFound');
      const limit = query.limit ?? DEFAULT_TANDEM_LIMIT;
      if (query.need !== undefined) {
        // One need's proposals are cheap: computed each time, so the kept answers stay few.
        answer = { kind: 'tandems', tandems: index.proposeTandems({ needId: query.need, linked: suggestions.links, limit }) };
        break;
      }
      const key = `tandems/${limit}`;
      answer = (suggestions.answers.get(key) as SuggestionsAnswer | undefined) ?? {
        kind: 'tandems',
        tandems: index.proposeTandems({ linked: suggestions.links, limit }),
      };
      suggestions.answers.set(key, answer);
      break;
    }
  }
  sendJson(res, 200, answer);
  return true;
}
