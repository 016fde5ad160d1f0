/**
 * Running a workshop: the server side of every facilitator control and of the participant actions
 * that need the server's word (votes, readiness, revealing private notes). All of them change the
 * control document (only the server writes it) or move notes between documents, one board at a
 * time: each board's actions run one after another, so two votes cannot both take the last one
 * of a budget.
 */
import { notesMap } from '../../shared/model/doc';
import { newId } from '../../shared/model/ids';
import { MAX_NOTES_PER_REVEAL } from '../../shared/model/limits';
import { addNotes, deleteNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { type AddNoteInput, NOTE_TEXT_MAX } from '../../shared/model/schema';
import type { DimensionId } from '../../shared/model/vocabulary';
import { CONTROL_DOC, type DocName, type Seat } from '../../shared/protocol';
import { type BoardExport, exportJson } from '../../shared/report/json';
import { boardView } from '../../shared/view/boardView';
import type { ControlCommand, MyVotes } from '../../shared/workshop/commands';
import {
  type ControlState,
  type FocusState,
  isRestricted,
  OPEN_LOCK,
  type PersonStatus,
  publishedVotes,
  readControl,
  readWriteRules,
  type Step,
} from '../../shared/workshop/control';
import { setControl, updatePeople } from '../../shared/workshop/mutations';
import { beforeStepName } from '../../shared/workshop/snapshotName';
import { mayWrite } from '../../shared/workshop/writeRule';
import { DEFAULT_SEAT_LIMITS, SeatAddresses, type SeatLimits } from '../access/people';
import type { Logger } from '../log';
import type { BoardRecord, BoardStore, HistoryEntry, PersonRecord } from '../storage/store';
import type { Room } from '../sync/room';
import type { Rooms } from '../sync/rooms';
import { WorkshopError } from './errors';
import { readSnapshot, snapshotState } from './history';
import {
  changeStatus,
  join as joinPerson,
  type JoinRequest,
  mergeClusters,
  type PeopleDeps,
  type PersonFields,
  type PersonSummary,
  remove as removePerson,
  rename as renamePerson,
  summaries,
} from './people';
import { MINUTE, nextTimer } from './timer';
import { closeRound, openRound, readMyVotes, vote as castVote } from './votes';

const CONTROL_ORIGIN = serverOrigin('control');

export interface WorkshopDeps {
  store: BoardStore;
  rooms: Rooms;
  log: Logger;
  seats?: Partial<SeatLimits>;
}

export class Workshop {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly countsDue = new Set<string>();

  private readonly people: PeopleDeps;

  constructor(private readonly deps: WorkshopDeps) {
    this.people = {
      store: deps.store,
      rooms: deps.rooms,
      limits: { ...DEFAULT_SEAT_LIMITS, ...deps.seats },
      addresses: new SeatAddresses(),
    };
  }

  /** Runs `action` after every earlier action on the same board has finished. */
  private serial<T>(boardId: string, action: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous.then(action, action);
    const settled = next.catch(() => undefined);
    this.queues.set(boardId, settled);
    void settled.then(() => {
      if (this.queues.get(boardId) === settled) this.queues.delete(boardId);
    });
    return next;
  }

  private control(boardId: string): Promise<Room> {
    return this.deps.rooms.acquire(boardId, CONTROL_DOC);
  }

  private board(boardId: string): Promise<Room> {
    return this.deps.rooms.acquire(boardId);
  }

  // ---- People ----

  /** [SE1, SE2] Joins a person, or gives the browser back the seat it holds (server/workshop/people.ts). */
  join(boardId: string, request: JoinRequest): Promise<{ seat: Seat; created: boolean }> {
    return this.serial(boardId, async () => {
      const { seat, created } = await joinPerson(this.people, await this.control(boardId), boardId, request);
      return { seat, created };
    });
  }

  /** A person's own new name or cluster ([SE3]: not the cluster while a round is open). */
  async rename(person: PersonRecord, fields: PersonFields): Promise<void> {
    await this.serial(person.boardId, async () => {
      // Read again in the board's turn: a merge may have moved them meanwhile.
      const current = await this.deps.store.getPerson(person.boardId, person.id);
      if (!current) throw new WorkshopError('unseated', 'seat.expired');
      await renamePerson(this.people, await this.control(person.boardId), current, fields);
    });
  }

  /** The facilitator's list of people, with each one's votes even while a round hides them. */
  listPeople(boardId: string): Promise<PersonSummary[]> {
    return this.serial(boardId, async () => summaries(this.people, await this.control(boardId), boardId));
  }

  /** Keeps the facilitator's count of a person's private notes (never their text) up to date. */
  privateChanged(room: Room, name: DocName): void {
    if (name.kind !== 'private') return;
    // One count per burst of typing: queued once, counted when it runs.
    const key = `${room.boardId}/${name.personId}`;
    if (this.countsDue.has(key)) return;
    this.countsDue.add(key);
    void this.serial(room.boardId, async () => {
      this.countsDue.delete(key);
      if (!room.isOpen) return;
      const count = boardView(room.doc).noteCount;
      const control = await this.control(room.boardId);
      changeStatus(control, name.personId, (status) => (status.privateCount === count ? null : { ...status, privateCount: count }));
    }).catch((error: unknown) => this.deps.log.error('could not count private notes', { board: room.boardId, error }));
  }

  async setReady(person: PersonRecord, ready: boolean): Promise<void> {
    await this.serial(person.boardId, async () => {
      const control = await this.control(person.boardId);
      changeStatus(control, person.id, (status) => (status.ready === ready ? null : { ...status, ready }));
    });
  }

  // ---- Facilitator commands ----

  async command(board: BoardRecord, facilitator: PersonRecord | null, command: ControlCommand): Promise<void> {
    await this.serial(board.id, async () => {
      const control = await this.control(board.id);
      const state = readControl(control.doc);
      switch (command.type) {
        case 'setSteps': {
          const ids = new Set(command.steps.map((s) => s.id));
          if (ids.size !== command.steps.length) throw new WorkshopError('invalid', 'runSheet.duplicateStep');
          // The running step keeps running: it is found again by id when the list is reordered.
          const running = state.steps[state.currentStep];
          const index = running ? command.steps.findIndex((s) => s.id === running.id) : -1;
          setControl(control.doc, { steps: command.steps, currentStep: index }, CONTROL_ORIGIN);
          return;
        }
        case 'startStep': {
          const step = state.steps[command.index];
          if (!step) throw new WorkshopError('invalid', 'runSheet.noSuchStep');
          // [RD13] The facilitator who started the step took it ('' when their seat is not known).
          await this.takeSnapshot(board.id, beforeStepName(command.index + 1, step.title), facilitator?.name ?? '');
          await this.startStep(board.id, control, command.index, step, facilitator);
          return;
        }
        case 'timer':
          setControl(control.doc, { timer: nextTimer(state.timer, command.action, command.minutes, Date.now()) }, CONTROL_ORIGIN);
          return;
        case 'privateWriting':
          setControl(control.doc, { privateWriting: command.on }, CONTROL_ORIGIN);
          if (!command.on) (await this.board(board.id)).resync();
          return;
        case 'lock':
          setControl(control.doc, { lock: command.lock }, CONTROL_ORIGIN);
          (await this.board(board.id)).resync();
          return;
        case 'openVoting':
          await openRound(this.deps.store, board.id, control, command.config, command.title ?? 'Vote');
          return;
        case 'closeVoting':
          await closeRound(this.deps.store, board.id, control);
          return;
        case 'revealAll': {
          // Everyone's, each on its own: one person's failure leaves the others revealed.
          let failed = 0;
          for (const person of await this.deps.store.listPeople(board.id)) {
            try {
              // The facilitator's command: the write rule lets them reveal into locked dimensions too.
              await this.reveal(person, 'facilitator');
            } catch (error) {
              failed++;
              this.deps.log.error('revealing private notes failed', { board: board.id, person: person.id, error });
            }
          }
          if (failed > 0) throw new WorkshopError('unavailable', 'reveal.failed', { count: failed });
          return;
        }
        case 'bringHere':
          setControl(control.doc, { focus: nextFocus(state, command.dimension, facilitator) }, CONTROL_ORIGIN);
          return;
        case 'showResults': {
          // [OV7] Only a closed round's results are shown: an open round's may still be hidden.
          if (!command.show) {
            setControl(control.doc, { resultsView: null }, CONTROL_ORIGIN);
            return;
          }
          if (state.round?.status !== 'closed') throw new WorkshopError('conflict', 'results.voteNotClosed');
          setControl(control.doc, { resultsView: { roundId: state.round.id, seq: (state.resultsView?.seq ?? 0) + 1 } }, CONTROL_ORIGIN);
          return;
        }
        case 'resetReady':
          updatePeople(control.doc, notReady, CONTROL_ORIGIN);
          return;
        case 'removePerson':
          await removePerson(this.people, control, board.id, command.personId);
          return;
        case 'mergeClusters':
          await mergeClusters(this.people, control, board.id, command.from, command.into);
          return;
      }
    });
  }

  /** Applies every setting of a step at once: one control transaction, then the voting round. */
  private async startStep(boardId: string, control: Room, index: number, step: Step, facilitator: PersonRecord | null): Promise<void> {
    const state = readControl(control.doc);
    const wasRestricted = isRestricted(state);
    const durationMs = Math.round(step.minutes * MINUTE);
    control.doc.transact(() => {
      setControl(
        control.doc,
        {
          currentStep: index,
          privateWriting: step.privateWriting,
          lock: step.locked ? { board: true, dimensions: [] } : OPEN_LOCK,
          timer: durationMs > 0 ? { durationMs, endsAt: Date.now() + durationMs, remainingMs: null } : null,
          ...(step.dimension ? { focus: nextFocus(state, step.dimension, facilitator) } : {}),
        },
        CONTROL_ORIGIN,
      );
      updatePeople(control.doc, notReady, CONTROL_ORIGIN);
    }, CONTROL_ORIGIN);
    if (step.voting) await openRound(this.deps.store, boardId, control, step.voting, step.title);
    else await closeRound(this.deps.store, boardId, control);
    // Any unlocked step may allow what the last one refused (an edit refused by a lock is allowed
    // during private writing too).
    if (wasRestricted && !step.locked) (await this.board(boardId)).resync();
  }

  // ---- Votes ----

  /** [WV1-WV4] Casts or takes back one vote as `person` (server/workshop/votes.ts). */
  vote(person: PersonRecord, noteId: string, change: 1 | -1): Promise<MyVotes> {
    return this.serial(person.boardId, () => castVote(this.deps, person, noteId, change));
  }

  myVotes(person: PersonRecord): Promise<MyVotes> {
    return readMyVotes(this.deps, person);
  }

  // ---- Private notes ----

  /** Moves a person's private notes onto the board (by them, or by the facilitator for everyone). */
  async revealOwn(person: PersonRecord): Promise<number> {
    return this.serial(person.boardId, async () => {
      const control = await this.control(person.boardId);
      // [HC3] Asked with no dimension, the write rule refuses a reveal only while the board is locked.
      if (!mayWrite(person.role, readWriteRules(control.doc), 'reveal', null).ok) throw new WorkshopError('locked', 'reveal.locked');
      return this.reveal(person, person.role);
    });
  }

  /**
   * Moves a person's private notes onto the board, credited to them as the server knows them. The
   * private copies are deleted only once the board has stored the notes, so a storage failure
   * leaves them private rather than lost. Notes the write rule refuses `actor` (a participant's
   * own reveal: those of locked dimensions) stay private.
   */
  private async reveal(person: PersonRecord, actor: PersonRecord['role']): Promise<number> {
    const { boardId } = person;
    const privateRoom = await this.deps.rooms.acquire(boardId, { kind: 'private', personId: person.id });
    const rules = readWriteRules((await this.control(boardId)).doc);
    const notes = [...boardView(privateRoom.doc).notesById.values()].filter((note) => mayWrite(actor, rules, 'reveal', note.dimension).ok);
    if (notes.length === 0) return 0;
    const board = await this.board(boardId);
    const inputs = notes
      .filter((note) => note.text.trim() !== '')
      .map((note): AddNoteInput => {
        const input: AddNoteInput = {
          text: note.text.slice(0, NOTE_TEXT_MAX),
          dimension: note.dimension,
          kind: note.kind,
          author: { id: person.id, name: person.name, cluster: person.cluster },
        };
        // The same id, so the author's screen shows the note staying put as it changes documents.
        return notesMap(board.doc).has(note.id) ? input : { ...input, id: note.id };
      });
    addNotes(board.doc, inputs, CONTROL_ORIGIN, { most: MAX_NOTES_PER_REVEAL, code: 'reveal.tooMany' });
    try {
      await board.flushed();
    } catch {
      throw new WorkshopError('unavailable', 'reveal.storeFailed');
    }
    privateRoom.doc.transact(() => {
      for (const note of notes) deleteNote(privateRoom.doc, note.id, CONTROL_ORIGIN);
    }, CONTROL_ORIGIN);
    return inputs.length;
  }

  // ---- History ----

  /** A named snapshot; `author` is the taker's name now, kept as it is if they rename later ('' when unknown). */
  async snapshot(boardId: string, name: string, author: string): Promise<HistoryEntry> {
    return this.serial(boardId, () => this.takeSnapshot(boardId, name, author));
  }

  private async takeSnapshot(boardId: string, name: string, author: string): Promise<HistoryEntry> {
    const board = await this.board(boardId);
    const votes = publishedVotes(readControl((await this.control(boardId)).doc));
    const entry: HistoryEntry = { id: newId(12), name, createdAt: Date.now(), notes: notesMap(board.doc).size, author };
    await this.deps.store.addHistory(boardId, entry, snapshotState(board.doc, votes));
    return entry;
  }

  /** [SE7] A snapshot as a board export, with the vote totals published when it was taken; names from the people now (AT2). */
  async exportSnapshot(boardId: string, entryId: string): Promise<BoardExport> {
    const { view, votes, people, report } = await readSnapshot(this.deps.store, boardId, entryId, async () =>
      publishedVotes(readControl((await this.control(boardId)).doc)),
    );
    return exportJson(view, new Date(), votes, people, report);
  }
}

/** Everyone's "I'm done" cleared (a new step). */
const notReady = (status: PersonStatus): PersonStatus | null => (status.ready ? { ...status, ready: false } : null);

/** "Bring everyone here": a new call, so the same dimension twice still moves people. */
function nextFocus(state: ControlState, dimension: DimensionId, facilitator: PersonRecord | null): FocusState {
  return { dimension, seq: (state.focus?.seq ?? 0) + 1, by: facilitator?.name ?? 'The facilitator' };
}
