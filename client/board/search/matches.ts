/**
 * Which notes the search and filters find, in board order (dimension, kind, themes, then loose
 * notes): what "3 of 17", next/previous and "Hide non-matches" work on. Pure, so it is tested
 * without a browser.
 */
import type { DimensionId } from '../../../shared/model/vocabulary';
import type { BoardView, NoteView } from '../../../shared/view/boardView';
import { isFilterActive, matchesFilter } from '../filter';
import type { Filter } from '../ui';

export interface Matches {
  /** Whether anything narrows the board at all (no search and no filter: everything, no count). */
  active: boolean;
  /** Matching note ids in board order. */
  ids: readonly string[];
  /** Cells (`dimension/kind`) and dimensions holding at least one match. */
  cells: ReadonlySet<string>;
  dimensions: ReadonlySet<DimensionId>;
}

/** The search and filters narrow the board; "Highlight my notes" narrows it to this person's notes. */
export function isNarrowing(filter: Filter): boolean {
  return isFilterActive(filter) || filter.mine;
}

export function noteMatches(note: NoteView, filter: Filter, myId: string): boolean {
  return matchesFilter(note, filter) && (!filter.mine || note.authorId === myId);
}

export function findMatches(view: BoardView, filter: Filter, myId: string): Matches {
  const ids: string[] = [];
  const cells = new Set<string>();
  const dimensions = new Set<DimensionId>();
  if (!isNarrowing(filter)) return { active: false, ids, cells, dimensions };
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      const before = ids.length;
      for (const theme of cell.themes) for (const note of theme.notes) if (noteMatches(note, filter, myId)) ids.push(note.id);
      for (const note of cell.ungrouped) if (noteMatches(note, filter, myId)) ids.push(note.id);
      if (ids.length > before) {
        cells.add(`${dimension.id}/${cell.kind}`);
        dimensions.add(dimension.id);
      }
    }
  }
  return { active: true, ids, cells, dimensions };
}

/**
 * The match after (`step` 1) or before (-1) the current one, wrapping around. With no current
 * match (or one that no longer matches), forward starts at the first and backward at the last.
 */
export function stepMatch(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null);
  return ids[(at + step + ids.length) % ids.length] ?? null;
}
