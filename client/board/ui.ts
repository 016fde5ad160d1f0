/**
 * Local UI state of one board screen: selection, filter, collapsed themes, which view is shown.
 * Never shared, never stored in the document. A tiny external store so components can subscribe
 * to just the slice they need.
 */
import type { DimensionId, KindId } from '../../shared/model/vocabulary';
import type { BoardView } from '../../shared/view/boardView';
import { Store } from '../store';

export interface Filter {
  text: string;
  cluster: string | null;
  author: string | null;
  kind: KindId | null;
  dimension: DimensionId | null;
  /** Highlight the notes this person wrote. */
  mine: boolean;
}

export const NO_FILTER: Filter = { text: '', cluster: null, author: null, kind: null, dimension: null, mine: false };

export interface UiState {
  /** 'write' is the phone's Write view (phone/WriteView.tsx); wider screens show the grid instead. */
  view: 'grid' | 'outline' | 'write';
  selection: ReadonlySet<string>;
  filter: Filter;
  collapsed: ReadonlySet<string>;
  /** A note to bring into view and flash (after following a link). */
  flash: { noteId: string; at: number } | null;
  /** A theme whose title is being edited (a theme a drop just created asks for its name). */
  renaming: string | null;
  /** The note this person is typing in (grid view); it survives the card being rebuilt. */
  editing: string | null;
  /** The need whose "Link good practices" dialog is open. */
  linking: string | null;
  /** The panel docked beside the board (one at a time), or null. */
  dock: DockPanelId | null;
  /** [SU5, SU7] What the Suggestions panel shows: proposed themes (for a cell or the board) or matchmaking. */
  suggest: SuggestView;
}

export type DockPanelId = 'facilitator' | 'people' | 'engagement' | 'suggestions' | 'report';

export interface SuggestView {
  tab: 'themes' | 'tandems';
  /** The cell proposals are asked for; null for the whole board. */
  cell: { dimension: DimensionId; kind: KindId } | null;
}

export class UiStore extends Store<UiState> {
  constructor() {
    super({
      view: 'grid',
      selection: new Set(),
      filter: NO_FILTER,
      collapsed: new Set(),
      flash: null,
      renaming: null,
      editing: null,
      linking: null,
      dock: null,
      suggest: { tab: 'themes', cell: null },
    });
  }

  update(change: (state: UiState) => Partial<UiState>): void {
    const state = this.get();
    this.set({ ...state, ...change(state) });
  }

  toggleSelected(noteId: string): void {
    this.update(({ selection }) => {
      const next = new Set(selection);
      if (!next.delete(noteId)) next.add(noteId);
      return { selection: next };
    });
  }

  clearSelection(): void {
    if (this.get().selection.size > 0) this.update(() => ({ selection: new Set() }));
  }

  toggleCollapsed(themeId: string): void {
    this.update(({ collapsed }) => {
      const next = new Set(collapsed);
      if (!next.delete(themeId)) next.add(themeId);
      return { collapsed: next };
    });
  }

  setFilter(change: Partial<Filter>): void {
    this.update(({ filter }) => ({ filter: { ...filter, ...change } }));
  }

  flashNote(noteId: string): void {
    this.update(() => ({ flash: { noteId, at: Date.now() } }));
  }
}

/**
 * The selected notes that still exist, in board order (dimension, kind, theme, position): what a
 * drag, "Move to…" or "Group" acts on. Notes deleted by someone else drop out.
 */
export function liveSelection(selection: ReadonlySet<string>, view: BoardView): string[] {
  if (selection.size === 0) return [];
  const ordered: string[] = [];
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      for (const theme of cell.themes) for (const note of theme.notes) if (selection.has(note.id)) ordered.push(note.id);
      for (const note of cell.ungrouped) if (selection.has(note.id)) ordered.push(note.id);
    }
  }
  return ordered;
}
