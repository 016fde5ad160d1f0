/**
 * Everything this person can change, as commands bound to their session: each picks the document
 * (the board, or their private notes), the author and the undo origin, so no component holds a
 * Y.Doc or an origin. A document command runs one named mutation of shared/ (one transaction) and
 * throws MutationError when refused, which `run` (context.tsx) shows to the person. Votes,
 * readiness, revealing and the facilitator's commands are decided by the server: they go over
 * HTTP (workshop.ts) and return promises.
 */
import type * as Y from 'yjs';
import type { Locale } from '../../shared/i18n/locales';
import { MutationError } from '../../shared/model/errors';
import type { ReportTextName } from '../../shared/model/limits';
import { dismissProposal } from '../../shared/model/mutations/dismissals';
import { addLink, linkId, removeLink } from '../../shared/model/mutations/links';
import { setBoardLanguage } from '../../shared/model/mutations/meta';
import { addMeToo, removeMeToo } from '../../shared/model/mutations/meToo';
import { addNote, deleteNote, editNoteText, moveNotes, type MoveTarget, setNoteColour, ungroupNotes } from '../../shared/model/mutations/notes';
import { editReportText, removeClusterProfile, setClusterProfile, setReportSettings } from '../../shared/model/mutations/report';
import { dissolveTheme, groupNotes, moveTheme, renameTheme } from '../../shared/model/mutations/themes';
import type { LocalOrigin } from '../../shared/model/origin';
import type { AuthorInput, ClusterProfileInput, ReportSettingsInput, ThemeInput } from '../../shared/model/schema';
import type { Colour, DimensionId, KindId } from '../../shared/model/vocabulary';
import type { ProposalKind } from '../../shared/suggest/dismissals';
import type { ControlCommand } from '../../shared/workshop/commands';
import type { Workshop } from './workshop';

/** What the commands are bound to: one person's session. */
export interface CommandTarget {
  readonly doc: Y.Doc;
  readonly origin: LocalOrigin;
  readonly workshop: Pick<Workshop, 'privateDoc' | 'writesPrivately' | 'vote' | 'reveal' | 'setReady' | 'command'>;
  author(): AuthorInput;
  /**
   * True while a participant's first connection is under way: nobody knows yet whether private
   * writing is on, so where a new note belongs is not known either. (Offline, notes are written
   * to the board copy here and sent when the connection returns.)
   */
  awaitingFirstSync(): boolean;
}

export interface Cell {
  dimension: DimensionId;
  kind: KindId;
}

export type BoardCommands = ReturnType<typeof boardCommands>;

export function boardCommands(session: CommandTarget) {
  const { doc, origin, workshop } = session;
  const privateDoc = (): Y.Doc => {
    if (!workshop.privateDoc) throw new MutationError('privateNotes.participantOnly');
    return workshop.privateDoc;
  };
  return {
    /**
     * [W4, TH5] A new note in a cell, by this person: while private writing is on, a participant's
     * new notes go to their private notes (the server refuses new notes on the board meanwhile).
     */
    addNote(cell: Cell, text: string): string {
      if (session.awaitingFirstSync()) throw new MutationError('board.connecting');
      const target = workshop.writesPrivately ? privateDoc() : doc;
      return addNote(target, { text, dimension: cell.dimension, kind: cell.kind, author: session.author() }, origin);
    },
    editNote: (noteId: string, text: string): void => editNoteText(doc, noteId, text, origin),
    setNoteColour: (noteId: string, colour: Colour | null): void => setNoteColour(doc, noteId, colour, origin),
    deleteNote: (noteId: string): void => deleteNote(doc, noteId, origin),
    moveNotes: (noteIds: readonly string[], target: MoveTarget): void => moveNotes(doc, noteIds, target, origin),
    ungroupNotes: (noteIds: readonly string[]): void => ungroupNotes(doc, noteIds, origin),

    /** Gathers the notes (in this order) into a new theme; returns its id. */
    groupNotes: (noteIds: readonly string[], theme: Omit<ThemeInput, 'noteIds'>): string => groupNotes(doc, noteIds, theme, origin),
    renameTheme: (themeId: string, change: { title?: string; statement?: string }): void => renameTheme(doc, themeId, change, origin),
    dissolveTheme: (themeId: string): void => dissolveTheme(doc, themeId, origin),
    moveTheme: (themeId: string, target: Cell & { index?: number }): void => moveTheme(doc, themeId, target, origin),

    linkPractice: (needId: string, practiceId: string): string => addLink(doc, needId, practiceId, session.author().id, origin),
    unlinkPractice: (needId: string, practiceId: string): void => removeLink(doc, linkId(needId, practiceId), origin),

    /** [SU3] Adds this person's voice to someone else's note (idempotent); takeBackMeToo removes it. */
    meToo: (noteId: string): void => addMeToo(doc, noteId, session.author().id, origin),
    takeBackMeToo: (noteId: string): void => removeMeToo(doc, noteId, session.author().id, origin),
    /** [SU6] A facilitator's "not this one" for a proposal, for the whole board (undo brings it back). */
    dismissProposal: (kind: ProposalKind, key: string): string => dismissProposal(doc, kind, key, session.author().id, origin),

    editPrivateNote: (noteId: string, text: string): void => editNoteText(privateDoc(), noteId, text, origin),
    deletePrivateNote: (noteId: string): void => deleteNote(privateDoc(), noteId, origin),
    /** Puts all of this person's private notes on the board; resolves to how many. */
    revealPrivateNotes: (): Promise<number> => workshop.reveal(),

    /** [LG3] The board's language (a facilitator's setting; the server refuses it from anyone else). */
    setBoardLanguage: (language: Locale): void => setBoardLanguage(doc, language, origin),

    /** [RC3] The report's content: a facilitator's (the server refuses it from anyone else). */
    setReportSettings: (change: ReportSettingsInput): void => setReportSettings(doc, change, origin),
    setClusterProfile: (cluster: string, change: ClusterProfileInput): void => setClusterProfile(doc, cluster, change, origin),
    removeClusterProfile: (cluster: string): void => removeClusterProfile(doc, cluster, origin),
    /** Types into the introduction or conclusion, like a note's text: concurrent typing elsewhere is kept. */
    editReportText: (name: ReportTextName, text: string): void => editReportText(doc, name, text, origin),

    vote: (noteId: string, change: 1 | -1): Promise<void> => workshop.vote(noteId, change),
    setReady: (ready: boolean): Promise<void> => workshop.setReady(ready),
    /** A facilitator's command (step, timer, lock, voting round, ...). */
    control: (command: ControlCommand): Promise<void> => workshop.command(command),
  };
}
