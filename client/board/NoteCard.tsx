import { useEffect, useRef, useState } from 'react';
import { deleteNote } from '../../shared/model/mutations/notes';
import type { NoteView } from '../../shared/view/boardView';
import { useBoard, usePresence } from './context';
import { NoteEditor } from './NoteEditor';

type Mode = 'view' | 'editing' | 'confirming-delete';

/** What a screen reader says to tell one note's buttons from another's. */
function excerpt(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'empty note';
}

export function NoteCard({ note }: { note: NoteView }) {
  const { session, canWrite, run } = useBoard();
  const presence = usePresence();
  const [mode, setMode] = useState<Mode>('view');
  const card = useRef<HTMLLIElement>(null);
  // Where keyboard focus goes when this card's controls change under it.
  const focusNext = useRef<string | null>(null);
  const editors = presence.filter((user) => !user.isSelf && user.editing === note.id);

  useEffect(() => {
    const selector = focusNext.current;
    focusNext.current = null;
    if (selector) card.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [mode]);

  const switchTo = (next: Mode, focus: string | null) => {
    focusNext.current = focus;
    setMode(next);
  };

  const confirmDelete = () => {
    // The card is about to disappear: hand focus to a neighbour, not to the top of the page.
    const item = card.current;
    const neighbour = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector<HTMLElement>('.note-text');
    if (run(() => deleteNote(session.doc, note.id, session.origin))) neighbour?.focus();
  };

  return (
    <li
      ref={card}
      className={`note colour-${note.colour}`}
      data-note-id={note.id}
      style={editors[0] ? { outlineColor: editors[0].colour } : undefined}
      data-being-edited={editors.length > 0 || undefined}
    >
      {mode === 'editing' ? (
        <NoteEditor note={note} onDone={(how) => switchTo('view', how === 'keyboard' ? '.note-text' : null)} />
      ) : canWrite ? (
        <button type="button" className="note-text" onClick={() => switchTo('editing', null)} title="Click or press Enter to edit">
          {note.text || <em>Empty note</em>}
        </button>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      <div className="note-footer">
        <span className="note-author">
          {note.authorName} · {note.clusterLabel}
        </span>
        {editors.length > 0 && (
          <span className="note-editing" style={{ color: editors[0]?.colour }}>
            {editors.map((u) => u.name).join(', ')} {editors.length === 1 ? 'is' : 'are'} typing…
          </span>
        )}
        {canWrite && mode === 'view' && (
          <button
            type="button"
            className="quiet note-delete"
            onClick={() => switchTo('confirming-delete', '.note-confirm .danger')}
            aria-label={`Delete note: ${excerpt(note.text)}`}
          >
            Delete
          </button>
        )}
        {canWrite && mode === 'confirming-delete' && (
          <span className="note-confirm">
            <button type="button" className="danger" onClick={confirmDelete}>
              Delete for everyone
            </button>
            <button type="button" className="quiet" onClick={() => switchTo('view', '.note-delete')}>
              Keep
            </button>
          </span>
        )}
      </div>
    </li>
  );
}
