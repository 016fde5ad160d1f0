/** A connection as a room sees it, and the write rule a room judges each of its updates by. */
import type * as Y from 'yjs';
import type { RemoteOrigin } from '../../shared/model/origin';
import type { Role } from '../../shared/protocol';
import type { PresenceIdentity } from './roomPresence';

export interface Peer {
  readonly origin: RemoteOrigin;
  readonly role: Role;
  /** The person whose seat the connection presented, if any. */
  readonly personId: string | null;
  /**
   * Who this connection is, as presence shows it: from the server's record of its seat, never the
   * client's claim. Null without a seat (viewers): presence then shows the role and the given name.
   */
  identity: PresenceIdentity | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * How a room treats its peers' document updates: the whole write rule of the document. Refused
 * updates are dropped; the peer keeps them, and they arrive if the rule later allows (`resync`).
 */
export type WritePolicy = (peer: Peer, update: Uint8Array, doc: Y.Doc, explain?: (reason: string) => void) => boolean;
