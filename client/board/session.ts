/**
 * A board session outside React: the Y.Doc, the y-websocket provider, the derived BoardView and
 * presence. React subscribes to it (useSyncExternalStore); it never touches Y types itself.
 * Document state (doc), presence (awareness, never persisted) and local UI state stay apart.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { localOrigin, type LocalOrigin } from '../../shared/model/origin';
import { clusterLabel } from '../../shared/model/vocabulary';
import { WS_PATH_PREFIX, isPermanentClose, type Role } from '../../shared/protocol';
import { boardView, type BoardView } from '../../shared/view/boardView';
import { presenceColour, type Identity } from './identity';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'live' }
  | { status: 'reconnecting' }
  | { status: 'refused'; code: number; reason: string };

export interface PresenceUser {
  clientId: number;
  id: string;
  name: string;
  clusterLabel: string;
  colour: string;
  editing: string | null;
  isSelf: boolean;
}

interface AwarenessState {
  user?: { id?: unknown; name?: unknown; cluster?: unknown };
  editing?: unknown;
}

type Listener = () => void;

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly origin: LocalOrigin;
  private provider: WebsocketProvider | null = null;
  private view: BoardView;
  private presence: PresenceUser[] = [];
  private connection: ConnectionState = { status: 'connecting' };
  private everSynced = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly boardId: string,
    private readonly token: string,
    readonly role: Role,
    private person: Identity,
  ) {
    this.origin = localOrigin(person.id);
    this.view = boardView(this.doc);
    this.doc.on('update', this.refreshView);
  }

  /**
   * Opens the connection. Paired with `disconnect()` by an effect, so React's StrictMode
   * mount-unmount-mount leaves exactly one provider; the doc (and anything typed) is kept.
   */
  connect(): void {
    if (this.provider) return;
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const serverUrl = `${scheme}//${window.location.host}${WS_PATH_PREFIX.slice(0, -1)}`;
    // disableBc: tabs of one browser must not sync with each other behind the server's back (a
    // projector tab would show edits the server has not stored yet).
    const provider = new WebsocketProvider(serverUrl, this.boardId, this.doc, {
      params: { token: this.token },
      disableBc: true,
    });
    this.provider = provider;
    provider.awareness.setLocalState({ user: this.presenceUser(), editing: null });
    provider.awareness.on('change', this.refreshPresence);
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.everSynced = true;
        this.setConnection({ status: 'live' });
      }
    });
    provider.on('status', ({ status }: { status: string }) => {
      if (this.connection.status === 'refused') return;
      if (status === 'disconnected' || (status === 'connecting' && this.everSynced)) {
        this.setConnection({ status: this.everSynced ? 'reconnecting' : 'connecting' });
      }
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && isPermanentClose(event.code)) {
        this.setConnection({ status: 'refused', code: event.code, reason: event.reason });
      }
    });
    // A dropped Wi-Fi often leaves the socket looking open for a long while; the browser's own
    // offline signal is faster. Edits made meanwhile stay in the doc and sync on reconnect.
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
    this.refreshPresence();
  }

  disconnect(): void {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    this.provider?.awareness.off('change', this.refreshPresence);
    this.provider?.destroy();
    this.provider = null;
  }

  private readonly goOffline = (): void => {
    this.provider?.disconnect();
    if (this.connection.status !== 'refused') this.setConnection({ status: this.everSynced ? 'reconnecting' : 'connecting' });
  };

  private readonly goOnline = (): void => {
    if (this.connection.status !== 'refused') this.provider?.connect();
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): BoardView => this.view;
  getPresence = (): PresenceUser[] => this.presence;
  getConnection = (): ConnectionState => this.connection;

  get identity(): Identity {
    return this.person;
  }

  /** A new name or cluster: shown to others at once; the person's id (and their notes) stay. */
  setIdentity(identity: Identity): void {
    this.person = { ...identity, id: this.person.id };
    this.provider?.awareness.setLocalStateField('user', this.presenceUser());
  }

  private presenceUser() {
    return { id: this.person.id, name: this.person.name, cluster: this.person.cluster };
  }

  /** Tell others which note this person is typing in (null when none). */
  setEditing(noteId: string | null): void {
    this.provider?.awareness.setLocalStateField('editing', noteId);
  }

  private setConnection(next: ConnectionState): void {
    this.connection = next;
    this.notify();
  }

  private readonly refreshView = (): void => {
    this.view = boardView(this.doc);
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
        clusterLabel: clusterLabel(typeof user.cluster === 'string' ? user.cluster : null),
        colour: presenceColour(user.id),
        editing: typeof state.editing === 'string' ? state.editing : null,
        isSelf: clientId === this.doc.clientID,
      });
    });
    users.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
    this.presence = users;
    this.notify();
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
