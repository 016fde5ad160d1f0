/**
 * [N2] Notes deleted in the last hour, with who deleted them and when, and "Restore" per note or
 * for all: they come back into the live board for everyone (server/workshop/deletedRestore.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { dimensionLabel, kindLabel } from '../../../shared/model/vocabulary';
import type { DeletedNote } from '../../../shared/workshop/deletedNotes';
import { type Caller, listDeletedNotes, restoreDeletedNotes } from '../../workshopApi';
import { useBoardView } from '../context';
import { Notice, Problem } from './parts';
import { problemText, useAction } from './useAction';

const PREVIEW_CHARS = 120;

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function deletedFacts(note: DeletedNote): string {
  const place = `${dimensionLabel(note.dimension)} · ${kindLabel(note.kind)}`;
  if (note.deletedAt !== null) return `${place} · deleted by ${note.deletedBy ?? 'someone'} at ${clock(note.deletedAt)}`;
  return `${place} · deleted after ${clock(note.before)}`;
}

export function DeletedNotesPanel({ caller, reload }: { caller: Caller; reload: number }) {
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
        setDone(`${answer.restored} ${answer.restored === 1 ? 'note is' : 'notes are'} back on the board.`);
        setMine((n) => n + 1);
      },
    });
  };

  return (
    <div className="deleted-notes">
      <h3 id="deleted-notes-heading">Deleted notes</h3>
      <Problem text={loadProblem} />
      <Problem text={restore.problem} />
      <Notice text={done} />
      {notes?.length === 0 && <p>No notes were deleted in the last hour.</p>}
      {notes && notes.length > 0 && (
        <>
          <p className="deleted-summary">
            {notes.length} {notes.length === 1 ? 'note' : 'notes'} deleted in the last hour.{' '}
            <button type="button" onClick={() => run(undefined)} aria-disabled={restore.busy}>
              Restore all
            </button>
          </p>
          <ol className="history-list deleted-list" aria-labelledby="deleted-notes-heading">
            {notes.map((note) => (
              <li key={note.id}>
                <span className="history-name" id={`deleted-note-${note.id}`}>
                  {note.text.trim() === '' ? '(empty note)' : note.text.length > PREVIEW_CHARS ? `${note.text.slice(0, PREVIEW_CHARS)}…` : note.text}
                </span>
                <span className="history-facts">
                  {deletedFacts(note)}
                  {note.authorName ? ` · written by ${note.authorName}` : ''}
                </span>
                <button type="button" aria-describedby={`deleted-note-${note.id}`} aria-disabled={restore.busy} onClick={() => run([note.id])}>
                  Restore
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
