/**
 * The demo board: created from the EXCITE D1.4 template on the first start, kept after that.
 *
 * Several instances may start together on an empty database: the first to claim the setting with
 * the id of the board it is about to create makes it; the others wait for that board to appear
 * (and make it themselves, under that id, if its maker died first).
 */
import type { BoardRecord, BoardStore } from '../storage/store';
import { createBoard, newBoardId } from './boards';

const DEMO_SETTING = 'demoBoardId';
export const DEMO_TITLE = 'EXCITE D1.4 workshop (demo)';
const WAIT_FOR_MAKER_MS = 15_000;

export async function ensureDemoBoard(store: BoardStore, waitMs = WAIT_FOR_MAKER_MS): Promise<{ board: BoardRecord; created: boolean }> {
  const existingId = await store.getSetting(DEMO_SETTING);
  const existing = existingId ? await store.getBoard(existingId) : null;
  if (existing) return { board: existing, created: false };
  const mine = newBoardId();
  const id = await store.claimSetting(DEMO_SETTING, existingId ?? mine);
  if (id === mine) return { board: await createBoard(store, { title: DEMO_TITLE, template: 'excite-d1.4', id }), created: true };
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const board = await store.getBoard(id);
    if (board) return { board, created: false };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return { board: await createBoard(store, { title: DEMO_TITLE, template: 'excite-d1.4', id }), created: true };
  } catch (error) {
    // Its maker got there in the end.
    const board = await store.getBoard(id);
    if (board) return { board, created: false };
    throw error;
  }
}
