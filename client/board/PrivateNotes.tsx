/**
 * A participant's private notes: written while private writing is on, seen by nobody else (the
 * server sends them to no other socket) until revealed. Editable and deletable here.
 */
import { useId, useState } from 'react';
import { kindKey } from '../../shared/i18n/catalogue';
import { dimensionLabel } from '../../shared/model/vocabulary';
import { useT } from '../i18n/I18n';
import { useBoard, useControl, usePrivateView } from './context';
import { usePhone } from './phone/usePhone';
import { useUi } from './uiContext';

/**
 * `floating` stays in a corner of the board (a sheet above the view bar on phones); `inline` is
 * the phone Write view's, where the floating one steps aside.
 */
export function PrivateNotes({ placement = 'floating' }: { placement?: 'floating' | 'inline' }) {
  const { session, run } = useBoard();
  const { t } = useT();
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
      .then((count) => setMessage(t('board.private.reveal.done', { count })))
      .catch((error: unknown) => setMessage(error instanceof Error ? error.message : t('board.private.reveal.failed')))
      .finally(() => setBusy(false));
  };

  return (
    <section className={`private-notes private-notes-${placement}`} aria-labelledby={headingId}>
      <div className="private-notes-head">
        <h2 id={headingId}>
          {t('board.private.heading', { count: notes.length })}
          <span className="private-notes-hint"> {t('board.private.hint')}</span>
        </h2>
        {foldable && notes.length > 0 && (
          <button type="button" className="quiet" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
            {t(unfolded ? 'board.private.list.hide' : 'board.private.list.show')}
          </button>
        )}
        {notes.length > 0 && (
          <button type="button" className="primary" disabled={busy} onClick={reveal}>
            {t('board.private.reveal')}
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
                {dimensionLabel(note.dimension)} · {t(kindKey(note.kind))}
              </span>
              {editing === note.id ? (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (run(() => session.commands.editPrivateNote(note.id, draft))) setEditing(null);
                  }}
                >
                  <textarea
                    aria-label={t('board.private.edit.label')}
                    value={draft}
                    autoFocus
                    onChange={(e) => setDraft(e.target.value)}
                    onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                  />
                  <button type="submit">{t('common.save')}</button>
                  <button type="button" className="quiet" onClick={() => setEditing(null)}>
                    {t('common.cancel')}
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
                      {t('board.private.edit')}
                    </button>
                    <button type="button" className="quiet" onClick={() => run(() => session.commands.deletePrivateNote(note.id))}>
                      {t('board.private.delete')}
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
