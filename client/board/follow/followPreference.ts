/**
 * Whether this browser follows the facilitator ("Bring everyone here", a step's focus). On by
 * default; turning it off is remembered per browser (not per board: it is about how this person
 * likes to work), and every open board in the tab sees the change at once.
 */
import { useSyncExternalStore } from 'react';
import { Listeners } from '../../store';

const KEY = 'clusterboard:follow-facilitator';
const listeners = new Listeners();
/** The choice when this browser has no storage (private modes that refuse it). */
let memory: boolean | null = null;

export function followsFacilitator(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setFollowsFacilitator(follow: boolean): void {
  try {
    if (follow) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, 'off');
  } catch {
    // Without storage the choice holds until the page reloads.
    memory = follow;
  }
  listeners.notify();
}

function current(): boolean {
  return memory ?? followsFacilitator();
}

function subscribe(listener: () => void): () => void {
  const unsubscribe = listeners.subscribe(listener);
  // Another tab of this browser changed it.
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    unsubscribe();
    window.removeEventListener('storage', onStorage);
  };
}

export function useFollowsFacilitator(): boolean {
  return useSyncExternalStore(subscribe, current, () => true);
}
