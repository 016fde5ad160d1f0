/**
 * The presenter view fits the whole board on one screen: the largest text scale (in steps, from
 * 1 down to MIN_SCALE) at which no cell's notes overflow it. Measured on the real layout, since
 * how much fits depends on the texts and the screen.
 */
export const MIN_SCALE = 0.7;
const STEP = 0.05;

function overflowing(cells: Iterable<HTMLElement>): boolean {
  for (const cell of cells) if (cell.scrollHeight > cell.clientHeight + 1) return true;
  return false;
}

/** Sets `--presenter-scale` on `root` to the largest scale at which its `.presenter-cell`s fit. */
export function fitScale(root: HTMLElement): number {
  const cells = [...root.querySelectorAll<HTMLElement>('.presenter-cell-notes')];
  let scale = 1;
  root.style.setProperty('--presenter-scale', String(scale));
  // Each read of scrollHeight lays out again with the new scale: a handful of steps at most.
  while (scale - STEP >= MIN_SCALE - 1e-9 && overflowing(cells)) {
    scale = Math.round((scale - STEP) * 100) / 100;
    root.style.setProperty('--presenter-scale', String(scale));
  }
  return scale;
}
