/**
 * A room's presence as its peers see it: what each peer may publish (presence.ts), how changes
 * reach the others (batched per event-loop turn, or echoed to their sender only), who is shown to
 * a newcomer, and the presence of other instances' clients. Never stored.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Role } from '../../shared/protocol';
import { awarenessMessage } from './messages';
import { Presence, type PresenceLimits } from './presence';

export interface PresenceIdentity {
  id: string;
  name: string;
  /** A `ClusterRef`, or null. */
  cluster: string | null;
  role: Role;
}

/** What presence needs of a peer (room.ts's Peer). */
export interface PresencePeer {
  readonly origin: { connectionId: string };
  readonly role: Role;
  readonly personId: string | null;
  identity: PresenceIdentity | null;
  send(message: Uint8Array): void;
}

/**
 * Presence: 'shared' rooms relay everyone's presence to everyone (the board); 'echo' rooms only
 * answer each client with its own, which keeps y-websocket's liveness check happy.
 */
export type PresenceMode = 'shared' | 'echo';

/** Read when used: a room's options are not set yet while its fields are initialised. */
export interface RoomPresenceOptions<P> {
  mode(): PresenceMode;
  limits(): PresenceLimits;
  peers(): Iterable<P>;
  has(peer: P): boolean;
  /** Whether the room still serves: nothing is relayed once it stopped. */
  open(): boolean;
  /** Sends this instance's clients' presence to the others (a bus), when there is one. */
  publish(update: Uint8Array): void;
  /** Presence from another instance that failed to apply. */
  warn(message: string, error: unknown): void;
}

/**
 * A connection without a seat (a viewer, or a script): the name it gives is shown with its role,
 * under an id of its socket, so it can never pass for a person who joined.
 */
function unseatedIdentity(peer: PresencePeer, claimed: unknown): PresenceIdentity {
  const name = (claimed as { name?: unknown } | null)?.name;
  return {
    id: `${peer.role}:${peer.origin.connectionId}`,
    name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 60) : 'Guest',
    cluster: null,
    role: peer.role,
  };
}

export class RoomPresence<P extends PresencePeer> {
  private readonly local: Presence<P>;
  /** Client ids changed in this event-loop turn, sent together at its end. */
  private readonly changed = new Set<number>();
  /** Presence of other instances' clients (shared rooms with a bus); their instance times them out. */
  private remote: awarenessProtocol.Awareness | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly options: RoomPresenceOptions<P>,
  ) {
    this.local = new Presence<P>(
      doc,
      (changed, owner) => {
        // Sent to everyone, the sender too: y-websocket treats silence as a dead connection.
        if (this.options.mode() === 'shared') {
          // Everyone's moves in one event-loop turn go out as one message: 200 people moving their
          // focus 10 times a second would otherwise cost 200 x 200 sends per round (presence p99
          // 124 -> 58 ms in the bench).
          if (this.changed.size === 0) setImmediate(() => this.flush());
          for (const id of changed) this.changed.add(id);
        } else if (owner && this.options.has(owner)) {
          owner.send(awarenessMessage(this.local.awareness, changed));
        }
      },
      {
        identify: (peer, claimed) => peer.identity ?? unseatedIdentity(peer, claimed),
        mayTakeOver: (current, next) => current.personId !== null && current.personId === next.personId,
      },
      () => this.options.limits(),
    );
  }

  get awareness(): awarenessProtocol.Awareness {
    return this.local.awareness;
  }

  apply(peer: P, entries: Parameters<Presence<P>['apply']>[1]): void {
    this.local.apply(peer, entries);
  }

  release(peer: P): void {
    this.local.release(peer);
  }

  /** Tells a newcomer who is here: only where presence is shared (elsewhere each client hears only its own). */
  welcome(peer: P): void {
    if (this.options.mode() !== 'shared') return;
    const present = this.local.clientIds();
    if (present.length > 0) peer.send(awarenessMessage(this.local.awareness, present));
    const elsewhere = this.remote ? [...this.remote.getStates().keys()] : [];
    if (elsewhere.length > 0 && this.remote) peer.send(awarenessMessage(this.remote, elsewhere));
  }

  private flush(): void {
    const changed = [...this.changed];
    this.changed.clear();
    if (!this.options.open() || changed.length === 0) return;
    const message = awarenessMessage(this.local.awareness, changed);
    for (const peer of this.options.peers()) peer.send(message);
    // [K3] Only clients the awareness still has a clock for can be encoded (presence.ts forgets).
    const known = changed.filter((id) => this.local.awareness.meta.has(id));
    if (known.length > 0) this.options.publish(awarenessProtocol.encodeAwarenessUpdate(this.local.awareness, known));
  }

  /** Presence of another instance's clients, passed on to this room's peers. */
  fromBus(update: Uint8Array): void {
    if (!this.options.open() || this.options.mode() !== 'shared') return;
    if (!this.remote) {
      const remote = new awarenessProtocol.Awareness(this.doc);
      remote.setLocalState(null);
      remote.on('update', (change: { added: number[]; updated: number[]; removed: number[] }) => {
        const message = awarenessMessage(remote, [...change.added, ...change.updated, ...change.removed]);
        for (const peer of this.options.peers()) peer.send(message);
        // [K3] Each instance sends its clients' updates in order: the clock of one who left guards
        // against nothing here, and would be kept forever.
        for (const id of change.removed) if (!remote.states.has(id)) remote.meta.delete(id);
      });
      this.remote = remote;
    }
    try {
      awarenessProtocol.applyAwarenessUpdate(this.remote, update, 'bus');
    } catch (error) {
      this.options.warn('presence from another instance failed to apply', error);
    }
  }

  destroy(): void {
    this.remote?.destroy();
    this.local.destroy();
  }
}
