/**
 * Carries out a drop through the named mutations, and describes the result for a screen reader:
 * "Note “Weak KPIs” moved to Cluster strategy / Challenge, theme “Reporting”, position 3 of 5."
 */
import { kindLabel } from '../../../shared/model/vocabulary';
import type { BoardView, CellView, NoteView } from '../../../shared/view/boardView';
import { quote } from '../quote';
import type { BoardSession } from '../session';
import type { Dragged, DropIntent } from './intent';

export const NEW_THEME_TITLE = 'New theme';

function cellOf(view: BoardView, dimension: string, kind: string): CellView | undefined {
  return view.dimensions.find((d) => d.id === dimension)?.cells.find((c) => c.kind === kind);
}

/** The notes shown at a place (a theme, or the cell's ungrouped notes), in order. */
function notesAt(view: BoardView, dimension: string, kind: string, themeId: string | null): NoteView[] {
  const cell = cellOf(view, dimension, kind);
  if (!cell) return [];
  if (themeId === null) return cell.ungrouped;
  return cell.themes.find((t) => t.id === themeId)?.notes ?? cell.ungrouped;
}

/**
 * Applies the drop. `moving` is what travels: the dragged note, or the whole selection when the
 * dragged note is part of it. Returns the id of a theme the drop created (to name it next).
 */
export function applyDrop(session: BoardSession, view: BoardView, dragged: Dragged, moving: readonly string[], intent: DropIntent): string | null {
  const { commands } = session;
  if (dragged.type === 'theme') {
    if (intent.type === 'beside-theme') {
      const themes = (cellOf(view, intent.dimension, intent.kind)?.themes ?? []).filter((t) => t.id !== dragged.themeId);
      const at = themes.findIndex((t) => t.id === intent.themeId);
      commands.moveTheme(dragged.themeId, { dimension: intent.dimension, kind: intent.kind, index: intent.side === 'before' ? at : at + 1 });
    } else {
      commands.moveTheme(dragged.themeId, { dimension: intent.dimension, kind: intent.kind });
    }
    return null;
  }
  switch (intent.type) {
    case 'append-cell':
      commands.moveNotes(moving, { dimension: intent.dimension, kind: intent.kind, themeId: null });
      return null;
    case 'append-theme':
      commands.moveNotes(moving, { dimension: intent.dimension, kind: intent.kind, themeId: intent.themeId });
      return null;
    case 'beside-note': {
      const siblings = notesAt(view, intent.dimension, intent.kind, intent.themeId).filter((n) => !moving.includes(n.id));
      const at = siblings.findIndex((n) => n.id === intent.noteId);
      const index = at < 0 ? siblings.length : intent.side === 'before' ? at : at + 1;
      commands.moveNotes(moving, { dimension: intent.dimension, kind: intent.kind, themeId: intent.themeId, index });
      return null;
    }
    case 'group': {
      const target = view.notesById.get(intent.noteId);
      const theme = target?.themeId ? cellOf(view, intent.dimension, intent.kind)?.themes.find((t) => t.id === target.themeId) : undefined;
      if (theme) {
        // Dropped onto a note that is already in a theme: join that theme, right after it.
        const siblings = theme.notes.filter((n) => !moving.includes(n.id));
        const index = siblings.findIndex((n) => n.id === intent.noteId) + 1;
        commands.moveNotes(moving, { dimension: intent.dimension, kind: intent.kind, themeId: theme.id, index });
        return null;
      }
      return commands.groupNotes([intent.noteId, ...moving], { title: NEW_THEME_TITLE, dimension: intent.dimension, kind: intent.kind });
    }
    case 'beside-theme':
      return null;
  }
}

/** Where a note is now, in words. */
export function describeNotePlace(view: BoardView, noteId: string): string {
  const note = view.notesById.get(noteId);
  if (!note) return 'The note is no longer on the board.';
  const dimension = view.dimensions.find((d) => d.id === note.dimension);
  const cell = dimension?.cells.find((c) => c.kind === note.kind);
  const theme = cell?.themes.find((t) => t.notes.some((n) => n.id === noteId));
  const list = theme?.notes ?? cell?.ungrouped ?? [];
  const position = list.findIndex((n) => n.id === noteId) + 1;
  const where = `${dimension?.label ?? note.dimension} / ${kindLabel(note.kind)}`;
  return `Note ${quote(note.text)} is in ${where}${theme ? `, theme “${theme.title}”` : ''}, position ${position} of ${list.length}.`;
}

export function describeThemePlace(view: BoardView, themeId: string): string {
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      const at = cell.themes.findIndex((t) => t.id === themeId);
      const theme = cell.themes[at];
      if (theme) {
        return `Theme “${theme.title}” is in ${dimension.label} / ${kindLabel(cell.kind)}, position ${at + 1} of ${cell.themes.length}.`;
      }
    }
  }
  return 'The theme is no longer on the board.';
}

/** What dropping here would do, in words (announced while dragging). */
export function describeIntent(view: BoardView, intent: DropIntent): string {
  const dimension = view.dimensions.find((d) => d.id === intent.dimension)?.label ?? intent.dimension;
  const cell = `${dimension} / ${kindLabel(intent.kind)}`;
  switch (intent.type) {
    case 'append-cell':
      return `Over ${cell}: drop to put it at the end.`;
    case 'append-theme': {
      const title = cellOf(view, intent.dimension, intent.kind)?.themes.find((t) => t.id === intent.themeId)?.title ?? 'theme';
      return `Over theme “${title}” in ${cell}: drop to add it to the theme.`;
    }
    case 'beside-note': {
      const note = view.notesById.get(intent.noteId);
      return `In ${cell}: drop to place it ${intent.side} ${note ? quote(note.text) : 'that note'}.`;
    }
    case 'group': {
      const note = view.notesById.get(intent.noteId);
      return `Over ${note ? quote(note.text) : 'a note'} in ${cell}: drop to group them as a theme.`;
    }
    case 'beside-theme': {
      const title = cellOf(view, intent.dimension, intent.kind)?.themes.find((t) => t.id === intent.themeId)?.title ?? 'theme';
      return `In ${cell}: drop to place the theme ${intent.side} “${title}”.`;
    }
  }
}
