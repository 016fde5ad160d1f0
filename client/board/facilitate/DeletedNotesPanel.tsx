/**
 * [N2] Notes deleted in the last hour, with who deleted them and when, and "Restore" per note or
 * for all: they come back into the live board for everyone (server/workshop/deletedRestore.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import type { Translator } from '../../../shared/i18n/translate';
import { dimensionLabel } from '../../../shared/model/vocabulary';
import type { DeletedNote } from '../../../shared/workshop/deletedNotes';
import { useT } from '../../i18n/I18n';
import { type Caller, listDeletedNotes, restoreDeletedNotes } from '../../workshopApi';
import { useBoardView } from '../context';
import { Notice, Problem } from './parts';
import { problemText, useAction } from './useAction';

const PREVIEW_CHARS = 120;

/** "Cluster strategy · Challenge · deleted by Anna at 14:05 · written by Ben". */
function deletedFacts({ t, intl }: Translator, note: DeletedNote): string {
  const clock = (ms: number) => intl.formatTime(ms, { hour: '2-digit', minute: '2-digit' });
  const facts = [dimensionLabel(note.dimension), t(kindKey(note.kind))];
  if (note.deletedAt === null) facts.push(t('facilitate.deleted.after', { time: clock(note.before) }));
  else if (note.deletedBy === null) facts.push(t('facilitate.deleted.bySomeone', { time: clock(note.deletedAt) }));
  else facts.push(t('facilitate.deleted.by', { name: note.deletedBy, time: clock(note.deletedAt) }));
  if (note.authorName) facts.push(t('facilitate.deleted.writtenBy', { name: note.authorName }));
  return facts.join(' · ');
}

export function DeletedNotesPanel({ caller, reload }: { caller: Caller; reload: number }) {
  const translator = useT();
  const { t } = translator;
  const [notes, setNotes] = useState<DeletedNote[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [mine, setMine] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const restore = useAction();
  const { noteCount } = useBoardView();
  const lastCount = useRef(noteCount);
  const [deletions, setDeletions] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Read again a second after the board loses notes (a burst of deletions is read once); never on
  // additions, which are far more frequent and cannot change the list but by a restore.
  useEffect(() => {
    const fewer = noteCount < lastCount.current;
    lastCount.current = noteCount;
    if (!fewer || pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setDeletions((n) => n + 1);
    }, 1000);
  }, [noteCount]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  useEffect(() => {
    let live = true;
    listDeletedNotes(caller).then(
      (answer) => {
        if (!live) return;
        setNotes(answer.notes);
        setLoadProblem(null);
      },
      (error: unknown) => live && setLoadProblem(problemText(error)),
    );
    return () => {
      live = false;
    };
  }, [caller, reload, mine, deletions]);

  const run = (noteIds: string[] | undefined) => {
    if (restore.busy) return;
    setDone(null);
    restore.run(() => restoreDeletedNotes(caller, noteIds), {
      onDone: (answer) => {
        setDone(t('facilitate.deleted.restored', { count: answer.restored }));
        setMine((n) => n + 1);
      },
    });
  };

  return (
    <div className="deleted-notes">
      <h3 id="deleted-notes-heading">{t('facilitate.deleted.heading')}</h3>
      <Problem text={loadProblem} />
      <Problem text={restore.problem} />
      <Notice text={done} />
      {notes?.length === 0 && <p>{t('facilitate.deleted.none')}</p>}
      {notes && notes.length > 0 && (
        <>
          <p className="deleted-summary">
            {t('facilitate.deleted.count', { count: notes.length })}{' '}
            <button type="button" onClick={() => run(undefined)} aria-disabled={restore.busy}>
              {t('facilitate.deleted.restoreAll')}
            </button>
          </p>
          <ol className="history-list deleted-list" aria-labelledby="deleted-notes-heading">
            {notes.map((note) => (
              <li key={note.id}>
                <span className="history-name" id={`deleted-note-${note.id}`}>
                  {note.text.trim() === ''
                    ? t('facilitate.deleted.empty')
                    : note.text.length > PREVIEW_CHARS
                      ? `${note.text.slice(0, PREVIEW_CHARS)}…`
                      : note.text}
                </span>
                <span className="history-facts">{deletedFacts(translator, note)}</span>
                <button type="button" aria-describedby={`deleted-note-${note.id}`} aria-disabled={restore.busy} onClick={() => run([note.id])}>
                  {t('facilitate.deleted.restore')}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
