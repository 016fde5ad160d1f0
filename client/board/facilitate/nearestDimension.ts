/**
 * The dimension whose board row is nearest the top of the facilitator's screen: what they are
 * most likely talking about, so "Bring everyone here" needs no choosing in the usual case.
 * Rows are `section.dimension-row` with `aria-labelledby="dimension-<id>"`; a row may be
 * `display: contents` (no box of its own), so its extent is the union of its children's boxes.
 */
import { DIMENSION_IDS, type DimensionId } from '../../../shared/model/vocabulary';

function isDimensionId(value: string): value is DimensionId {
  return (DIMENSION_IDS as readonly string[]).includes(value);
}

function extent(row: Element): { top: number; bottom: number } | null {
  const boxes = [row, ...row.children].map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0);
  if (boxes.length === 0) return null;
  return { top: Math.min(...boxes.map((r) => r.top)), bottom: Math.max(...boxes.map((r) => r.bottom)) };
}

export function nearestDimension(): DimensionId | null {
  // The sticky header covers the top of the page: "the top" is just below it.
  const line = document.querySelector('.board-header')?.getBoundingClientRect().bottom ?? 0;
  let best: { id: DimensionId; distance: number } | null = null;
  for (const row of document.querySelectorAll('section.dimension-row')) {
    const id = row.getAttribute('aria-labelledby')?.replace(/^dimension-/, '') ?? '';
    const box = extent(row);
    if (!isDimensionId(id) || !box) continue;
    const distance = box.top <= line && box.bottom > line ? 0 : Math.abs(box.top - line);
    if (!best || distance < best.distance) best = { id, distance };
  }
  return best?.id ?? null;
}

/** For useSyncExternalStore: any scroll (the page or a scrolling board) or resize may change it. */
export function subscribeToScroll(onChange: () => void): () => void {
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  };
  window.addEventListener('scroll', schedule, { capture: true, passive: true });
  window.addEventListener('resize', schedule);
  return () => {
    cancelAnimationFrame(frame);
    window.removeEventListener('scroll', schedule, { capture: true });
    window.removeEventListener('resize', schedule);
  };
}
