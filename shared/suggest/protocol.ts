/**
 * The messages between the board screen and its suggestion worker (client/board/suggest/): the
 * screen feeds the index with what changed, and asks; the worker holds the index and answers.
 * Structured-cloneable plain data only, so the same dispatcher (`answer`) runs in a Worker, in a
 * test, or anywhere else an engine is at hand. The main thread never waits on the engine: every
 * question is a message and every answer a promise.
 */
import type { Locale } from '../i18n/locales';
import type { IndexedNote, SimilarNote, SuggestionQuery, TandemProposal, ThemeProposal } from './types';

/** What changed since the last feed: notes added or changed (whole), and notes gone (by id). */
export interface IndexChanges {
  put: IndexedNote[];
  remove: string[];
}

/** A need -> practice link already on the board: never proposed again. */
export interface LinkedPair {
  needId: string;
  practiceId: string;
}

export type SuggestRequest =
  | { type: 'index'; changes: IndexChanges }
  /** The board's language: what a note too short to detect is taken to be in. */
  | { type: 'language'; language: Locale }
  | { type: 'similar'; id: number; text: string; limit: number }
  | { type: 'themes'; id: number; query: SuggestionQuery }
  | { type: 'tandems'; id: number; needId: string | null; limit: number; linked: LinkedPair[] };

export type SuggestResponse =
  | { type: 'similar'; id: number; notes: SimilarNote[] }
  | { type: 'themes'; id: number; proposals: ThemeProposal[] }
  | { type: 'tandems'; id: number; proposals: TandemProposal[] }
  | { type: 'failed'; id: number; message: string };

/** A question: every request but a feed or a setting, which are answered by nothing. */
export type SuggestQuestion = Exclude<SuggestRequest, { type: 'index' } | { type: 'language' }>;

/** What the worker needs of the engine (shared/suggest/), whatever its inner shape. */
export interface SuggestEngine {
  apply(changes: IndexChanges): void;
  setLanguage(language: Locale): void;
  similar(text: string, limit: number): SimilarNote[];
  themes(query: SuggestionQuery): ThemeProposal[];
  tandems(needId: string | null, limit: number, linked: readonly LinkedPair[]): TandemProposal[];
}

/** The worker's whole job: apply a feed, or answer a question (a failure is an answer too). */
export function answer(engine: SuggestEngine, request: SuggestRequest): SuggestResponse | null {
  if (request.type === 'index') {
    engine.apply(request.changes);
    return null;
  }
  if (request.type === 'language') {
    engine.setLanguage(request.language);
    return null;
  }
  try {
    switch (request.type) {
      case 'similar':
        return { type: 'similar', id: request.id, notes: engine.similar(request.text, request.limit) };
      case 'themes':
        return { type: 'themes', id: request.id, proposals: engine.themes(request.query) };
      case 'tandems':
        return { type: 'tandems', id: request.id, proposals: engine.tandems(request.needId, request.limit, request.linked) };
    }
  } catch (error) {
    return { type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
}
