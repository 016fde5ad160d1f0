/**
 * A board session outside React: the Y.Doc, its copy on this device (IndexedDB), the y-websocket
 * provider, the derived BoardView, presence and this person's undo history. React subscribes to
 * it (useSyncExternalStore); it never touches Y types itself.
 * Document state (doc), presence (awareness, never persisted) and local UI state stay apart.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type Problem, socketRefusalProblem } from '../../shared/errors';
import { type LocalOrigin, localOrigin } from '../../shared/model/origin';
import type { AuthorInput } from '../../shared/model/schema';
import { clusterLabel } from '../../shared/model/vocabulary';
import { canWrite, isPermanentClose, MessageType, type Role, WS_PATH_PREFIX } from '../../shared/protocol';
import type { BoardPeople, BoardView } from '../../shared/view/boardView';
import { BoardViewCache } from '../../shared/view/viewCache';
import { currentAttributionWords } from '../i18n/current';
import { Listeners } from '../store';
import { continueUnderNewClientId } from './clientId';
import { type BoardCommands, boardCommands } from './commands';
import { type Identity, presenceColour, seatPerson } from './identity';
import { loadLastSynced, saveLastSynced } from './offline';
import { BoardUndo, type UndoResult, type UndoState } from './undo';
import { Workshop } from './workshop';

/**
 * What the connection badge shows. `lastSynced` is when this device last had everything the
 * server had (ms since epoch; null if never on this device).
 */
export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'live' }
  | { status: 'offline'; lastSynced: number | null; savedOnDevice: boolean }
  | { status: 'reconnecting'; lastSynced: number | null }
  | { status: 'refused'; code: number; reason: string };

export interface PresenceUser {
  clientId: number;
  id: string;
  name: string;
  clusterLabel: string;
  colour: string;
  /** The note this person is typing in, or null. */
  editing: string | null;
  /** The note this person has focused or is editing, or null. */
  focus: string | null;
  /** Viewers follow without a seat; the server marks them. */
  isViewer: boolean;
  isSelf: boolean;
}

interface AwarenessState {
  user?: { id?: unknown; name?: unknown; cluster?: unknown; role?: unknown };
  editing?: unknown;
  focus?: unknown;
}

const NO_UNDO: UndoState = { canUndo: false, canRedo: false };
/** While live, the stored "last synced" time is refreshed at most this often. */
const SYNC_STAMP_INTERVAL_MS = 30_000;

/** The name of a board's document in IndexedDB. */
export const localDocName = (boardId: string) => `clusterboard:${boardId}`;

