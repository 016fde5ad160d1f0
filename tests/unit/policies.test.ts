/**
 * The write rule of each document (server/workshop/policies.ts) on its own, with stand-in peers
 * (SPEC W1-W6). The private document's rule is tested here because no socket can reach it: the
 * connection check (WA3) lets only the owner open the document at all.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import type { Peer, Room } from '../../server/sync/room';
import { docSetup } from '../../server/workshop/policies';
import { addNote } from '../../shared/model/mutations/notes';
import { BOARD_DOC, CONTROL_DOC, type Role } from '../../shared/protocol';
import { controlMap } from '../../shared/workshop/control';
import { alice, aliceOrigin } from './support';

const log = createLogger('silent');

function peer(role: Role, personId: string | null = null): Peer {
  return {
    origin: { kind: 'remote', connectionId: `${role}-${personId ?? 'none'}` },
    role,
    personId,
    identity: personId === null ? null : { id: personId, name: 'Someone', cluster: null, role },
    send: () => {},
    close: () => {},
  };
}

/** The update that adds one note in `dimension` to an empty board. */
function newNoteUpdate(dimension: 'strategy' | 'structure'): Uint8Array {
  const doc = new Y.Doc();
  addNote(doc, { text: 'idea', dimension, kind: 'need', author: alice }, aliceOrigin);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The board's rule, reading its lock from `control` (a stand-in for the control room). */
function boardRule(control: Y.Doc) {
  return docSetup(BOARD_DOC, { doc: control, boardId: 'board' } as unknown as Room, log).mayWrite;
}

describe('the board', () => {
  it('[W1] [W2] lets facilitators write whatever the lock, refuses viewers always and participants while the board is locked', () => {
    const control = new Y.Doc();
    const mayWrite = boardRule(control);
    const board = new Y.Doc();
    const update = newNoteUpdate('structure');
    // The note is Alice's: a participant writes notes only under their own seat (G4).
    const verdicts = () => (['facilitator', 'participant', 'viewer'] as const).map((role) => mayWrite(peer(role, alice.id), update, board));
    expect(verdicts()).toEqual([true, true, false]);

    controlMap(control).set('lock', { board: true, dimensions: [] });
    expect(verdicts()).toEqual([true, false, false]);
  });

  it('[W3] [W4] asks the guard about participants when a dimension is locked or private writing is on', () => {
    const control = new Y.Doc();
    const mayWrite = boardRule(control);
    const board = new Y.Doc();
    controlMap(control).set('lock', { board: false, dimensions: ['strategy'] });
    expect(mayWrite(peer('participant', alice.id), newNoteUpdate('strategy'), board)).toBe(false);
    expect(mayWrite(peer('participant', alice.id), newNoteUpdate('structure'), board)).toBe(true);

    controlMap(control).set('lock', { board: false, dimensions: [] });
    controlMap(control).set('privateWriting', true);
    expect(mayWrite(peer('participant', alice.id), newNoteUpdate('structure'), board)).toBe(false);
    expect(mayWrite(peer('facilitator'), newNoteUpdate('structure'), board)).toBe(true);
  });
});

describe('the control document', () => {
  it('[W5] refuses every socket, whatever its role or seat', () => {
    const { mayWrite } = docSetup(CONTROL_DOC, null, log);
    const update = newNoteUpdate('structure');
    for (const who of [peer('facilitator', 'fay'), peer('participant', 'ada'), peer('viewer')]) {
      expect(mayWrite(who, update, new Y.Doc()), who.role).toBe(false);
    }
  });
});

describe('a private document', () => {
  it('[W6] lets only its owner write, never another person, a socket without a seat or a viewer', () => {
    const { mayWrite } = docSetup({ kind: 'private', personId: 'ada' }, null, log);
    const update = newNoteUpdate('structure');
    const doc = new Y.Doc();
    expect(mayWrite(peer('participant', 'ada'), update, doc)).toBe(true);
    expect(mayWrite(peer('facilitator', 'ada'), update, doc)).toBe(true);
    expect(mayWrite(peer('participant', 'bo'), update, doc)).toBe(false);
    expect(mayWrite(peer('facilitator', 'fay'), update, doc)).toBe(false);
    expect(mayWrite(peer('participant'), update, doc)).toBe(false);
    expect(mayWrite(peer('viewer', 'ada'), update, doc)).toBe(false);
  });
});
