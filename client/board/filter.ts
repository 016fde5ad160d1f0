import type { NoteView } from '../../shared/view/boardView';
import type { Filter } from './ui';

export function isFilterActive(filter: Filter): boolean {
  return filter.text.trim() !== '' || filter.cluster !== null || filter.author !== null || filter.kind !== null || filter.dimension !== null;
}

/**
 * Whether a note passes the filter. Notes that do not are dimmed, never hidden: the filter is one
 * person's lens and must not make notes disappear from the board they share.
 */
export function matchesFilter(note: NoteView, filter: Filter): boolean {
  const text = filter.text.trim().toLowerCase();
  if (text && !note.text.toLowerCase().includes(text) && !note.byline.toLowerCase().includes(text)) return false;
  if (filter.cluster !== null && (note.cluster ?? '') !== filter.cluster) return false;
  if (filter.author !== null && note.authorId !== filter.author) return false;
  if (filter.kind !== null && note.kind !== filter.kind) return false;
  if (filter.dimension !== null && note.dimension !== filter.dimension) return false;
  return true;
}
