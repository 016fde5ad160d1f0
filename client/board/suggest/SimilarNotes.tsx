import './suggest.css';
/**
 * [SU1, SU2] While someone writes a note: after a short pause, the notes closest to what they
 * typed (any cluster, among the notes they may see), so they can post theirs anyway or add their
 * voice to one that says it already. The question goes to the worker; a newer text's answer
 * replaces an older one, and an answer that arrives after the text changed again is dropped.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SimilarNote } from '../../../shared/suggest/types';
import type { NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoard, useBoardView, usePrivateView } from '../context';
import { quote } from '../quote';
import { MeTooControl } from './MeToo';
import { useSuggestClient } from './useSuggest';

/** The pause after the last keystroke before asking. */
export const SIMILAR_DEBOUNCE_MS = 300;
/** Fewer characters than this say too little to compare. */
const MIN_LENGTH = 4;
const SHOWN = 3;
const NONE: SimilarNote[] = [];

function useSimilar(text: string): SimilarNote[] {
  const { session } = useBoard();
  const client = useSuggestClient(session);
  const [found, setFound] = useState<SimilarNote[]>([]);
  const asked = useRef(0);
  const query = text.trim();
  const long = query.length >= MIN_LENGTH;

  useEffect(() => {
    const ask = ++asked.current;
    if (!long) return;
    const timer = setTimeout(() => {
      client
        .similar(query, SHOWN)
        .then((notes) => {
          if (ask === asked.current) setFound(notes);
        })
        // No suggestions is never a reason not to write: the list simply stays empty.
        .catch(() => ask === asked.current && setFound([]));
    }, SIMILAR_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, query, long]);
  // Until the next answer the last one stays (no flicker while typing); a text too short shows none.
  return long ? found : NONE;
}

export function SimilarNotes({ text }: { text: string }) {
  const { t } = useT();
  const view = useBoardView();
  const own = usePrivateView();
  const found = useSimilar(text);
  const headingId = useId();
  // Notes may have gone since the worker answered: only those still here are shown.
  const shown = found
    .map((similar) => {
      const board = view.notesById.get(similar.id);
      const note: NoteView | undefined = board ?? own?.notesById.get(similar.id);
      return note ? { similar, note, privately: !board } : null;
    })
    .filter((entry) => entry !== null);

  return (
    <section className="similar-notes" aria-labelledby={headingId} hidden={shown.length === 0} data-testid="similar-notes">
      <h4 id={headingId} className="similar-heading" aria-live="polite">
        {shown.length > 0 ? t('suggest.similar.count', { count: shown.length }) : ''}
      </h4>
      {shown.length > 0 && <p className="similar-hint">{t('suggest.similar.hint')}</p>}
      <ul className="similar-list">
        {shown.map(({ similar, note, privately }) => (
          <li key={note.id} className={`similar-note kind-${note.kind}`} data-note-id={note.id}>
            <p className="similar-text">{note.text}</p>
            <p className="similar-meta">
              {privately ? t('suggest.similar.private') : `${note.byline} · ${note.clusterLabel}`}
              {similar.shared.length > 0 && <> · {t('suggest.similar.shared', { terms: similar.shared.join(', ') })}</>}
            </p>
            {!privately && <MeTooControl note={note} label={quote(note.text)} offer />}
          </li>
        ))}
      </ul>
    </section>
  );
}
