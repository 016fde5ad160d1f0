/**
 * Moving a screen to one dimension ("Bring everyone here", a run-sheet step's focus). The grid's
 * row is `display: contents` (no box to scroll to), so the target is the dimension's heading block;
 * in the outline it is the dimension's tree row; in the presenter view, the row marked
 * `data-follow-anchor`. The heading lands just below whatever sticks to the top of the screen
 * (the header, a sticky toolbar, the grid's column headings), then glows briefly.
 */
import './follow.css';
import type { DimensionId } from '../../../shared/model/vocabulary';

function hasBox(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.getClientRects().length > 0;
}

/** The element that stands for `dimension` on this screen, whichever view is shown. */
export function dimensionAnchor(dimension: DimensionId): HTMLElement | null {
  const marked = document.querySelector(`[data-follow-anchor="${CSS.escape(dimension)}"]`);
  if (hasBox(marked)) return marked;
  const heading = document.getElementById(`dimension-${dimension}`);
  const block = heading?.closest('.dimension-heading') ?? heading ?? null;
  if (hasBox(block)) return block;
  const outlineRow = document.querySelector(`[data-key="d:${CSS.escape(dimension)}"]`);
  return hasBox(outlineRow) ? outlineRow : null;
}

/** The things that stay at the top of the screen while the page scrolls. */
const STICKY_AT_TOP = ['.board-header', '.toolbar', '.kind-heading'];

/** How far down from the top of the viewport the page is covered once scrolled. */
export function coveredTop(): number {
  let bottom = 0;
  for (const element of document.querySelectorAll<HTMLElement>(STICKY_AT_TOP.join(','))) {
    const style = getComputedStyle(element);
    if (style.display === 'none' || (style.position !== 'sticky' && style.position !== 'fixed')) continue;
    const top = Number.parseFloat(style.top);
    bottom = Math.max(bottom, (Number.isFinite(top) ? top : 0) + element.getBoundingClientRect().height);
  }
  return bottom;
}

const GAP = 8;

function targetTop(anchor: HTMLElement): number {
  return Math.max(0, window.scrollY + anchor.getBoundingClientRect().top - coveredTop() - GAP);
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

const HIGHLIGHT = 'follow-highlight';
const HIGHLIGHT_MS = 2600;

function highlight(anchor: HTMLElement): void {
  // In the grid the heading's row (its cells) glows with it.
  const row = anchor.closest('section.dimension-row');
  const targets = row ? [anchor, ...row.querySelectorAll<HTMLElement>(':scope > .cell')] : [anchor];
  for (const target of targets) {
    target.classList.remove(HIGHLIGHT);
    // Restart the animation when the same dimension is called twice in a row.
    void target.offsetWidth;
    target.classList.add(HIGHLIGHT);
  }
  setTimeout(() => targets.forEach((target) => target.classList.remove(HIGHLIGHT)), HIGHLIGHT_MS);
}

/** How long after the scroll the heading is held in place while the cards around it settle. */
const SETTLE_MS = 1200;

/**
 * Scrolls the page so `dimension`'s heading sits just below the sticky header, and highlights it.
 * Returns false when this screen shows no such dimension. Cards change height as they come near
 * the screen (their drag handles and menus render then), so the heading can drift after the
 * scroll ends: it is held in place for a moment, unless the person scrolls themselves.
 */
export function scrollToDimension(dimension: DimensionId): boolean {
  const anchor = dimensionAnchor(dimension);
  if (!anchor) return false;
  const smooth = !reducedMotion();
  window.scrollTo({ top: targetTop(anchor), behavior: smooth ? 'smooth' : 'instant' });
  highlight(anchor);
  holdInPlace(dimension, smooth);
  return true;
}

function holdInPlace(dimension: DimensionId, smooth: boolean): void {
  let stopped = false;
  const personScrolls = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const stop = () => {
    stopped = true;
    for (const type of personScrolls) window.removeEventListener(type, stop, true);
    window.removeEventListener('scrollend', settle);
  };
  for (const type of personScrolls) window.addEventListener(type, stop, { capture: true, passive: true });
  let settling = false;
  function settle() {
    if (stopped || settling) return;
    settling = true;
    const until = performance.now() + SETTLE_MS;
    const step = () => {
      if (stopped) return;
      const again = dimensionAnchor(dimension);
      if (again && Math.abs(window.scrollY - targetTop(again)) > 2) window.scrollTo({ top: targetTop(again), behavior: 'instant' });
      if (performance.now() < until) requestAnimationFrame(step);
      else stop();
    };
    step();
  }
  if (!smooth) return settle();
  window.addEventListener('scrollend', settle);
  // Where `scrollend` is not fired (an older browser, or no scroll was needed), settle anyway.
  setTimeout(settle, 1500);
}
