/**
 * How one screen looks at a big board: density, whether non-matches are hidden, which dimensions
 * are collapsed, and the search match that is current. Local to this device (never in the
 * document); density, hiding and collapsed dimensions are remembered per board in localStorage,
 * so a reload keeps the screen as its person left it.
 */
import { useSyncExternalStore } from 'react';
import { DIMENSION_IDS, type DimensionId } from '../../../shared/model/vocabulary';
import { Store } from '../../store';
import { useBoard } from '../context';
import type { UiStore } from '../ui';
import { useUiStore } from '../uiContext';

export type Density = 'comfortable' | 'compact' | 'overview';
export const DENSITIES: readonly Density[] = ['comfortable', 'compact', 'overview'];

export interface OverviewState {
  density: Density;
  hideNonMatches: boolean;
  collapsed: ReadonlySet<DimensionId>;
  /** The search match last jumped to (a note id); it stays current while it still matches. */
  current: string | null;
  /** Increases with every jump, so jumping to the same note again scrolls again. */
  jump: number;
  /** The last jump also moves keyboard focus onto the note. */
  focusMatch: boolean;
}

type Remembered = Pick<OverviewState, 'density' | 'hideNonMatches'> & { collapsed: DimensionId[] };

const storageKey = (boardId: string) => `clusterboard:${boardId}:overview`;

function recall(boardId: string): Partial<OverviewState> {
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(boardId)) ?? '{}') as Partial<Remembered>;
    return {
      ...(DENSITIES.includes(raw.density as Density) ? { density: raw.density as Density } : {}),
      ...(typeof raw.hideNonMatches === 'boolean' ? { hideNonMatches: raw.hideNonMatches } : {}),
      ...(Array.isArray(raw.collapsed) ? { collapsed: new Set(raw.collapsed.filter((d) => (DIMENSION_IDS as readonly string[]).includes(d))) } : {}),
    };
  } catch {
    // Private mode or a stored value from elsewhere: start with the defaults.
    return {};
  }
}

export class OverviewStore extends Store<OverviewState> {
  constructor(private readonly boardId: string) {
    super({
      density: 'comfortable',
      hideNonMatches: false,
      collapsed: new Set(),
      current: null,
      jump: 0,
      focusMatch: false,
      ...recall(boardId),
    });
  }

  update(change: Partial<OverviewState>): void {
    this.set({ ...this.get(), ...change });
    this.remember();
  }

  setCollapsed(dimension: DimensionId, collapsed: boolean): void {
    const next = new Set(this.get().collapsed);
    if (collapsed) next.add(dimension);
    else next.delete(dimension);
    this.update({ collapsed: next });
  }

  jumpTo(noteId: string, focus: boolean): void {
    this.update({ current: noteId, jump: this.get().jump + 1, focusMatch: focus });
  }

  private remember(): void {
    const { density, hideNonMatches, collapsed } = this.get();
    const value: Remembered = { density, hideNonMatches, collapsed: [...collapsed] };
    try {
      localStorage.setItem(storageKey(this.boardId), JSON.stringify(value));
    } catch {
      // Storage full or blocked: the choice holds for this visit only.
    }
  }
}

// One overview store per board screen, alongside its UI store (so nothing else has to provide it).
const stores = new WeakMap<UiStore, OverviewStore>();

export function useOverviewStore(): OverviewStore {
  const ui = useUiStore();
  const { session } = useBoard();
  let store = stores.get(ui);
  if (!store) {
    store = new OverviewStore(session.boardId);
    stores.set(ui, store);
  }
  return store;
}

export function useOverview<T>(select: (state: OverviewState) => T): T {
  const store = useOverviewStore();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
