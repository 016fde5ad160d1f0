import { type FormEvent, useState } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { THEME_STATEMENT_MAX, THEME_TITLE_MAX } from '../../../shared/model/schema';
import { useT } from '../../i18n/I18n';
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
  const { t } = useT();
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
  const dimension = view.dimensions.find((d) => d.id === note.dimension)?.label ?? note.dimension;
  const where = t('board.place.cell', { dimension, kind: t(kindKey(note.kind)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const place = { dimension: note.dimension, kind: note.kind };
    const done = run(() => {
      if (choice === NEW) session.commands.groupNotes(moving, { ...place, title, statement });
      else session.commands.moveNotes(moving, { ...place, themeId: choice });
    });
    if (!done) return;
    onDone();
    announce(t('board.groupWith.done', { place: describeNotePlace(session.getView(), noteId) }));
    focusNoteSoon(noteId);
  };

  return (
    <Dialog title={t('board.groupWith.title', { note: quote(note.text) })} onClose={onClose}>
      <form className="form group-with" onSubmit={submit}>
        <p>{others === 0 ? t('board.groupWith.place', { cell: where }) : t('board.groupWith.place.more', { count: others, cell: where })}</p>
        {themes.length > 0 && (
          <fieldset className="group-choices">
            <legend>{t('board.theme.field')}</legend>
            {themes.map((theme) => (
              <label key={theme.id} className="group-choice">
                <input type="radio" name="group-theme" value={theme.id} checked={choice === theme.id} onChange={() => setChoice(theme.id)} />
                {t('board.groupWith.join', { title: theme.title })}
              </label>
            ))}
            <label className="group-choice">
              <input type="radio" name="group-theme" value={NEW} checked={choice === NEW} onChange={() => setChoice(NEW)} />
              {t('board.groupWith.new')}
            </label>
          </fieldset>
        )}
        {choice === NEW && (
          <>
            <label>
              {t('board.theme.title')}
              <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={THEME_TITLE_MAX} required autoFocus />
            </label>
            <label>
              {t('board.theme.statement.optional')}
              <textarea value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={THEME_STATEMENT_MAX} rows={3} />
            </label>
          </>
        )}
        <DialogActions action={t('board.group.action')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
