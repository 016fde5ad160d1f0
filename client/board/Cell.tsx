import { useEffect, useRef, useState } from 'react';
import { addNote } from '../../shared/model/mutations/notes';
import { kindLabel } from '../../shared/model/vocabulary';
import type { CellView } from '../../shared/view/boardView';
import { useBoard } from './context';
import { NoteCard } from './NoteCard';
import { NoteComposer } from './NoteComposer';

export function Cell({ cell, dimensionLabel }: { cell: CellView; dimensionLabel: string }) {
  const { session, canWrite, run } = useBoard();
  const [composing, setComposing] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const label = `${dimensionLabel}: ${kindLabel(cell.kind)}`;

  // After saving or cancelling, focus goes back to "Add note", not to the top of the page.
  useEffect(() => {
    if (composing || !returnFocus.current) return;
    returnFocus.current = false;
    addButton.current?.focus();
  }, [composing]);

  const closeComposer = () => {
    returnFocus.current = true;
    setComposing(false);
  };

  const save = (text: string) => {
    const { identity } = session;
    const saved = run(() => {
      addNote(
        session.doc,
        { text, dimension: cell.dimension, kind: cell.kind, author: { id: identity.id, name: identity.name, cluster: identity.cluster } },
        session.origin,
      );
    });
    if (saved) closeComposer();
  };

  return (
    <div className={`cell kind-${cell.kind}`} role="region" aria-label={label} data-cell={`${cell.dimension}/${cell.kind}`}>
      <h3 className="cell-label">{kindLabel(cell.kind)}</h3>
      {cell.themes.map((theme) => (
        <div key={theme.id} className="theme" aria-label={`Theme: ${theme.title}`}>
          <h3 className="theme-title">{theme.title}</h3>
          {theme.statement && <p className="theme-statement">{theme.statement}</p>}
          <ul className="notes">
            {theme.notes.map((note) => (
              <NoteCard key={note.id} note={note} />
            ))}
          </ul>
        </div>
      ))}
      <ul className="notes">
        {cell.ungrouped.map((note) => (
          <NoteCard key={note.id} note={note} />
        ))}
      </ul>
      {canWrite &&
        (composing ? (
          <NoteComposer label={`New note in ${label}`} onSave={save} onCancel={closeComposer} />
        ) : (
          <button ref={addButton} type="button" className="add-note" onClick={() => setComposing(true)} aria-label={`Add a note to ${label}`}>
            + Add note
          </button>
        ))}
    </div>
  );
}
