/** The demo board: created from the EXCITE D1.4 template on the first start, kept after that. */
import { createBoard } from './boards';
import type { BoardRecord, BoardStore } from './storage/store';

const DEMO_SETTING = 'demoBoardId';
export const DEMO_TITLE = 'EXCITE D1.4 workshop (demo)';

export async function ensureDemoBoard(store: BoardStore): Promise<{ board: BoardRecord; created: boolean }> {
  const existingId = await store.getSetting(DEMO_SETTING);
  const existing = existingId ? await store.getBoard(existingId) : null;
  if (existing) return { board: existing, created: false };
  const board = await createBoard(store, { title: DEMO_TITLE, template: 'excite-d1.4' });
  await store.setSetting(DEMO_SETTING, board.id);
  return { board, created: true };
}
