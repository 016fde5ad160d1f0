/**
 * The checks of the WebSocket fuzzer (tests/helpers/fuzz.ts) once the attack is over: honest
 * clients connected, converging and shown under their own names; the untouched board quiet; marked
 * writes nowhere; storage and newcomers reading every board as its room holds it; the server's own
 * errors. Each failed check is one sentence passed to `fail`.
 */
import * as Y from 'yjs';
import type { Logger } from '../../server/log';
import { applyStoredState } from '../../server/storage/store';
import { notesMap } from '../../shared/model/doc';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CONTROL_DOC, docKey, type DocName } from '../../shared/protocol';
import { type Boards, MAX_FAILURES_LISTED, within } from './fuzzAttack';
import { CONTROL_MARK, VIEWER_MARK } from './fuzzFrames';
import { connectClient, type TestClient, type TestServer, waitFor, waitForSync } from './server';

export interface Honest {
  name: string;
  /** The person of the seat a writer's socket opened with (G4: its notes are by that person). */
  authorId: string;
  client: TestClient;
  writer: boolean;
  /** Close codes of its connection while the fuzzer ran: there should be none. */
  closes: number[];
}

/** Counts what reaches the untouched board's clients while the fuzzer runs: nothing should. */
export function watchUntouched(clients: Honest[], ids: number[]) {
  const problems: string[] = [];
  const detach: (() => void)[] = [];
  for (const h of clients) {
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === h.client.provider) problems.push(`${h.name} (untouched board) received a document update during the attack.`);
    };
    const onAwareness = ({ added }: { added: number[] }) => {
      for (const id of added) if (!ids.includes(id)) problems.push(`${h.name} (untouched board) saw presence of client ${id}.`);
    };
    h.client.doc.on('update', onUpdate);
    h.client.provider.awareness.on('change', onAwareness);
    detach.push(() => {
      h.client.doc.off('update', onUpdate);
      h.client.provider.awareness.off('change', onAwareness);
    });
  }
  return {
    stop: () => detach.forEach((d) => d()),
    problems: () => problems.slice(0, MAX_FAILURES_LISTED),
  };
}

/** [P5, P6] Attackers claimed the honest clients' ids: each still shows under its own name. */
export async function checkPresence(clients: Honest[], fail: (s: string) => void): Promise<void> {
  const shown = () =>
    clients.every((viewer) =>
      clients.every((other) => {
        const state = viewer.client.provider.awareness.getStates().get(other.client.doc.clientID) as { user?: { name?: unknown } } | undefined;
        return state?.user?.name === other.name;
      }),
    );
  try {
    await waitFor(shown, 'honest presence intact', 5000);
  } catch {
    fail("An honest client's presence is missing or shows another name after the attack.");
  }
}

/** Each writer adds a note; every client (and the room) ends with all of them and the same state. */
export async function converge(board: string, clients: Honest[], room: Y.Doc | null, seed: number, fail: (s: string) => void): Promise<void> {
  const texts = clients.filter((h) => h.writer).map((h) => `after the attack ${seed} by ${h.name}`);
  for (const h of clients.filter((h) => h.writer)) {
    addNote(
      h.client.doc,
      {
        text: `after the attack ${seed} by ${h.name}`,
        dimension: 'structure',
        kind: 'challenge',
        author: { id: h.authorId, name: h.name, cluster: null },
      },
      localOrigin(h.name),
    );
  }
  const docs = [...clients.map((h) => h.client.doc), ...(room ? [room] : [])];
  try {
    await waitFor(() => docs.every((doc) => texts.every((text) => noteTextsOf(doc).includes(text))), `every note on board ${board}`, 15_000);
    await waitFor(
      () => new Set(docs.map((doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex'))).size === 1,
      `one state on board ${board}`,
      10_000,
    );
  } catch (error) {
    fail(`Honest clients of board ${board} did not converge: ${(error as Error).message}.`);
  }
}

/** Marked writes landed nowhere, and storage holds what each room holds (and can be read back). */
export async function checkDocuments(ts: TestServer, boards: Boards, fail: (s: string) => void): Promise<void> {
  for (const [label, board] of [
    ['A', boards.a],
    ['B', boards.b],
    ['C', boards.c],
    ['U', boards.u],
  ] as const) {
    for (const name of [{ kind: 'board' }, CONTROL_DOC] as DocName[]) {
      const what = `${docKey(name) || 'board'} document of ${label}`;
      const room = ts.server.rooms.peek(board.id, name);
      try {
        await within(room?.flushed() ?? Promise.resolve(), 10_000);
        const stored = new Y.Doc();
        applyStoredState(stored, await ts.store.loadState(board.id, docKey(name)));
        const state = Y.encodeStateAsUpdate(room?.doc ?? stored);
        for (const mark of [VIEWER_MARK, CONTROL_MARK]) {
          if (Buffer.from(state).includes(mark)) fail(`The ${what} holds "${mark}", which must never be written.`);
        }
        if (room && !sameState(room.doc, stored)) fail(`Storage and the room disagree on the ${what}.`);
        Y.decodeStateVector(Y.encodeStateVector(room?.doc ?? stored));
        stored.destroy();
      } catch (error) {
        fail(`The ${what} cannot be read back: ${(error as Error).message}.`);
      }
    }
  }
}

/** A newcomer syncs every board and holds what the server holds. */
export async function checkLateJoiners(ts: TestServer, boards: Boards, fail: (s: string) => void): Promise<void> {
  for (const [label, board] of [
    ['A', boards.a],
    ['B', boards.b],
    ['C', boards.c],
    ['U', boards.u],
  ] as const) {
    const late = connectClient(ts.server, board.id, board.tokens.viewer);
    try {
      await waitForSync(late, 10_000);
      const room = ts.server.rooms.peek(board.id);
      const same = () => room === null || (sameState(late.doc, room.doc) && noteTextsOf(late.doc).join('\n') === noteTextsOf(room.doc).join('\n'));
      await waitFor(same, 'the late joiner holds what the room holds', 5000);
    } catch (error) {
      fail(`A late joiner of board ${label} did not sync: ${(error as Error).message}.`);
    } finally {
      late.destroy();
    }
  }
}

export async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    return res.status === 200 && ((await res.json()) as { status?: unknown }).status === 'ok';
  } catch {
    return false;
  }
}

/**
 * Collects the server's errors, and its warnings about failures that are its own: a well-formed
 * message it could not apply closes with 4503 (P4), which hostile input should never cause.
 */
export function countingLogger(errors: string[]): Logger {
  const quiet = () => {};
  const record = (message: string, fields?: Record<string, unknown>) => {
    const error = fields?.error;
    errors.push(`${message}${error instanceof Error ? `: ${error.stack ?? error.message}` : ''}`);
  };
  return {
    debug: quiet,
    info: quiet,
    warn: (message, fields) => {
      if (message.startsWith('message failed')) record(message, fields);
    },
    error: record,
  };
}

function noteTextsOf(doc: Y.Doc): string[] {
  const texts: string[] = [];
  notesMap(doc).forEach((value) => {
    const text = value instanceof Y.Map ? value.get('text') : undefined;
    if (text instanceof Y.Text) texts.push(text.toString());
  });
  return texts.sort();
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}
