import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { continueUnderNewClientId } from '../../client/board/clientId';

describe('a refused change moves the device to a new client id', () => {
  it('[W7] the presence under the new id reaches a peer at once, not 15 s later', () => {
    const doc = new Y.Doc();
    const local = new Awareness(doc);
    const peer = new Awareness(new Y.Doc());
    const relay = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const ids = [...changes.added, ...changes.updated, ...changes.removed];
      applyAwarenessUpdate(peer, encodeAwarenessUpdate(local, ids), 'relay');
    };
    local.on('update', relay);
    local.setLocalState({ user: { id: 'p1', name: 'Anna' } });
    const before = doc.clientID;
    expect(peer.getStates().get(before)).toEqual({ user: { id: 'p1', name: 'Anna' } });

    continueUnderNewClientId(doc, local);

    expect(doc.clientID).not.toBe(before);
    expect(local.clientID).toBe(doc.clientID);
    expect(peer.getStates().has(before)).toBe(false);
    expect(peer.getStates().get(doc.clientID)).toEqual({ user: { id: 'p1', name: 'Anna' } });
    local.destroy();
    peer.destroy();
  });
});
