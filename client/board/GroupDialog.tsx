import { type FormEvent, useState } from 'react';
import { THEME_STATEMENT_MAX, THEME_TITLE_MAX } from '../../shared/model/schema';
import { kindLabel } from '../../shared/model/vocabulary';
import { Dialog, DialogActions } from '../ui/Dialog';
import { useBoard, useBoardView } from './context';

/** "Group as theme": the selected notes become a theme in the cell of the first of them. */
export function GroupDialog({ noteIds, onDone, onClose }: { noteIds: readonly string[]; onDone(): void; onClose(): void }) {
  const { session, run } = useBoard();
  const view = useBoardView();
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  // Callers pass the live selection in board order; the theme goes to the first note's cell.
  const ordered = noteIds.filter((id) => view.notesById.has(id));
  const first = view.notesById.get(ordered[0] ?? '');
  const cell = first ? `${view.dimensions.find((d) => d.id === first.dimension)?.label} / ${kindLabel(first.kind)}` : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!first) return onClose();
    const done = run(() => session.commands.groupNotes(ordered, { title, statement, dimension: first.dimension, kind: first.kind }));
    if (done) onDone();
  };

  return (
    <Dialog title={`Group ${noteIds.length} ${noteIds.length === 1 ? 'note' : 'notes'} as a theme`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>The theme is created in {cell || 'the cell of the first note'}; notes from other cells move there.</p>
        <label>
          Theme title
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={THEME_TITLE_MAX} required autoFocus />
        </label>
        <label>
          Theme statement (optional: one or two sentences for the report)
          <textarea value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={THEME_STATEMENT_MAX} rows={3} />
        </label>
        <DialogActions action="Group" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
