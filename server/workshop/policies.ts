/**
 * The write rule of each document of a board (see `DocName`): who may change it, and nothing else.
 * Reading is decided when a socket opens (server/sync/connection.ts).
 */
import { socketRefusal } from '../../shared/errors';
import type { DocName } from '../../shared/protocol';
import { isRestricted, readWriteRules } from '../../shared/workshop/control';
import { mayWrite, OPEN_RULES } from '../../shared/workshop/writeRule';
import type { Logger } from '../log';
import type { DocumentSetup } from '../sync/hooks';
import type { Room, WritePolicy } from '../sync/room';
import { checkUpdate, type GuardVerdict, skipsAhead, type Writer } from './guard';

/**
 * The board: [P3] viewers never write; [G1] every update anyone sends keeps the board's structure
 * and bounds; [W1] facilitators may write at any time; [W2] participants may not while the board
 * is locked, [W3] nor touch a locked dimension, [W4] nor add notes to the shared board while
 * private writing is on, [G3-G5] nor change the board's settings, write as someone else or alter
 * where a note came from.
 */
function boardPolicy(control: Room, log: Logger): WritePolicy {
  return (peer, update, doc, explain) => {
    const judged = (verdict: GuardVerdict): boolean => {
      if (!verdict.ok) {
        log.debug('board update refused', { role: peer.role, reason: verdict.reason });
        explain?.(socketRefusal(verdict.problem));
      }
      return verdict.ok;
    };
    const writer = (role: Writer['role']): Writer => ({ role, personId: peer.personId });
    switch (peer.role) {
      case 'viewer':
        return judged(mayWrite('viewer', OPEN_RULES, 'edit', null));
      case 'facilitator':
        // Held back by Yjs and dropped after applying (room.ts) before the guard judged anything:
        // an honest client skips ahead only in a reconnect race, so no word is needed.
        if (skipsAhead(doc, update)) return false;
        // The write rule allows facilitators everything: the guard checks structure and bounds.
        return judged(checkUpdate(doc, update, writer('facilitator'), OPEN_RULES));
      case 'participant': {
        const state = readWriteRules(control.doc);
        if (skipsAhead(doc, update)) {
          // An honest client skips ahead only in a reconnect race (a change sent before its sync
          // answer, which carries the change again): that refusal needs no word. Under a
          // restriction it follows a refused change, and the writer is told.
          if (isRestricted(state)) {
            explain?.(socketRefusal({ code: 'sync.followsRefused' }));
          }
          return false;
        }
        // [W2] A locked board refuses every change before the update is read.
        const anything = mayWrite('participant', state, 'edit', null);
        if (!anything.ok) return judged(anything);
        return judged(checkUpdate(doc, update, writer('participant'), state));
      }
    }
  };
}

/** [W5] Nobody writes the control document over a socket; the server writes it on commands. */
const controlPolicy: WritePolicy = () => false;

/** [W6] A private document is written by its owner only (who is also its only reader). */
function privatePolicy(personId: string): WritePolicy {
  return (peer) => peer.personId === personId && peer.role !== 'viewer';
}

export function docSetup(name: DocName, control: Room | null, log: Logger): DocumentSetup {
  switch (name.kind) {
    case 'board':
      if (!control) throw new Error('The board document needs its control document loaded.');
      return { mayWrite: boardPolicy(control, log), presence: 'shared' };
    case 'control':
      return { mayWrite: controlPolicy, presence: 'echo' };
    case 'private':
      return { mayWrite: privatePolicy(name.personId), presence: 'echo' };
  }
}
