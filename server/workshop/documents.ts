/**
 * The workshop's side of the sync core's document hooks (server/sync/hooks.ts): what each document
 * of a board is for. The board document depends on its control document (its write rule reads the
 * lock), is migrated and repaired on load, and keeps the board list's title current.
 */
import { migrate } from '../../shared/model/migrations';
import { serverOrigin } from '../../shared/model/origin';
import { removeStrayStructure } from '../../shared/model/repair';
import { CONTROL_DOC } from '../../shared/protocol';
import { readMeta } from '../../shared/view/boardView';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/store';
import type { DocumentHooks } from '../sync/hooks';
import type { Room } from '../sync/room';
import { docSetup } from './policies';

export type BoardDocumentHooks = Required<Pick<DocumentHooks, 'dependsOn' | 'documentSetup' | 'onLoad' | 'afterCompaction'>>;

export function boardDocumentHooks(deps: { store: Pick<BoardStore, 'updateTitle'>; log: Logger }): BoardDocumentHooks {
  return {
    dependsOn: (name) => (name.kind === 'board' ? CONTROL_DOC : null),
    documentSetup: (name, dependency) => docSetup(name, dependency, deps.log),
    onLoad: (room, name) => {
      if (name.kind === 'board') migrateBoard(room, deps.log);
    },
    // The board list keeps the title too, for answering without loading the board.
    afterCompaction: async (room, name) => {
      if (name.kind === 'board') await deps.store.updateTitle(room.boardId, readMeta(room.doc).title);
    },
  };
}

function migrateBoard(room: Room, log: Logger): void {
  const migration = migrate(room.doc, serverOrigin('migration'));
  const board = room.boardId;
  // [G2] Structure stored before the guard refused it; left in place, nobody could delete it.
  const removed = removeStrayStructure(room.doc, serverOrigin('repair'));
  if (removed > 0) log.warn('nested structure removed from the board', { board, removed });
  if (migration.status === 'migrated') {
    log.info('board migrated', { board, from: migration.from, to: migration.to, applied: migration.applied });
  } else if (migration.status === 'newer') {
    log.warn('board was written by a newer Clusterboard', { board, version: migration.version });
  }
}
