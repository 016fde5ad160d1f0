/** Creating boards and checking their access tokens. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { newId } from '../../shared/model/ids';
import { asImported, importRecords } from '../../shared/model/mutations/importBoard';
import { addNotes } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { CONTROL_DOC, docKey, isTokenShaped, type Role, ROLES } from '../../shared/protocol';
import type { BoardExport } from '../../shared/report/json';
import { carryOverNotes } from '../../shared/templates/carryOver';
import { createBoardContent, type StandaloneTemplateId } from '../../shared/templates/index';
import type { BoardView } from '../../shared/view/boardView';
import { publishResults } from '../../shared/workshop/mutations';
import type { BoardRecord, BoardStore } from '../storage/store';

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Stores a new board whose first state `fill` writes into an empty doc. */
async function storeNewBoard(
  store: BoardStore,
  meta: { title: string; template: string | null; id?: string },
  fill: (doc: Y.Doc) => void,
): Promise<BoardRecord> {
  const doc = new Y.Doc();
  try {
    fill(doc);
    const board: BoardRecord = {
      id: meta.id ?? newBoardId(),
      title: meta.title.trim(),
      template: meta.template,
      createdAt: Date.now(),
      tokens: { facilitator: newToken(), participant: newToken(), viewer: newToken() },
    };
    await store.createBoard(board, Y.encodeStateAsUpdate(doc));
    return board;
  } finally {
    doc.destroy();
  }
}

export function newBoardId(): string {
  return newId(20);
}

/** `id`: a board id chosen beforehand (newBoardId), for a board others wait for by that id. */
export function createBoard(store: BoardStore, input: { title: string; template: StandaloneTemplateId; id?: string }): Promise<BoardRecord> {
  const template = input.template === 'blank' ? null : input.template;
  return storeNewBoard(store, { title: input.title, template, ...(input.id ? { id: input.id } : {}) }, (doc) =>
    createBoardContent(doc, input, serverOrigin('template')),
  );
}

/** A new board that carries the good practices and open needs of `previous` (its current view). */
export function createBoardFromPrevious(
  store: BoardStore,
  input: { title: string; previous: { boardId: string; view: BoardView } },
): Promise<BoardRecord> {
  const { boardId, view } = input.previous;
  return storeNewBoard(store, { title: input.title, template: 'previous-board' }, (doc) =>
    doc.transact(() => {
      createBoardContent(doc, { title: input.title, template: 'previous-board' }, serverOrigin('template'));
      addNotes(doc, carryOverNotes(view, { boardId, title: view.meta.title }), serverOrigin('template'));
    }, serverOrigin('template')),
  );
}

/**
 * A new board holding exactly what a JSON export holds (the export is parsed and valid). Its votes
 * become the published results of one closed round, so reports rank as before.
 */
export async function importBoard(store: BoardStore, data: BoardExport): Promise<BoardRecord> {
  const board = await storeNewBoard(store, data.board, (doc) =>
    importRecords(
      doc,
      { ...data.board, notes: asImported(data.notes, data.board.title), themes: data.themes, links: data.links, report: data.report },
      serverOrigin('template'),
    ),
  );
  const noteIds = new Set(data.notes.map((n) => n.id));
  const votes = Object.fromEntries(Object.entries(data.votes ?? {}).filter(([id, count]) => noteIds.has(id) && count > 0));
  if (Object.keys(votes).length > 0) {
    const control = new Y.Doc();
    try {
      publishResults(control, 'imported', votes, serverOrigin('template'));
      await store.appendUpdate(board.id, Y.encodeStateAsUpdate(control), docKey(CONTROL_DOC));
    } finally {
      control.destroy();
    }
  }
  return board;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The role a token grants on this board, or null. Constant-time per comparison. */
export function roleForToken(board: BoardRecord, token: string | null | undefined): Role | null {
  if (!token || !isTokenShaped(token)) return null;
  let role: Role | null = null;
  for (const candidate of ROLES) {
    if (sameSecret(board.tokens[candidate], token)) role = candidate;
  }
  return role;
}
