/**
 * A participant's private notes: written while private writing is on, seen by nobody else (the
 * server sends them to no other socket) until revealed. Editable and deletable here.
 */
import { useId, useState } from 'react';
import { kindLabel } from '../../shared/model/vocabulary';
import { dimensionLabel } from '../../shared/model/vocabulary';
import { useBoard, useControl, usePrivateView } from './context';
import { usePhone } from './phone/usePhone';
import { useUi } from './uiContext';

/**
 * `floating` stays in a corner of the board (a sheet above the view bar on phones); `inline` is
 * the phone Write view's, where the floating one steps aside.
 */
export function PrivateNotes({ placement = 'floating' }: { placement?: 'floating' | 'inline' }) {
  const { session, run } = useBoard();
  const phone = usePhone();
  const writeView = useUi((s) => s.view === 'write');
  const headingId = useId();
  // On a phone the floating box is a sheet over the board: folded to its head until asked.
  const [unfolded, setUnfolded] = useState(false);
  const foldable = placement === 'floating' && phone;
  const view = usePrivateView();
  const { privateWriting } = useControl();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hasPrivateNotes = session.workshop.privateDoc !== null;
  const notes = view ? [...view.notesById.values()].sort((a, b) => a.createdAt - b.createdAt) : [];
  // Only participants write privately: a facilitator's box would stay empty and cover the panel.
  if (!hasPrivateNotes || session.role !== 'participant' || (notes.length === 0 && !privateWriting && !message)) return null;
  if (placement === 'floating' && phone && writeView) return null;

  const reveal = () => {
    setBusy(true);
    setMessage(null);
    session.commands
      .revealPrivateNotes()
      .then((count) => setMessage(count === 1 ? 'Your note is on the board now.' : `Your ${count} notes are on the board now.`))
      .catch((error: unknown) => setMessage(error instanceof Error ? error.message : 'Revealing did not work. Please try again.'))
      .finally(() => setBusy(false));
  };

  return (
    <section className={`private-notes private-notes-${placement}`} aria-labelledby={headingId}>
      <div className="private-notes-head">
        <h2 id={headingId}>
          Your private notes ({notes.length})<span className="private-notes-hint"> only you can see these until they are revealed</span>
        </h2>
        {foldable && notes.length > 0 && (
          <button type="button" className="quiet" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
            {unfolded ? 'Hide the list' : 'Show the list'}
          </button>
        )}
        {notes.length > 0 && (
          <button type="button" className="primary" disabled={busy} onClick={reveal}>
            Reveal my notes
          </button>
        )}
      </div>
      {message && (
        <p className="private-notes-message" role="status">
          {message}
        </p>
      )}
      {notes.length > 0 && (!foldable || unfolded) && (
        <ul className="private-notes-list">
          {notes.map((note) => (
            <li key={note.id} className={`private-note kind-${note.kind}`}>
              <span className="private-note-place">
                {dimensionLabel(note.dimension)} · {kindLabel(note.kind)}
              </span>
              {editing === note.id ? (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (run(() => session.commands.editPrivateNote(note.id, draft))) setEditing(null);
                  }}
                >
                  <textarea
                    aria-label="Private note text"
                    value={draft}
                    autoFocus
                    onChange={(e) => setDraft(e.target.value)}
                    onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                  />
                  <button type="submit">Save</button>
                  <button type="button" className="quiet" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <p className="private-note-text">{note.text}</p>
                  <div className="private-note-actions">
                    <button
                      type="button"
                      className="quiet"
                      onClick={() => {
                        setDraft(note.text);
                        setEditing(note.id);
                      }}
                    >
                      Edit
                    </button>
                    <button type="button" className="quiet" onClick={() => run(() => session.commands.deletePrivateNote(note.id))}>
                      Delete
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