function sameConnection(a: ConnectionState, b: ConnectionState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly origin: LocalOrigin;
  private provider: WebsocketProvider | null = null;
  private local: IndexeddbPersistence | null = null;
  /** False once IndexedDB turned out to be unavailable (some private modes). */
  private savedOnDevice = typeof indexedDB !== 'undefined';
  private readonly history: BoardUndo | null;
  private readonly viewCache: BoardViewCache;
  private view: BoardView;
  private presence: PresenceUser[] = [];
  private connection: ConnectionState = { status: 'connecting' };
  private refused: { code: number; reason: string } | null = null;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  /** A connection attempt failed or a live connection dropped since the last sync. */
  private lost = false;
  private lastSynced: number | null;
  private lastStamp = 0;
  private editing: string | null = null;
  private focus: string | null = null;
  private readonly listeners = new Listeners();
  private refusal: { problem: Problem; at: number } | null = null;
  readonly workshop: Workshop;
  /** Every change this person makes, bound to this session's documents, author and origin. */
  readonly commands: BoardCommands;
  private serverUrl = '';
  /**
   * The board's people as the control document lists them; replaced only when a name or cluster
   * changes. Undefined until the control document has synced once: an author not among the people
   * reads "(not on this board)" (AT7), which must not flash on every note while they load.
   */
  private people: BoardPeople | undefined = undefined;
  private peopleKey = '';

  constructor(
    readonly boardId: string,
    readonly token: string,
    readonly role: Role,
    private person: Identity,
  ) {
    // [AT4] This person's notes are dated by the server's clock, corrected for this device's.
    this.origin = localOrigin(person.id, () => this.workshop.serverNow());
    this.viewCache = new BoardViewCache(this.doc);
    this.view = this.viewCache.view(this.people, currentAttributionWords());
    this.lastSynced = loadLastSynced(boardId);
    this.doc.on('update', this.refreshView);
    // Viewers cannot change the board, so they have nothing to undo.
    this.history = canWrite(role) ? new BoardUndo(this.doc, this.origin, this.notify) : null;
    this.workshop = new Workshop(boardId, token, role, person.seat, (code, reason) => {
      this.refused = { code, reason };
      this.refreshConnection();
    });
    this.workshop.subscribe(this.refreshPeople);
    this.commands = boardCommands(this);
  }

  /**
   * Opens the copy on this device and the connection. Paired with `disconnect()` by an effect, so
   * React's StrictMode mount-unmount-mount leaves exactly one of each; the doc (and anything
   * typed) is kept.
   */
  connect(): void {
    if (this.provider) return;
    this.openLocalCopy();
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const serverUrl = `${scheme}//${window.location.host}${WS_PATH_PREFIX.slice(0, -1)}`;
    this.serverUrl = serverUrl;
    this.online = navigator.onLine;
    this.workshop.connect(serverUrl, this.online);
    // disableBc: tabs of one browser must not sync with each other behind the server's back (a
    // projector tab would show edits the server has not stored yet). Without a network there is
    // nothing to try: the 'online' event connects.
    const provider = new WebsocketProvider(serverUrl, this.boardId, this.doc, {
      // The seat makes the server show this person's presence as its record of them.
      params: this.socketParams(),
      disableBc: true,
      connect: this.online,
    });
    this.provider = provider;
    // The server refuses an update it may not accept (a lock came down as this was written) with
    // y-websocket's "permission denied". The change stays here and reaches the board when the
    // lock lifts (the server asks for it then). Later changes must not wait behind it: Yjs
    // applies one client's changes in order, so this device continues under a new client id.
    provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc: unknown, reason: string) => {
        continueUnderNewClientId(this.doc, provider.awareness);
        this.refusal = { problem: socketRefusalProblem(reason), at: Date.now() };
        this.notify();
      });
    };
    provider.awareness.setLocalState({ user: this.presenceUser(), editing: this.editing, focus: this.focus });
    provider.awareness.on('change', this.refreshPresence);
    provider.on('sync', this.refreshConnection);
    provider.on('status', this.refreshConnection);
    provider.on('connection-error', this.attemptFailed);
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && isPermanentClose(event.code)) this.refused = { code: event.code, reason: event.reason };
      this.attemptFailed();
    });
    // A dropped Wi-Fi often leaves the socket looking open for a long while; the browser's own
    // offline signal is faster. Edits made meanwhile stay in the doc (and on this device) and
    // sync on reconnect.
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
    window.addEventListener('pagehide', this.stampSync);
    this.refreshPresence();
    this.refreshConnection();
  }

  disconnect(): void {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    window.removeEventListener('pagehide', this.stampSync);
    this.stampSync();
    this.provider?.awareness.off('change', this.refreshPresence);
    this.provider?.destroy();
    this.workshop.disconnect();
    this.provider = null;
    void this.local?.destroy();
    this.local = null;
  }

  /**
   * The board's document on this device: a reload without network shows the board as it was,
   * with everything written offline, and those edits reach the server on the next connection
   * (the provider sends whatever the server's state vector lacks).
   */
  private openLocalCopy(): void {
    if (!this.savedOnDevice || this.local) return;
    try {
      const local = new IndexeddbPersistence(localDocName(this.boardId), this.doc);
      // y-indexeddb has no error event; `_db` is its open-database promise.
      local._db.catch(() => this.localCopyFailed(local));
      this.local = local;
    } catch {
      this.localCopyFailed(null);
    }
  }

  private localCopyFailed(local: IndexeddbPersistence | null): void {
    if (local && local !== this.local) return;
    this.local = null;
    this.savedOnDevice = false;
    this.refreshConnection();
  }

  private readonly goOffline = (): void => {
    this.online = false;
    this.provider?.disconnect();
    this.workshop.goOffline();
    this.refreshConnection();
  };

  private readonly goOnline = (): void => {
    this.online = true;
    this.lost = false;
    if (!this.refused) {
      this.provider?.connect();
      this.workshop.goOnline();
    }
    this.refreshConnection();
  };

  private readonly attemptFailed = (): void => {
    this.lost = true;
    this.refreshConnection();
  };

  readonly subscribe = this.listeners.subscribe;

  getView = (): BoardView => this.view;
  /** The server's last refusal of a change of this person's, if any. */
  getRefusal = (): { problem: Problem; at: number } | null => this.refusal;
  getPresence = (): PresenceUser[] => this.presence;
  getConnection = (): ConnectionState => this.connection;
  getUndoState = (): UndoState => this.history?.getState() ?? NO_UNDO;

  /** Reverts this person's last step (never anyone else's). 'gone': what it changed was deleted by others. */
  undo(): UndoResult {
    return this.history?.undo() ?? 'nothing';
  }

  redo(): UndoResult {
    return this.history?.redo() ?? 'nothing';
  }

  get identity(): Identity {
    return this.person;
  }

  /**
   * [AT2] Who this person's new notes are by: the person of their seat, which is what the server
   * checks the note against; name and cluster are a copy (the board shows the person's record).
   */
  author(): AuthorInput {
    return { id: seatPerson(this.person.seat) ?? this.person.id, name: this.person.name, cluster: this.person.cluster };
  }

  /** See CommandTarget.awaitingFirstSync (commands.ts). */
  awaitingFirstSync(): boolean {
    return this.role === 'participant' && !this.workshop.synced && this.connection.status === 'connecting';
  }

  /** A new name or cluster: shown to others at once; the person's id (and their notes) stay. */
  setIdentity(identity: Identity): void {
    const seatChanged = identity.seat !== this.person.seat;
    this.person = { ...identity, id: this.person.id };
    this.provider?.awareness.setLocalStateField('user', this.presenceUser());
    this.workshop.setSeat(identity.seat, this.serverUrl, this.online);
    if (seatChanged && this.provider) {
      // A seat that arrives late (someone who joined before seats existed) needs a new socket.
      this.provider.params = this.socketParams();
      if (this.provider.wsconnected) {
        this.provider.disconnect();
        this.provider.connect();
      }
    }
  }

  private socketParams(): Record<string, string> {
    return this.person.seat ? { token: this.token, seat: this.person.seat } : { token: this.token };
  }

  private presenceUser() {
    return { id: this.author().id, name: this.person.name, cluster: this.person.cluster };
  }

  /** Tell others which note this person is typing in (null when none). */
  setEditing(noteId: string | null): void {
    // Opening or closing an editor starts a new undo step: two visits to a note are two steps.
    if (noteId !== this.editing) this.history?.stopCapturing();
    this.editing = noteId;
    this.provider?.awareness.setLocalStateField('editing', noteId);
  }

  /** Tell others which note this person has focused or is editing (null when none). */
  setFocus(noteId: string | null): void {
    if (noteId === this.focus) return;
    this.focus = noteId;
    this.provider?.awareness.setLocalStateField('focus', noteId);
  }

  private readonly refreshConnection = (): void => {
    const provider = this.provider;
    const live = !this.refused && provider !== null && provider.wsconnected && provider.synced;
    if (live) {
      this.lost = false;
      this.stampSync();
    } else if (this.connection.status === 'live') {
      // Everything up to this moment was exchanged.
      this.lastSynced = Date.now();
      saveLastSynced(this.boardId, this.lastSynced);
    }
    this.setConnection(this.deriveConnection(live));
  };

  private deriveConnection(live: boolean): ConnectionState {
    if (this.refused) return { status: 'refused', ...this.refused };
    if (live) return { status: 'live' };
    if (!this.online) return { status: 'offline', lastSynced: this.lastSynced, savedOnDevice: this.savedOnDevice };
    if (this.lost) return { status: 'reconnecting', lastSynced: this.lastSynced };
    return { status: 'connecting' };
  }

  /** While live, remember "now" as the last sync, so a later offline reload can tell when that was. */
  private readonly stampSync = (): void => {
    if (this.connection.status !== 'live' && !(this.provider?.synced && this.provider.wsconnected)) return;
    const now = Date.now();
    this.lastSynced = now;
    this.lastStamp = now;
    saveLastSynced(this.boardId, now);
  };

  private setConnection(next: ConnectionState): void {
    if (sameConnection(this.connection, next)) return;
    this.connection = next;
    this.notify();
  }

  /** [LG1] The page's language changed: who wrote each note, and who is here, are shown in it. */
  languageChanged(): void {
    this.refreshView();
    this.refreshPresence();
    this.workshop.refreshPrivate();
  }

  /** [AT2] Someone joined, left or renamed: every note shows the person's current name and cluster. */
  private readonly refreshPeople = (): void => {
    if (!this.workshop.synced) return;
    const people = this.workshop.getState().people;
    const key = JSON.stringify([...people].map(([id, p]) => [id, p.name, p.cluster]));
    if (this.people && key === this.peopleKey) return;
    this.peopleKey = key;
    this.people = new Map([...people].map(([id, p]) => [id, { name: p.name, cluster: p.cluster }]));
    this.refreshView();
  };

  private readonly refreshView = (): void => {
    this.view = this.viewCache.view(this.people, currentAttributionWords());
    if (this.connection.status === 'live' && Date.now() - this.lastStamp > SYNC_STAMP_INTERVAL_MS) this.stampSync();
    this.notify();
  };

  private readonly refreshPresence = (): void => {
    const users: PresenceUser[] = [];
    this.provider?.awareness.getStates().forEach((raw, clientId) => {
      const state = raw as AwarenessState;
      const user = state.user;
      if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') return;
      users.push({
        clientId,
        id: user.id,
        name: user.name.slice(0, 60),
        clusterLabel: clusterLabel(typeof user.cluster === 'string' ? user.cluster : null, currentAttributionWords()),
        colour: presenceColour(user.id),
        editing: typeof state.editing === 'string' ? state.editing : null,
        focus: typeof state.focus === 'string' ? state.focus : typeof state.editing === 'string' ? state.editing : null,
        isViewer: user.role === 'viewer',
        isSelf: clientId === this.doc.clientID,
      });
    });
    users.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
    this.presence = users;
    this.notify();
  };

  private readonly notify = this.listeners.notify;
}
