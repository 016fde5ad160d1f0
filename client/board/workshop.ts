/**
 * The workshop side of a board session: the control document (run-sheet, timer, lock, votes; only
 * the server writes it), this person's private document (notes written in private, kept on this
 * device too), their votes, and the server clock. Like BoardSession, React subscribes to it and
 * never touches Y types.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CONTROL_DOC, isPermanentClose, type Role, roomName } from '../../shared/protocol';
import type { BoardView } from '../../shared/view/boardView';
import { BoardViewCache } from '../../shared/view/viewCache';
import type { ControlCommand, MyVotes } from '../../shared/workshop/commands';
import { type ControlState, publishedVotes, readControl } from '../../shared/workshop/control';
import { resultsVisible } from '../../shared/workshop/voting';
import { currentAttributionWords } from '../i18n/current';
import { Listeners } from '../store';
import { type Caller, castVote, fetchMyVotes, measureClockOffset, revealMine, sendCommand, setReady } from '../workshopApi';
import { seatPerson } from './identity';

const NO_VOTES: MyVotes = { roundId: null, budget: 0, used: 0, notes: {} };

/** Votes as a note shows them: this person's, and the published total (null while hidden). */
export interface NoteVotes {
  mine: number;
  total: number | null;
}

export class Workshop {
  readonly control = new Y.Doc();
  /** This person's private notes; null for viewers. */
  readonly privateDoc: Y.Doc | null;
  private controlProvider: WebsocketProvider | null = null;
  private privateProvider: WebsocketProvider | null = null;
  private privateLocal: IndexeddbPersistence | null = null;
  private state: ControlState;
  private totals = new Map<string, number>();
  private privateCache: BoardViewCache | null;
  private privateView: BoardView | null;
  private votes: MyVotes = NO_VOTES;
  private offset = 0;
  private syncedOnce = false;
  private readonly listeners = new Listeners();

  constructor(
    private readonly boardId: string,
    private readonly token: string,
    readonly role: Role,
    private seat: string | null,
    private readonly onRefused: (code: number, reason: string) => void,
  ) {
    this.state = readControl(this.control);
    this.privateDoc = role === 'viewer' ? null : new Y.Doc();
    this.privateCache = this.privateDoc ? new BoardViewCache(this.privateDoc) : null;
    this.privateView = this.privateCache?.view(undefined, currentAttributionWords()) ?? null;
    this.control.on('update', this.refreshControl);
    this.privateDoc?.on('update', this.refreshPrivate);
  }

  /** The control document has caught up with the server at least once since connecting. */
  get synced(): boolean {
    return this.syncedOnce;
  }

  get personId(): string | null {
    return seatPerson(this.seat);
  }

  private get caller(): Caller {
    return { boardId: this.boardId, token: this.token, seat: this.seat };
  }

  connect(serverUrl: string, online: boolean): void {
    if (this.controlProvider) return;
    this.controlProvider = this.provider(serverUrl, roomName(this.boardId, CONTROL_DOC), this.control, { token: this.token }, online);
    this.controlProvider.once('sync', () => {
      this.syncedOnce = true;
      // The board shows names from the people only once they are known (session.ts).
      this.notify();
    });
    this.openPrivate(serverUrl, online);
    void measureClockOffset().then(
      (offset) => {
        this.offset = offset;
        this.notify();
      },
      () => undefined,
    );
  }

  /** A seat arrived (a person who joined before seats existed): open their private notes. */
  setSeat(seat: string | null, serverUrl: string, online: boolean): void {
    if (seat === this.seat) return;
    this.seat = seat;
    if (this.controlProvider) this.openPrivate(serverUrl, online);
    this.refreshVotes();
  }

  private openPrivate(serverUrl: string, online: boolean): void {
    const personId = this.personId;
    if (!this.privateDoc || !personId || !this.seat || this.privateProvider) return;
    if (typeof indexedDB !== 'undefined') {
      try {
        this.privateLocal = new IndexeddbPersistence(`clusterboard:${this.boardId}:private:${personId}`, this.privateDoc);
        this.privateLocal._db.catch(() => (this.privateLocal = null));
      } catch {
        this.privateLocal = null;
      }
    }
    this.privateProvider = this.provider(
      serverUrl,
      roomName(this.boardId, { kind: 'private', personId }),
      this.privateDoc,
      { token: this.token, seat: this.seat },
      online,
    );
  }

  private provider(serverUrl: string, room: string, doc: Y.Doc, params: Record<string, string>, online: boolean): WebsocketProvider {
    const provider = new WebsocketProvider(serverUrl, room, doc, { params, disableBc: true, connect: online });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && isPermanentClose(event.code)) this.onRefused(event.code, event.reason);
    });
    return provider;
  }

  goOnline(): void {
    this.controlProvider?.connect();
    this.privateProvider?.connect();
  }

  goOffline(): void {
    this.controlProvider?.disconnect();
    this.privateProvider?.disconnect();
  }

  disconnect(): void {
    this.controlProvider?.destroy();
    this.privateProvider?.destroy();
    void this.privateLocal?.destroy();
    this.controlProvider = null;
    this.privateProvider = null;
    this.privateLocal = null;
  }

  readonly subscribe = this.listeners.subscribe;

  getState = (): ControlState => this.state;
  getPrivateView = (): BoardView | null => this.privateView;
  getMyVotes = (): MyVotes => this.votes;

  /** This device's clock corrected to the server's, for the shared timer. */
  serverNow(): number {
    return Date.now() + this.offset;
  }

  noteVotes(noteId: string): NoteVotes {
    const round = this.state.round;
    const hidden = round !== null && !resultsVisible(round);
    const mine = round?.status === 'open' ? (this.votes.notes[noteId] ?? 0) : 0;
    return { mine, total: hidden ? null : (this.totals.get(noteId) ?? 0) };
  }

  get votingOpen(): boolean {
    return this.state.round?.status === 'open' && this.role !== 'viewer' && this.seat !== null;
  }

  /** Where this person's new notes go right now: their private space while private writing is on. */
  get writesPrivately(): boolean {
    return this.state.privateWriting && this.role === 'participant' && this.privateDoc !== null && this.seat !== null;
  }

  async command(command: ControlCommand): Promise<void> {
    await sendCommand(this.caller, command);
  }

  async vote(noteId: string, change: 1 | -1): Promise<void> {
    this.votes = await castVote(this.caller, noteId, change);
    this.notify();
  }

  async setReady(ready: boolean): Promise<void> {
    await setReady(this.caller, ready);
  }

  async reveal(): Promise<number> {
    return (await revealMine(this.caller)).revealed;
  }

  private readonly refreshControl = (): void => {
    const previousRound = this.state.round;
    this.state = readControl(this.control);
    this.totals = publishedVotes(this.state);
    const round = this.state.round;
    if (round?.id !== previousRound?.id || round?.status !== previousRound?.status) this.refreshVotes();
    this.notify();
  };

  private refreshVotes(): void {
    if (!this.seat || this.role === 'viewer') return;
    fetchMyVotes(this.caller).then(
      (votes) => {
        this.votes = votes;
        this.notify();
      },
      () => undefined,
    );
  }

  /** Also when the page's language changes: the private notes' attributions are shown in it. */
  readonly refreshPrivate = (): void => {
    this.privateView = this.privateCache?.view(undefined, currentAttributionWords()) ?? null;
    this.notify();
  };

  private notify(): void {
    this.listeners.notify();
  }
}
