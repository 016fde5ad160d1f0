import { type FormEvent, useState } from 'react';
import { kindKey } from '../../shared/i18n/catalogue';
import { THEME_STATEMENT_MAX, THEME_TITLE_MAX } from '../../shared/model/schema';
import { useT } from '../i18n/I18n';
import { Dialog, DialogActions } from '../ui/Dialog';
import { useBoard, useBoardView } from './context';

/** "Group as theme": the selected notes become a theme in the cell of the first of them. */
export function GroupDialog({ noteIds, onDone, onClose }: { noteIds: readonly string[]; onDone(): void; onClose(): void }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const view = useBoardView();
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  // Callers pass the live selection in board order; the theme goes to the first note's cell.
  const ordered = noteIds.filter((id) => view.notesById.has(id));
  const first = view.notesById.get(ordered[0] ?? '');
  const dimension = view.dimensions.find((d) => d.id === first?.dimension)?.label;
  const cell = first && dimension ? t('board.place.cell', { dimension, kind: t(kindKey(first.kind)) }) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!first) return onClose();
    const done = run(() => session.commands.groupNotes(ordered, { title, statement, dimension: first.dimension, kind: first.kind }));
    if (done) onDone();
  };

  return (
    <Dialog title={t('board.group.title', { count: noteIds.length })} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>{cell ? t('board.group.place', { cell }) : t('board.group.place.unknown')}</p>
        <label>
          {t('board.theme.title')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={THEME_TITLE_MAX} required autoFocus />
        </label>
        <label>
          {t('board.theme.statement.optional')}
          <textarea value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={THEME_STATEMENT_MAX} rows={3} />
        </label>
        <DialogActions action={t('board.group.action')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
