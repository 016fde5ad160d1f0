/**
 * A board as the engine reads it: every note with the theme the board shows it in (a note whose
 * theme is gone counts as in none, as boardView shows it ungrouped), and the board's links.
 */
import type { BoardView } from '../view/boardView';
import type { IndexedNote } from './types';

export function indexedNotes(view: BoardView): IndexedNote[] {
  const notes: IndexedNote[] = [];
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      for (const theme of cell.themes) {
        for (const n of theme.notes)
          notes.push({ id: n.id, text: n.text, dimension: n.dimension, kind: n.kind, cluster: n.cluster, themeId: theme.id });
      }
      for (const n of cell.ungrouped) notes.push({ id: n.id, text: n.text, dimension: n.dimension, kind: n.kind, cluster: n.cluster, themeId: null });
    }
  }
  return notes;
}

export function boardLinks(view: BoardView): { needId: string; practiceId: string }[] {
  return view.links.map((l) => ({ needId: l.needId, practiceId: l.practiceId }));
}
