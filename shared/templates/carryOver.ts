/**
 * The "From a previous board" template: the next workshop starts with what the last one found.
 * It carries every good practice, and every need that no good practice answers yet, each with a
 * reference to the board and note it came from. Challenges stay behind: they are re-examined in
 * the new workshop rather than copied.
 *
 * [AT1] Carried notes are sourced ("Carried over from <title>"): their authors took part in the
 * previous workshop, not this one, so they never count as this board's participants. The view
 * passed in should be resolved with the previous board's people, so the copies hold current names.
 */
import { type AddNoteInput, sourceLabel } from '../model/schema';
import type { BoardView } from '../view/boardView';

export function carryOverNotes(view: BoardView, source: { boardId: string; title: string }): AddNoteInput[] {
  const notes: AddNoteInput[] = [];
  const carried = { kind: 'carried', label: sourceLabel(`Carried over from ${source.title}`) } as const;
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      if (cell.kind === 'challenge') continue;
      for (const note of [...cell.themes.flatMap((theme) => theme.notes), ...cell.ungrouped]) {
        if (note.kind === 'need' && note.linkedIds.length > 0) continue;
        if (note.text.trim() === '') continue;
        notes.push({
          text: note.text,
          dimension: note.dimension,
          kind: note.kind,
          ...(note.colourPicked ? { colour: note.colour } : {}),
          author: { id: '', name: note.authorName.trim() || source.title, cluster: note.cluster },
          carriedFrom: { boardId: source.boardId, boardTitle: source.title, noteId: note.id },
          source: carried,
        });
      }
    }
  }
  return notes;
}
