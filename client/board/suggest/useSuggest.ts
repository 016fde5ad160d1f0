/**
 * One suggestion worker per board screen, started when something first asks (a composer opens, a
 * facilitator asks for proposals) and fed from then on with what changed among the notes this
 * person may see: the board's, and their own private notes (SU2). It stops a minute after the
 * last user lets go, so writing note after note keeps one index.
 */
import { useEffect } from 'react';
import type { BoardView } from '../../../shared/view/boardView';
import type { BoardSession } from '../session';
import { SuggestClient } from './client';
import { type FeedNote, shownNotes } from './feed';

const IDLE_MS = 60_000;

interface Running {
  client: SuggestClient;
  users: number;
  stop(): void;
  idle: ReturnType<typeof setTimeout> | null;
}

const running = new WeakMap<BoardSession, Running>();

function* visibleNotes(board: BoardView, own: BoardView | null): Generator<FeedNote> {
  yield* shownNotes(board);
  if (own) yield* shownNotes(own);
}

function start(session: BoardSession): Running {
  const worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
  const client = new SuggestClient(worker);
  let fed: { view: BoardView; own: BoardView | null } | null = null;
  const feed = () => {
    const view = session.getView();
    const own = session.workshop.getPrivateView();
    // The session also tells of presence, connection and control changes: only a new view of
    // the notes is worth a diff (about 10 ms on 5,000 notes).
    if (fed?.view === view && fed.own === own) return;
    fed = { view, own };
    if (view.meta.language) client.setLanguage(view.meta.language);
    client.update(visibleNotes(view, own));
  };
  feed();
  const unsubscribeBoard = session.subscribe(feed);
  const unsubscribeOwn = session.workshop.subscribe(feed);
  const entry: Running = {
    client,
    users: 0,
    idle: null,
    stop() {
      unsubscribeBoard();
      unsubscribeOwn();
      client.close();
      running.delete(session);
    },
  };
  running.set(session, entry);
  return entry;
}

function release(entry: Running): void {
  if (entry.users === 0) entry.idle = setTimeout(() => entry.stop(), IDLE_MS);
}

function hold(entry: Running): () => void {
  if (entry.idle) clearTimeout(entry.idle);
  entry.idle = null;
  entry.users++;
  return () => {
    entry.users--;
    release(entry);
  };
}

/**
 * This screen's suggestion client. Asked for while rendering (the same one each time: starting it
 * twice is impossible), held while the component is mounted; a client nobody mounts stops once
 * idle.
 */
export function useSuggestClient(session: BoardSession): SuggestClient {
  let entry = running.get(session);
  if (!entry) {
    entry = start(session);
    release(entry);
  }
  const held = entry;
  useEffect(() => hold(held), [held]);
  return held.client;
}
