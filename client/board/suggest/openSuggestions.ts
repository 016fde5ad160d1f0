import type { UiStore } from '../ui';
import type { SuggestView } from '../ui';

/** Opens the Suggestions panel on a tab (and, for themes, a cell or the whole board). */
export function openSuggestions(ui: UiStore, view: SuggestView): void {
  ui.update(() => ({ suggest: view, dock: 'suggestions' }));
}
