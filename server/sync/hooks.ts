/**
 * What the sync core asks of the application, as one set of lifecycle hooks (the shape of
 * Hocuspocus's extensions): who a socket is, how a document treats its peers, and what happens
 * on load, on change and after compaction. The core itself knows y-websocket, storage of the
 * update log and the bus, and nothing of boards, people or workshops; the composition root
 * (server/app.ts) passes these in. Lint keeps server/sync/ from importing anything above it.
 */
import type { DocName, Role } from '../../shared/protocol';
import type { Peer, PresenceIdentity, PresenceMode, Room, WritePolicy } from './room';

/** A socket's request, as the upgrade named it (the board id is well-formed; nothing else is checked). */
export interface SocketRequest {
  boardId: string;
  docName: DocName;
  token: string | null;
  seat: string | null;
}

/** The answer to a socket's request: who it is, or the close code and reason that refuse it. */
export type Admission =
  | {
      status: 'admitted';
      role: Role;
      /** The person whose seat the socket presented, if any. */
      personId: string | null;
      identity: PresenceIdentity | null;
      /**
       * Asked again once the document is loaded, right before the socket joins it (nothing waits
       * in between): false when what admitted the socket was revoked meanwhile (4410).
       */
      stillValid(): Promise<boolean>;
    }
  | { status: 'refused'; code: number; reason: string };

/** How a document treats its peers' updates and presence. */
export interface DocumentSetup {
  mayWrite: WritePolicy;
  presence: PresenceMode;
}

/** The hooks a document's lifecycle calls (rooms.ts). Only `documentSetup` is required. */
export interface DocumentHooks {
  /**
   * Another document of the same board that must stay loaded while this one is (its write rule
   * reads it). Loaded first, held until this one unloads, and evicted with it.
   */
  dependsOn?(name: DocName): DocName | null;
  /** The document's write rule and presence mode; `dependency` is the room `dependsOn` named. */
  documentSetup(name: DocName, dependency: Room | null): DocumentSetup;
  /**
   * Runs once the stored state is applied, with the room already listening: whatever it changes
   * (migrations, repairs) is stored and forwarded like any other update.
   */
  onLoad?(room: Room, name: DocName): void;
  /** After each change of a document, whoever made it. */
  onChange?(room: Room, name: DocName): void;
  /** Sees a peer's update before it is applied; a returned step is stored ahead of it (N1). */
  beforeApply?(room: Room, peer: Peer, update: Uint8Array): (() => Promise<void>) | null;
  /** After the update log was folded into a snapshot (the room is settled then). */
  afterCompaction?(room: Room, name: DocName): Promise<void>;
}

export interface SyncHooks extends DocumentHooks {
  /** Who the socket is; called once per socket, before its document is loaded. */
  authenticate(request: SocketRequest): Promise<Admission>;
}
