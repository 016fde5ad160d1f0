import { type FormEvent, useState } from 'react';
import { THEME_STATEMENT_MAX, THEME_TITLE_MAX } from '../../../shared/model/schema';
import { kindLabel } from '../../../shared/model/vocabulary';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { useBoard, useBoardView } from '../context';
import { describeNotePlace } from '../dnd/apply';
import { quote } from '../quote';
import { announce } from './announce';
import { focusNoteSoon } from './roving';

const NEW = 'new';

/**
 * "Group with…" from a note's menu: the note (with the selected notes, if any) joins a theme of
 * its cell, or becomes a new theme there. Afterwards the note keeps the focus in its new place,
 * and the page does not move (NA2).
 */
export function GroupWithDialog({
  noteId,
  noteIds,
  onDone,
  onClose,
}: {
  noteId: string;
  noteIds: readonly string[];
  onDone(): void;
  onClose(): void;
}) {
  const { session, run } = useBoard();
  const view = useBoardView();
  const note = view.notesById.get(noteId);
  const cell = view.dimensions.find((d) => d.id === note?.dimension)?.cells.find((c) => c.kind === note?.kind);
  const themes = (cell?.themes ?? []).filter((theme) => theme.id !== note?.themeId);
  const [choice, setChoice] = useState<string>(NEW);
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  if (!note || !cell) return null;
  const moving = [noteId, ...noteIds.filter((id) => id !== noteId && view.notesById.has(id))];
  const others = moving.length - 1;
  const where = `${view.dimensions.find((d) => d.id === note.dimension)?.label ?? ''} / ${kindLabel(note.kind)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const place = { dimension: note.dimension, kind: note.kind };
    const done = run(() => {
      if (choice === NEW) session.commands.groupNotes(moving, { ...place, title, statement });
      else session.commands.moveNotes(moving, { ...place, themeId: choice });
    });
    if (!done) return;
    onDone();
    announce(`Grouped. ${describeNotePlace(session.getView(), noteId)}`);
    focusNoteSoon(noteId);
  };

  return (
    <Dialog title={`Group ${quote(note.text)} with…`} onClose={onClose}>
      <form className="form group-with" onSubmit={submit}>
        <p>
          {others === 0
            ? `The theme is in ${where}.`
            : `${others === 1 ? 'The 1 selected note goes' : `The ${others} selected notes go`} with it; the theme is in ${where}.`}
        </p>
        {themes.length > 0 && (
          <fieldset className="group-choices">
            <legend>Theme</legend>
            {themes.map((theme) => (
              <label key={theme.id} className="group-choice">
                <input type="radio" name="group-theme" value={theme.id} checked={choice === theme.id} onChange={() => setChoice(theme.id)} />
                {`Join “${theme.title}”`}
              </label>
            ))}
            <label className="group-choice">
              <input type="radio" name="group-theme" value={NEW} checked={choice === NEW} onChange={() => setChoice(NEW)} />A new theme
            </label>
          </fieldset>
        )}
        {choice === NEW && (
          <>
            <label>
              Theme title
              <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={THEME_TITLE_MAX} required autoFocus />
            </label>
            <label>
              Theme statement (optional: one or two sentences for the report)
              <textarea value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={THEME_STATEMENT_MAX} rows={3} />
            </label>
          </>
        )}
        <DialogActions action="Group" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
