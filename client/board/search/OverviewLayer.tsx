/**
 * What the overview settings do to the grid: its density and hiding classes, the rules that hide
 * cells and dimensions without a match, the mark on the current match, and scrolling to it.
 * Rendered inside the grid; the rules are generated (a handful of selectors) so the cards
 * themselves need to know nothing about search.
 */
import './search.css';
import { useEffect, useState } from 'react';
import { DIMENSION_IDS, KIND_IDS } from '../../../shared/model/vocabulary';
import { useUi } from '../uiContext';
import type { Matches } from './matches';
import { useOverview, useOverviewStore } from './overview';
import { useMatches } from './useMatches';

/** The grid's classes for this screen's density and hiding. */
export function useOverviewClass(): string {
  const density = useOverview((s) => s.density);
  const hiding = useOverview((s) => s.hideNonMatches);
  const mine = useUi((s) => s.filter.mine);
  return [`density-${density}`, hiding && 'hiding', hiding && mine && 'only-mine'].filter(Boolean).join(' ');
}

export function OverviewLayer() {
  const matches = useMatches();
  const hiding = useOverview((s) => s.hideNonMatches);
  const current = useOverview((s) => s.current);
  const jump = useOverview((s) => s.jump);
  const store = useOverviewStore();

  useEffect(() => {
    if (jump === 0) return;
    const { current: noteId, focusMatch } = store.get();
    if (noteId === null) return;
    // After the render that opened the note's dimension or theme. Cards near the viewport become
    // complete (taller) once scrolled to (nearViewport.ts), which moves the note: scroll again
    // until it stays put for a few frames.
    let frame = 0;
    let still = 0;
    let frames = 0;
    const settle = () => {
      const card = document.querySelector<HTMLElement>(`.board-grid [data-note-id="${CSS.escape(noteId)}"]`);
      if (!card) return;
      if (frames === 0 && focusMatch) card.querySelector<HTMLElement>('.note-text')?.focus({ preventScroll: true });
      still = scrollBelowStickyHeader(card) ? 0 : still + 1;
      if (still < 5 && ++frames < 90) frame = requestAnimationFrame(settle);
    };
    frame = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(frame);
  }, [jump, store]);

  const rules = [hiding && matches.active ? hidingRules(matches) : '', current && matches.ids.includes(current) ? currentRule(current) : ''].join(
    '\n',
  );
  useScreenRules(rules);
  return null;
}

/**
 * Applies generated rules through a constructed style sheet: the page's Content-Security-Policy
 * (style-src 'self') refuses inline <style> elements, but not style sheets built with the CSSOM.
 */
function useScreenRules(rules: string): void {
  const [sheet] = useState(() => new CSSStyleSheet());
  useEffect(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [sheet]);
  useEffect(() => sheet.replaceSync(rules), [sheet, rules]);
}

/** Cells without a match keep their place in the grid (so columns stay aligned) but show nothing. */
function hidingRules(matches: Matches): string {
  const rules: string[] = [];
  for (const dimension of DIMENSION_IDS) {
    if (!matches.dimensions.has(dimension)) rules.push(`.board-grid.hiding .dimension-row[data-dimension="${dimension}"] { display: none; }`);
    for (const kind of KIND_IDS) {
      const cell = `${dimension}/${kind}`;
      if (matches.cells.has(cell)) continue;
      rules.push(`.board-grid.hiding [data-cell="${cell}"] { display: var(--no-match-cell-display); }`);
      rules.push(`.board-grid.hiding [data-cell="${cell}"] > :not(.cell-label) { display: none; }`);
    }
  }
  return rules.join('\n');
}

function currentRule(noteId: string): string {
  return `.board-grid .note[data-note-id="${CSS.escape(noteId)}"] { outline: 4px solid var(--current-match) !important; outline-offset: 3px; scroll-margin-top: var(--header-height, 0px); }`;
}

/**
 * Scrolls so the card sits just below the sticky header and column headings, not under them.
 * Returns whether it had to move.
 */
function scrollBelowStickyHeader(card: HTMLElement): boolean {
  let covered = 0;
  for (const sticky of document.querySelectorAll<HTMLElement>('.board-header, .board-grid .kind-heading')) {
    const box = sticky.getBoundingClientRect();
    if (box.height > 0 && getComputedStyle(sticky).position === 'sticky') covered = Math.max(covered, stickyBottom(sticky));
  }
  const top = Math.max(0, card.getBoundingClientRect().top + window.scrollY - covered - 16);
  if (Math.abs(top - window.scrollY) < 2) return false;
  window.scrollTo({ top, behavior: 'instant' });
  return true;
}

/** Where a sticky element's bottom sits once stuck (its `top` plus its height). */
function stickyBottom(element: HTMLElement): number {
  const top = parseFloat(getComputedStyle(element).top) || 0;
  return top + element.getBoundingClientRect().height;
}
