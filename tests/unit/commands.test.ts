/** The session's bound commands (client/board/commands.ts): which document, author and origin a change gets. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardCommands, type CommandTarget } from '../../client/board/commands';
import { BoardUndo } from '../../client/board/undo';
import { Workshop } from '../../client/board/workshop';
import { MutationError } from '../../shared/model/errors';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import type { Role } from '../../shared/protocol';
import { boardView } from '../../shared/view/boardView';
import { setControl } from '../../shared/workshop/mutations';
import { alice, recordOrigins } from './support';

/** One person's session without a network: the real Workshop (control and private documents), never connected. */
function session(role: Role = 'participant', options: { awaitingFirstSync?: boolean } = {}) {
  const doc = new Y.Doc();
  const origin = localOrigin('alice');
  const workshop = new Workshop('board-1', 'token', role, role === 'viewer' ? null : 'seat-1', () => undefined);
  const target: CommandTarget = { doc, origin, workshop, author: () => alice, awaitingFirstSync: () => options.awaitingFirstSync ?? false };
  const privateWriting = (on: boolean) => setControl(workshop.control, { privateWriting: on }, serverOrigin('control'));
  return { doc, origin, workshop, commands: boardCommands(target), privateWriting };
}

const texts = (doc: Y.Doc) => [...boardView(doc).notesById.values()].map((note) => note.text);

describe('session.commands', () => {
  it('[TH5, W4] a new note goes to the board, and while private writing is on to the participant’s private notes, by the session’s author and origin', () => {
    const { doc, origin, workshop, commands, privateWriting } = session();
    const privateDoc = workshop.privateDoc!;
    const boardOrigins = recordOrigins(doc);
    const privateOrigins = recordOrigins(privateDoc);
    const shared = commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'On the board');
    privateWriting(true);
    expect(workshop.writesPrivately).toBe(true);
    const mine = commands.addNote({ dimension: 'structure', kind: 'need' }, 'Only mine');
    expect(texts(doc)).toEqual(['On the board']);
    expect(texts(privateDoc)).toEqual(['Only mine']);
    expect(boardView(doc).notesById.get(shared)?.authorId).toBe(alice.id);
    expect(boardView(privateDoc).notesById.get(mine)).toMatchObject({ authorId: alice.id, dimension: 'structure', kind: 'need' });
    privateWriting(false);
    commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'Back on the board');
    expect(texts(doc).sort()).toEqual(['Back on the board', 'On the board']);
    expect(boardOrigins.length).toBe(2);
    expect(privateOrigins.length).toBe(1);
    expect([...boardOrigins, ...privateOrigins].every((o) => o === origin)).toBe(true);
  });

  it('a facilitator’s new notes stay on the board while private writing is on', () => {
    const { doc, workshop, commands, privateWriting } = session('facilitator');
    privateWriting(true);
    commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'For everyone');
    expect(texts(doc)).toEqual(['For everyone']);
    expect(texts(workshop.privateDoc!)).toEqual([]);
  });

  it('while the first connection is under way a new note is refused with a sentence, and nothing is written', () => {
    const { doc, workshop, commands } = session('participant', { awaitingFirstSync: true });
    expect(() => commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'Too early')).toThrow(new MutationError('board.connecting'));
    expect(texts(doc)).toEqual([]);
    expect(texts(workshop.privateDoc!)).toEqual([]);
  });

  it('[U1] every board command is a step of this person’s undo history, and undoing them all leaves the board as it was', () => {
    const { doc, origin, commands } = session();
    const undo = new BoardUndo(doc, origin, () => undefined);
    const before = JSON.stringify(boardView(doc).dimensions);
    const need = commands.addNote({ dimension: 'structure', kind: 'need' }, 'A need');
    undo.stopCapturing();
    const practice = commands.addNote({ dimension: 'structure', kind: 'good-practice' }, 'A practice');
    undo.stopCapturing();
    const other = commands.addNote({ dimension: 'structure', kind: 'good-practice' }, 'Another');
    const steps: (() => unknown)[] = [
      () => commands.editNote(need, 'A sharper need'),
      () => commands.setNoteColour(need, 'amber'),
      () => commands.linkPractice(need, practice),
      () => commands.unlinkPractice(need, practice),
      () => commands.groupNotes([practice, other], { title: 'Practices', dimension: 'structure', kind: 'good-practice' }),
      () => commands.ungroupNotes([practice]),
      () => commands.moveNotes([other], { dimension: 'structure', kind: 'challenge', themeId: null }),
      () => commands.deleteNote(other),
    ];
    for (const step of steps) {
      undo.stopCapturing();
      step();
    }
    expect(boardView(doc).notesById.get(need)).toMatchObject({ text: 'A sharper need', colour: 'amber', authorId: alice.id });
    let undone = 0;
    while (undo.undo() !== 'nothing') undone++;
    expect(undone).toBe(steps.length + 3);
    expect(JSON.stringify(boardView(doc).dimensions)).toBe(before);
  });

  it('themes are renamed, moved and dissolved on the board', () => {
    const { doc, commands } = session();
    const a = commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'One');
    const b = commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'Two');
    const theme = commands.groupNotes([a, b], { title: 'Old', dimension: 'structure', kind: 'challenge' });
    commands.renameTheme(theme, { title: 'New', statement: 'Why' });
    commands.moveTheme(theme, { dimension: 'structure', kind: 'need' });
    const cells = boardView(doc).dimensions.find((d) => d.id === 'structure')!.cells;
    expect(cells.find((c) => c.kind === 'need')!.themes.map((t) => [t.title, t.statement, t.notes.map((n) => n.text)])).toEqual([
      ['New', 'Why', ['One', 'Two']],
    ]);
    commands.dissolveTheme(theme);
    expect(boardView(doc).dimensions.flatMap((d) => d.cells.flatMap((c) => c.themes))).toEqual([]);
    expect(texts(doc).sort()).toEqual(['One', 'Two']);
  });

  it('private notes are edited and deleted in the private document only; a viewer has none to change', () => {
    const { doc, workshop, commands, privateWriting } = session();
    privateWriting(true);
    const mine = commands.addNote({ dimension: 'structure', kind: 'challenge' }, 'Draft');
    commands.editPrivateNote(mine, 'Final');
    expect(texts(workshop.privateDoc!)).toEqual(['Final']);
    expect(() => commands.editNote(mine, 'On the board?')).toThrow(MutationError);
    commands.deletePrivateNote(mine);
    expect(texts(workshop.privateDoc!)).toEqual([]);
    expect(texts(doc)).toEqual([]);

    const viewer = session('viewer');
    expect(() => viewer.commands.editPrivateNote(mine, 'x')).toThrow(new MutationError('privateNotes.participantOnly'));
  });
});
