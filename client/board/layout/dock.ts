/**
 * Which panel is docked beside the board: one at a time, so the board keeps most of the width.
 * Opening another panel replaces the one shown; each panel gives focus back to its opener.
 * The state is the screen's local UI state (`UiState.dock`).
 */
import type { DockPanelId } from '../ui';
import { useUi, useUiStore } from '../uiContext';

export type { DockPanelId };

export interface Dock {
  panel: DockPanelId | null;
  toggle(panel: DockPanelId): void;
  open(panel: DockPanelId): void;
  close(): void;
}

export function useDock(): Dock {
  const ui = useUiStore();
  const panel = useUi((s) => s.dock);
  return {
    panel,
    toggle: (next) => ui.update(({ dock }) => ({ dock: dock === next ? null : next })),
    open: (next) => ui.update(() => ({ dock: next })),
    close: () => ui.update(() => ({ dock: null })),
  };
}
