/**
 * Whether this screen shows the presenter view (the projector's layout) of a board. A viewer link
 * opens it by default on a wide screen, since the viewer link is what the projector's laptop
 * opens (an observer on a phone gets the board, where the presenter view would not fit); anyone can
 * switch it on or off, and the choice is remembered per board in this browser, so a projector
 * that reloads stays in it.
 */
import { useSyncExternalStore } from 'react';
import type { Role } from '../../../shared/protocol';
import { Listeners } from '../../store';

const key = (boardId: string) => `clusterboard:presenter:${boardId}`;
const listeners = new Listeners();
const memory = new Map<string, boolean>();
/** Narrower than this the whole board cannot be shown readably at once. */
const WIDE = 1200;

function stored(boardId: string): boolean | null {
  if (memory.has(boardId)) return memory.get(boardId) ?? null;
  try {
    const value = localStorage.getItem(key(boardId));
    return value === null ? null : value === 'on';
  } catch {
    return null;
  }
}

export function setPresenting(boardId: string, on: boolean): void {
  memory.set(boardId, on);
  try {
    localStorage.setItem(key(boardId), on ? 'on' : 'off');
  } catch {
    // Kept in memory only.
  }
  listeners.notify();
}

export function usePresenting(boardId: string, role: Role): boolean {
  return useSyncExternalStore(
    listeners.subscribe,
    () => stored(boardId) ?? (role === 'viewer' && window.innerWidth >= WIDE),
    () => false,
  );
}
