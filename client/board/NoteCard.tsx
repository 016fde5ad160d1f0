import { useState } from 'react';
import { deleteNote } from '../../shared/model/mutations/notes';
import type { NoteView } from '../../shared/view/boardView';
import { useBoard, usePresence } from './context';
import { NoteEditor } from './NoteEditor';

export function NoteCard({ note }: { note: NoteView }) {
  const { session, canWrite, run } = useBoard();
  const presence = usePresence();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editors = presence.filter((user) => !user.isSelf && user.editing === note.id);

  return (
    <li
      className={`note colour-${note.colour}`}
      data-note-id={note.id}
      style={editors[0] ? { outlineColor: editors[0].colour } : undefined}
      data-being-edited={editors.length > 0 || undefined}
    >
      {editing ? (
        <NoteEditor note={note} onDone={() => setEditing(false)} />
      ) : canWrite ? (
        <button type="button" className="note-text" onClick={() => setEditing(true)} title="Click to edit">
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
        {canWrite &&
          !editing &&
          (confirming ? (
            <span className="note-confirm">
              <button type="button" className="danger" onClick={() => run(() => deleteNote(session.doc, note.id, session.origin))}>
                Delete for everyone
              </button>
              <button type="button" className="quiet" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="quiet note-delete" onClick={() => setConfirming(true)} aria-label="Delete note">
              Delete
            </button>
          ))}
      </div>
    </li>
  );
}
