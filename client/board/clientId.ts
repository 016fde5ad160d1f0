import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/**
 * Gives the doc a fresh Yjs client id (an unsigned 32-bit integer, as Yjs makes them), and the
 * presence the same one: y-websocket assumes they are equal (it removes every presence but the
 * doc's own on a reconnect).
 */
export function continueUnderNewClientId(doc: Y.Doc, awareness: Awareness): void {
  const state = awareness.getLocalState();
  awareness.setLocalState(null);
  const id = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
  doc.clientID = id;
  awareness.clientID = id;
  awareness.setLocalState(state);
  // A presence's first state has clock 0, and a peer accepts a state only with a clock above the
  // one it holds (0 for a client it has never seen), so the state above would be ignored by
  // everyone until the next renewal, 15 s later. Setting it again sends it with clock 1.
  if (state !== null) awareness.setLocalState(state);
}
