/**
 * What a drop would do, decided from geometry alone (pure, so pointer, touch and keyboard drags
 * share one rule, and it can be tested without a browser).
 *
 * Droppables: cells, themes and notes. The most specific droppable under the point wins (a note
 * inside a theme inside a cell). Over a note, the top 30% means "before it", the bottom 30%
 * "after it", the middle "group with it" (a new theme of the two).
 */
import type { DimensionId, KindId } from '../../../shared/model/vocabulary';

export type DropTarget =
  | { type: 'cell'; dimension: DimensionId; kind: KindId }
  | { type: 'theme'; themeId: string; dimension: DimensionId; kind: KindId }
  | { type: 'note'; noteId: string; themeId: string | null; dimension: DimensionId; kind: KindId };

export type Dragged = { type: 'note'; noteId: string } | { type: 'theme'; themeId: string };

export type DropIntent =
  | { type: 'append-cell'; dimension: DimensionId; kind: KindId }
  | { type: 'append-theme'; themeId: string; dimension: DimensionId; kind: KindId }
  | { type: 'beside-note'; side: 'before' | 'after'; noteId: string; themeId: string | null; dimension: DimensionId; kind: KindId }
  | { type: 'group'; noteId: string; dimension: DimensionId; kind: KindId }
  | { type: 'beside-theme'; side: 'before' | 'after'; themeId: string; dimension: DimensionId; kind: KindId };

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Candidate {
  id: string;
  rect: Rect;
  target: DropTarget;
}

function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.left && point.x <= rect.left + rect.width && point.y >= rect.top && point.y <= rect.top + rect.height;
}

/**
 * A droppable the dragged item never lands on: a note itself; for a theme, itself and every note
 * (a theme goes beside another theme or into a cell, so the theme or cell under the notes wins).
 */
function isSelf(dragged: Dragged, target: DropTarget): boolean {
  if (dragged.type === 'note') return target.type === 'note' && target.noteId === dragged.noteId;
  return target.type === 'note' || (target.type === 'theme' && target.themeId === dragged.themeId);
}

/** The most specific droppable containing the point (smallest area), or null. */
export function droppableAt(candidates: readonly Candidate[], point: Point, dragged: Dragged): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (isSelf(dragged, candidate.target) || !contains(candidate.rect, point)) continue;
    if (!best || candidate.rect.width * candidate.rect.height < best.rect.width * best.rect.height) best = candidate;
  }
  return best;
}

export function intentFor(dragged: Dragged, over: Candidate, point: Point): DropIntent {
  const { target, rect } = over;
  const fraction = rect.height > 0 ? (point.y - rect.top) / rect.height : 0.5;
  const { dimension, kind } = target;
  if (dragged.type === 'theme') {
    if (target.type === 'theme') {
      return { type: 'beside-theme', side: fraction < 0.5 ? 'before' : 'after', themeId: target.themeId, dimension, kind };
    }
    return { type: 'append-cell', dimension, kind };
  }
  switch (target.type) {
    case 'cell':
      return { type: 'append-cell', dimension, kind };
    case 'theme':
      return { type: 'append-theme', themeId: target.themeId, dimension, kind };
    case 'note':
      if (fraction < 0.3 || fraction > 0.7) {
        return { type: 'beside-note', side: fraction < 0.3 ? 'before' : 'after', noteId: target.noteId, themeId: target.themeId, dimension, kind };
      }
      return { type: 'group', noteId: target.noteId, dimension, kind };
  }
}

/** Points a keyboard drag can stop at: for each note "before" and "group", for themes and cells "append". */
export function keyboardStops(candidates: readonly Candidate[], dragged: Dragged): Point[] {
  const stops: Point[] = [];
  for (const { rect, target } of candidates) {
    if (isSelf(dragged, target)) continue;
    const x = rect.left + rect.width / 2;
    switch (target.type) {
      case 'note':
        if (dragged.type === 'note') {
          stops.push({ x, y: rect.top + rect.height * 0.15 }, { x, y: rect.top + rect.height / 2 });
        }
        break;
      case 'theme':
        stops.push({ x, y: rect.top + Math.min(12, rect.height * 0.2) });
        break;
      case 'cell':
        stops.push({ x, y: rect.top + rect.height - Math.min(4, rect.height * 0.05) });
        break;
    }
  }
  return stops;
}

/** The x-range of the grid column holding `point`, from the cells' rects. */
function columnAt(cells: readonly Rect[], x: number): { left: number; right: number } | null {
  const cell = cells.find((c) => x >= c.left && x <= c.left + c.width);
  return cell ? { left: cell.left, right: cell.left + cell.width } : null;
}

/**
 * The next keyboard stop from `from` in a direction: up/down stay in the grid column of `from`,
 * left/right go to the nearest column on that side, at the nearest height. Columns come from the
 * cells' rects, so an overlay narrower or wider than the card does not confuse them.
 */
export function nextStop(stops: readonly Point[], cells: readonly Rect[], from: Point, direction: 'up' | 'down' | 'left' | 'right'): Point | null {
  const column = columnAt(cells, from.x) ?? { left: from.x - 1, right: from.x + 1 };
  const inColumn = (p: Point, c: { left: number; right: number }) => p.x >= c.left && p.x <= c.right;
  if (direction === 'up' || direction === 'down') {
    const ahead = stops.filter((s) => inColumn(s, column) && (direction === 'down' ? s.y > from.y + 1 : s.y < from.y - 1));
    ahead.sort((a, b) => (direction === 'down' ? a.y - b.y : b.y - a.y));
    return ahead[0] ?? null;
  }
  const side = stops.filter((s) => (direction === 'right' ? s.x > column.right : s.x < column.left));
  if (side.length === 0) return null;
  const nearest = side.reduce((best, s) => (Math.abs(s.x - from.x) < Math.abs(best.x - from.x) ? s : best));
  const target = columnAt(cells, nearest.x) ?? { left: nearest.x - 1, right: nearest.x + 1 };
  const candidates = side.filter((s) => inColumn(s, target));
  candidates.sort((a, b) => Math.abs(a.y - from.y) - Math.abs(b.y - from.y));
  return candidates[0] ?? null;
}
