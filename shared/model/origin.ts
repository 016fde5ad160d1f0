/**
 * Transaction origins. Every `doc.transact` names who is writing, so persistence, broadcast and
 * `Y.UndoManager({ trackedOrigins })` can tell a person's own edits from everyone else's.
 * Origins are compared by identity (`===`): a client creates one `LocalOrigin` per session and
 * reuses it, which is what lets undo track exactly that person's edits.
 */

/** An edit made by the person at this screen. */
export interface LocalOrigin {
  readonly kind: 'local';
  readonly userId: string;
  /**
   * The server-corrected clock that stamps this person's records (`createdAt`, `updatedAt`): a
   * laptop whose clock is off must not date notes a year back (the server refuses times ahead).
   */
  readonly now?: () => number;
}

/** An update received from a connected peer (server side: one per socket). */
export interface RemoteOrigin {
  readonly kind: 'remote';
  readonly connectionId: string;
}

/** A write by the server itself: templates, migrations, repairs. */
export interface ServerOrigin {
  readonly kind: 'server';
  /**
   * `api`: a note added through the REST API or a CSV import, on behalf of an integration.
   * `control`: a facilitator's command or a participant's vote, readiness or reveal.
   */
  readonly reason: 'template' | 'migration' | 'repair' | 'load' | 'api' | 'control';
}

/** An update that arrived from another server instance over the update bus. */
export interface BusOrigin {
  readonly kind: 'bus';
  /** Whether the instance that published it had stored it (its storage may have been away). */
  readonly stored: boolean;
}

export type Origin = LocalOrigin | RemoteOrigin | ServerOrigin | BusOrigin;

/** Named mutations are run by a person or by the server, never on behalf of a socket. */
export type MutationOrigin = LocalOrigin | ServerOrigin;

export function localOrigin(userId: string, now?: () => number): LocalOrigin {
  return now ? { kind: 'local', userId, now } : { kind: 'local', userId };
}

/** The time a mutation stamps: the person's server-corrected clock, or this machine's. */
export function timeFor(origin: MutationOrigin): number {
  return origin.kind === 'local' && origin.now ? origin.now() : Date.now();
}

export function serverOrigin(reason: ServerOrigin['reason']): ServerOrigin {
  return { kind: 'server', reason };
}
