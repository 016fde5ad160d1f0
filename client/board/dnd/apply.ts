/**
 * Carries out a drop through the named mutations, and describes the result for a screen reader
 * in the page's language: "Note “Weak KPIs” is in Cluster strategy / Challenge, theme
 * “Reporting”, position 3 of 5." Note text, theme titles and dimension names stay as written.
 */
import { kindKey } from '../../../shared/i18n/catalogue';
import type { DimensionId, KindId } from '../../../shared/model/vocabulary';
import type { BoardView, CellView, NoteView } from '../../../shared/view/boardView';
import { t } from '../../i18n/current';
import { quote } from '../quote';
import type { BoardSession } from '../session';
import type { Dragged, DropIntent } from './intent';

function cellOf(view: BoardView, dimension: string, kind: string): CellView | undefined {
  return view.dimensions.find((d) => d.id === dimension)?.cells.find((c) => c.kind === kind);
}

/** The notes shown at a place (a theme, or the cell's ungrouped notes), in order. */
function notesAt(view: BoardView, dimension: string, kind: string, themeId: string | null): NoteView[] {
  const cell = cellOf(view, dimension, kind);
  if (!cell) return [];
  if (themeId === null) return cell.ungrouped;
  return cell.themes.find((theme) => theme.id === themeId)?.notes ?? cell.ungrouped;
}

/**
 * Applies the drop. `moving` is what travels: the dragged note, or the whole selection when the
 * dragged note is part of it. Returns the id of a theme the drop created (to name it next).
 */
export function applyDrop(session: BoardSession, view: BoardView, dragged: Dragged, moving: readonly string[], intent: DropIntent): string | null {
  const { commands } = session;
  if (dragged.type === 'theme') {
    if (intent.type === 'beside-theme') {
      const themes = (cellOf(view, intent.dimension, intent.kind)?.themes ?? []).filter((theme) => theme.id !== dragged.themeId);
      const at = themes.findIndex((theme) => theme.id === intent.themeId);
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
      const theme = target?.themeId ? cellOf(view, intent.dimension, intent.kind)?.themes.find((theme) => theme.id === target.themeId) : undefined;
      if (theme) {
        // Dropped onto a note that is already in a theme: join that theme, right after it.
        const siblings = theme.notes.filter((n) => !moving.includes(n.id));
        const index = siblings.findIndex((n) => n.id === intent.noteId) + 1;
        commands.moveNotes(moving, { dimension: intent.dimension, kind: intent.kind, themeId: theme.id, index });
        return null;
      }
      // Named in the language of the person who made it; they are asked to rename it next.
      return commands.groupNotes([intent.noteId, ...moving], { title: t('board.theme.new'), dimension: intent.dimension, kind: intent.kind });
    }
    case 'beside-theme':
      return null;
  }
}

/** A cell in words: "Cluster strategy / Challenge" (the dimension as the template names it). */
function cellWords(view: BoardView, dimension: DimensionId, kind: KindId): string {
  const label = view.dimensions.find((d) => d.id === dimension)?.label ?? dimension;
  return t('board.place.cell', { dimension: label, kind: t(kindKey(kind)) });
}

/** Where a note is now, in words. */
export function describeNotePlace(view: BoardView, noteId: string): string {
  const note = view.notesById.get(noteId);
  if (!note) return t('board.place.note.gone');
  const dimension = view.dimensions.find((d) => d.id === note.dimension);
  const cell = dimension?.cells.find((c) => c.kind === note.kind);
  const theme = cell?.themes.find((candidate) => candidate.notes.some((n) => n.id === noteId));
  const list = theme?.notes ?? cell?.ungrouped ?? [];
  const position = list.findIndex((n) => n.id === noteId) + 1;
  const place = { note: quote(note.text), cell: cellWords(view, note.dimension, note.kind), position, count: list.length };
  return theme ? t('board.place.note.theme', { ...place, theme: theme.title }) : t('board.place.note', place);
}

export function describeThemePlace(view: BoardView, themeId: string): string {
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      const at = cell.themes.findIndex((candidate) => candidate.id === themeId);
      const theme = cell.themes[at];
      if (theme) {
        const where = cellWords(view, dimension.id, cell.kind);
        return t('board.place.theme', { title: theme.title, cell: where, position: at + 1, count: cell.themes.length });
      }
    }
  }
  return t('board.place.theme.gone');
}

/** What dropping here would do, in words (announced while dragging). */
export function describeIntent(view: BoardView, intent: DropIntent): string {
  const cell = cellWords(view, intent.dimension, intent.kind);
  const themeTitle = (themeId: string) =>
    cellOf(view, intent.dimension, intent.kind)?.themes.find((theme) => theme.id === themeId)?.title ?? t('board.dnd.fallback.theme');
  const noteText = (noteId: string) => {
    const note = view.notesById.get(noteId);
    return note ? quote(note.text) : null;
  };
  switch (intent.type) {
    case 'append-cell':
      return t('board.dnd.over.cell', { cell });
    case 'append-theme':
      return t('board.dnd.over.theme', { cell, title: themeTitle(intent.themeId) });
    case 'beside-note': {
      const note = noteText(intent.noteId) ?? t('board.dnd.fallback.beside');
      return t(intent.side === 'before' ? 'board.dnd.over.note.before' : 'board.dnd.over.note.after', { cell, note });
    }
    case 'group':
      return t('board.dnd.over.note', { cell, note: noteText(intent.noteId) ?? t('board.dnd.fallback.group') });
    case 'beside-theme': {
      const title = themeTitle(intent.themeId);
      return t(intent.side === 'before' ? 'board.dnd.over.theme.before' : 'board.dnd.over.theme.after', { cell, title });
    }
  }
}
