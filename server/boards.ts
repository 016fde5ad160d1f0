/** Creating boards and checking their access tokens. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { newId } from '../shared/model/ids';
import { serverOrigin } from '../shared/model/origin';
import { ROLES, type Role } from '../shared/protocol';
import { createBoardContent, type TemplateId } from '../shared/templates/index';
import type { BoardRecord, BoardStore } from './storage/store';

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function createBoard(
  store: BoardStore,
  input: { title: string; template: TemplateId },
): Promise<BoardRecord> {
  const doc = new Y.Doc();
  try {
    createBoardContent(doc, input, serverOrigin('template'));
    const board: BoardRecord = {
      id: newId(20),
      title: input.title.trim(),
      template: input.template === 'blank' ? null : input.template,
      createdAt: Date.now(),
      tokens: { facilitator: newToken(), participant: newToken(), viewer: newToken() },
    };
    await store.createBoard(board, Y.encodeStateAsUpdate(doc));
    return board;
  } finally {
    doc.destroy();
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The role a token grants on this board, or null. Constant-time per comparison. */
export function roleForToken(board: BoardRecord, token: string | null | undefined): Role | null {
  if (!token) return null;
  let role: Role | null = null;
  for (const candidate of ROLES) {
    if (sameSecret(board.tokens[candidate], token)) role = candidate;
  }
  return role;
}
