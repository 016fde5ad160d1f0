import { createContext, useContext, useSyncExternalStore } from 'react';
import type { UiState, UiStore } from './ui';

export const UiContext = createContext<UiStore | null>(null);

export function useUiStore(): UiStore {
  const store = useContext(UiContext);
  if (!store) throw new Error('useUiStore is used outside a board.');
  return store;
}

/** Subscribes to one slice of the local UI state; `select` must return a stable value. */
export function useUi<T>(select: (state: UiState) => T): T {
  const store = useUiStore();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
