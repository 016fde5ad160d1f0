/**
 * What lets a board open and keep working without the server: the board's info and the time of
 * the last sync remembered per board in localStorage (the document itself lives in IndexedDB, see
 * BoardSession), and the service worker that keeps the app shell (client/sw.js).
 */
import { type BoardInfo, ROLES } from '../../shared/protocol';
import { ApiError } from '../api';
import { currentTranslator } from '../i18n/current';

const infoKey = (boardId: string) => `clusterboard:board-info:${boardId}`;
const syncedKey = (boardId: string) => `clusterboard:last-synced:${boardId}`;

/**
 * A short fingerprint of the link's token, so the cached role belongs to the link being opened
 * (a person may hold a viewer and a participant link to one board). Not a security measure: the
 * server checks the real token on every connection.
 */
function tokenTag(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused (private browsing): the board still works while online.
  }
}

export function rememberBoardInfo(token: string, info: BoardInfo): void {
  writeJson(infoKey(info.id), { tag: tokenTag(token), info });
}

/** The info last answered for this board and link, or null. */
export function cachedBoardInfo(boardId: string, token: string): BoardInfo | null {
  const value = readJson(infoKey(boardId)) as { tag?: unknown; info?: Partial<BoardInfo> } | null;
  const info = value?.info;
  if (!info || value.tag !== tokenTag(token) || info.id !== boardId) return null;
  if (typeof info.title !== 'string' || !ROLES.includes(info.role as BoardInfo['role'])) return null;
  return {
    id: boardId,
    title: info.title,
    template: typeof info.template === 'string' ? info.template : null,
    role: info.role as BoardInfo['role'],
    protocolVersion: typeof info.protocolVersion === 'number' ? info.protocolVersion : 1,
  };
}

/**
 * True when the server could not be reached (no network, server down, a proxy's 502-504), as
 * opposed to an answer about the link itself (401, 404), which a cache must never override.
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500;
  return error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError');
}

export function loadLastSynced(boardId: string): number | null {
  const value = readJson(syncedKey(boardId));
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function saveLastSynced(boardId: string, time: number): void {
  writeJson(syncedKey(boardId), time);
}

/** "14:05" today, "3 Mar, 14:05" on another day, in the page's language (24-hour clock). */
export function formatSyncTime(time: number, now = Date.now()): string {
  const { intl } = currentTranslator();
  const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  if (new Date(time).toDateString() === new Date(now).toDateString()) return intl.formatTime(time, clock);
  return intl.formatDate(time, { day: 'numeric', month: 'short', ...clock });
}

/**
 * Registers the service worker that lets the page load offline. Production builds only: the dev
 * server serves modules the worker must not cache. Service workers need a secure context
 * (https or localhost); elsewhere the board still works online.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    console.warn('Clusterboard: offline support is not available', error);
  });
}
