/**
 * Phone width: where the board body becomes the phone layout (a Write view first, a bottom bar to
 * switch views, sheets instead of floating boxes). The same width as the media queries in phone.css.
 */
import { useSyncExternalStore } from 'react';
import type { Role } from '../../../shared/protocol';
import type { UiState } from '../ui';

export const PHONE_QUERY = '(max-width: 640px)';

function query(): MediaQueryList | null {
  return typeof window === 'undefined' || !window.matchMedia ? null : window.matchMedia(PHONE_QUERY);
}

function subscribe(listener: () => void): () => void {
  const list = query();
  list?.addEventListener('change', listener);
  return () => list?.removeEventListener('change', listener);
}

export function isPhoneWidth(): boolean {
  return query()?.matches ?? false;
}

export function usePhone(): boolean {
  return useSyncExternalStore(subscribe, isPhoneWidth, () => false);
}

/**
 * The view a screen opens with: a participant on a phone lands on Write; a facilitator (who
 * mostly drives the workshop) and a viewer land on the board, and everyone on a laptop does.
 */
export function startView(role: Role): UiState['view'] {
  return role === 'participant' && isPhoneWidth() ? 'write' : 'grid';
}
