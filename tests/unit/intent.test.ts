import { describe, expect, it } from 'vitest';
import { type Candidate, droppableAt, intentFor, keyboardStops, nextStop } from '../../client/board/dnd/intent';

const cellA: Candidate = {
  id: 'cell:a',
  rect: { left: 0, top: 0, width: 100, height: 300 },
  target: { type: 'cell', dimension: 'structure', kind: 'challenge' },
};
const cellB: Candidate = {
  id: 'cell:b',
  rect: { left: 120, top: 0, width: 100, height: 300 },
  target: { type: 'cell', dimension: 'structure', kind: 'need' },
};
const theme: Candidate = {
  id: 'theme:t',
  rect: { left: 5, top: 10, width: 90, height: 120 },
  target: { type: 'theme', themeId: 't', dimension: 'structure', kind: 'challenge' },
};
const noteInTheme: Candidate = {
  id: 'note:n',
  rect: { left: 10, top: 40, width: 80, height: 50 },
  target: { type: 'note', noteId: 'n', themeId: 't', dimension: 'structure', kind: 'challenge' },
};
const loose: Candidate = {
  id: 'note:m',
  rect: { left: 10, top: 150, width: 80, height: 50 },
  target: { type: 'note', noteId: 'm', themeId: null, dimension: 'structure', kind: 'challenge' },
};
const all = [cellA, cellB, theme, noteInTheme, loose];
const dragM = { type: 'note', noteId: 'm' } as const;
const dragT = { type: 'theme', themeId: 't' } as const;

describe('drop intent', () => {
  it('picks the most specific droppable under the point, never the dragged note itself', () => {
    expect(droppableAt(all, { x: 50, y: 60 }, dragM)?.id).toBe('note:n');
    expect(droppableAt(all, { x: 50, y: 20 }, dragM)?.id).toBe('theme:t');
    expect(droppableAt(all, { x: 50, y: 170 }, dragM)?.id).toBe('cell:a');
    expect(droppableAt(all, { x: 110, y: 170 }, dragM)).toBeNull();
  });

  it('over a note: top third before it, bottom third after it, the middle groups', () => {
    expect(intentFor(dragM, noteInTheme, { x: 50, y: 42 })).toMatchObject({ type: 'beside-note', side: 'before', noteId: 'n', themeId: 't' });
    expect(intentFor(dragM, noteInTheme, { x: 50, y: 88 })).toMatchObject({ type: 'beside-note', side: 'after' });
    expect(intentFor(dragM, noteInTheme, { x: 50, y: 65 })).toMatchObject({ type: 'group', noteId: 'n' });
    expect(intentFor(dragM, theme, { x: 50, y: 20 })).toMatchObject({ type: 'append-theme', themeId: 't' });
    expect(intentFor(dragM, cellB, { x: 150, y: 20 })).toMatchObject({ type: 'append-cell', kind: 'need' });
  });

  it('a dragged theme passes over notes to the theme or cell beneath, never lands in itself', () => {
    expect(droppableAt(all, { x: 50, y: 170 }, dragT)?.id).toBe('cell:a');
    expect(droppableAt(all, { x: 50, y: 60 }, dragT)?.id).toBe('cell:a');
    expect(intentFor(dragT, cellB, { x: 150, y: 20 })).toMatchObject({ type: 'append-cell', kind: 'need' });
  });

  it('keyboard stops: down stays in the column, right goes to the next column at the nearest height', () => {
    const stops = keyboardStops(all, dragM);
    const cells = [cellA.rect, cellB.rect];
    const start = { x: 50, y: 20 };
    const down = nextStop(stops, cells, start, 'down');
    expect(down && down.x).toBe(50);
    expect(down && down.y).toBeGreaterThan(20);
    const right = nextStop(stops, cells, start, 'right');
    expect(right && right.x).toBe(170);
    expect(nextStop(stops, cells, { x: 170, y: 296 }, 'right')).toBeNull();
  });
});
