/**
 * [SG8] One suggestion index per loaded board, kept up to date incrementally: when the board or
 * its people changed since the last request, the notes that changed are updated in the index,
 * the ones gone removed, the new ones added (shared/suggest/engine.ts), instead of indexing the
 * whole board again. Proposals for themes and tandems are kept per version of the board too.
 */
import type * as Y from 'yjs';
import { SUGGEST_NOTES_MAX } from '../../shared/api/contract';
import type { Locale } from '../../shared/i18n/locales';
import { createSuggestionIndex, type SuggestionIndex } from '../../shared/suggest/engine';
import { boardLinks, indexedNotes } from '../../shared/suggest/fromBoard';
import type { IndexedNote } from '../../shared/suggest/types';
import type { BoardView } from '../../shared/view/boardView';
import { versionKey } from './readCache';

export interface BoardSuggestions {
  index: SuggestionIndex;
  links: { needId: string; practiceId: string }[];
  /**
   * Answers already computed for this version: the whole board's tandems per limit and themes per
   * cell query, so at most 50 + 24 entries.
   */
  answers: Map<string, unknown>;
}

interface Kept extends BoardSuggestions {
  version: string;
  language: Locale;
  notes: Map<string, IndexedNote>;
}

const kept = new WeakMap<Y.Doc, Kept>();

function sameNote(a: IndexedNote, b: IndexedNote): boolean {
  return a.text === b.text && a.dimension === b.dimension && a.kind === b.kind && a.cluster === b.cluster && a.themeId === b.themeId;
}

/** Brings the index in line with `notes`: only what changed is touched. */
function sync(index: SuggestionIndex, before: Map<string, IndexedNote>, notes: readonly IndexedNote[]): Map<string, IndexedNote> {
  const now = new Map(notes.map((n) => [n.id, n]));
  for (const id of before.keys()) if (!now.has(id)) index.remove(id);
  for (const note of notes) {
    const old = before.get(note.id);
    if (!old || !sameNote(old, note)) index.update(note);
  }
  return now;
}

/**
 * The board's suggestions for its current version. `charge` is told, before any work, whether
 * the index has to be brought up to date (it may refuse by throwing); `view` is read only then.
 */
export async function boardSuggestions(
  doc: Y.Doc,
  dependsOn: readonly Y.Doc[],
  charge: (updating: boolean) => void,
  view: () => Promise<BoardView>,
): Promise<BoardSuggestions> {
  const version = versionKey([doc, ...dependsOn]);
  const current = kept.get(doc);
  charge(current?.version !== version);
  if (current?.version === version) return current;
  const board = await view();
  const language = board.meta.language ?? 'en';
  // [SG8] Bounded work: a board past the cap is suggested on its first notes in board order.
  const notes = indexedNotes(board).slice(0, SUGGEST_NOTES_MAX);
  // A new board language changes how short notes are read: that one case indexes anew.
  const reuse = current && current.language === language ? current : null;
  const index = reuse?.index ?? createSuggestionIndex({ language });
  const next: Kept = {
    version,
    language,
    index,
    notes: sync(index, reuse?.notes ?? new Map(), notes),
    links: boardLinks(board),
    answers: new Map(),
  };
  kept.set(doc, next);
  return next;
}
