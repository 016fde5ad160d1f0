import { useEffect, useState } from 'react';
import { type HistoryEntry, listHistory, takeSnapshot } from '../../workshopApi';
import { useControl } from '../context';
import { DeletedNotesPanel } from './DeletedNotesPanel';
import { Notice, Problem } from './parts';
import { SnapshotPreview } from './SnapshotPreview';
import { problemText, useAction, useCaller } from './useAction';

const SNAPSHOT_NAME_MAX = 120;

function when(ms: number): string {
  const date = new Date(ms);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date().toDateString() ? time : `${date.toLocaleDateString()} ${time}`;
}

/**
 * The board's history: snapshots taken by hand and before every step. The list is read again
 * whenever a step starts (the server has just taken one) and after each snapshot taken here.
 */
export function HistoryPanel() {
  const caller = useCaller();
  const { currentStep } = useControl();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [name, setName] = useState('');
  const [taken, setTaken] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<HistoryEntry | null>(null);
  const snapshot = useAction();

  useEffect(() => {
    let live = true;
    listHistory(caller).then(
      (answer) => {
        if (!live) return;
        setEntries([...answer.entries].sort((a, b) => b.createdAt - a.createdAt));
        setLoadProblem(null);
      },
      (error: unknown) => live && setLoadProblem(problemText(error)),
    );
    return () => {
      live = false;
    };
  }, [caller, currentStep, reload]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (snapshot.busy) return;
    const trimmed = name.trim();
    if (trimmed === '') {
      snapshot.refuse('Give the snapshot a name, for example “After clustering”.');
      return;
    }
    setTaken(null);
    snapshot.run(() => takeSnapshot(caller, trimmed), {
      onDone: (entry) => {
        setName('');
        setTaken(`Snapshot “${entry.name}” taken: ${entry.notes} ${entry.notes === 1 ? 'note' : 'notes'}.`);
        setReload((n) => n + 1);
      },
    });
  };

  return (
    <>
      <form className="snapshot-form" onSubmit={submit} noValidate>
        <div className="facilitate-field">
          <label htmlFor="facilitate-snapshot-name">Snapshot name</label>
          <input id="facilitate-snapshot-name" value={name} maxLength={SNAPSHOT_NAME_MAX} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit">Take snapshot</button>
      </form>
      <Problem text={snapshot.problem} />
      <Notice text={taken} />
      <Problem text={loadProblem} />
      {entries?.length === 0 && (
        <p>No snapshots yet. One is taken automatically before each step starts, and before many notes are deleted at once.</p>
      )}
      {entries && entries.length > 0 && (
        <ol className="history-list" aria-label="Snapshots, newest first">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="history-name" id={`snapshot-name-${entry.id}`}>
                {entry.name}
              </span>
              <span className="history-facts">
                {when(entry.createdAt)} · {entry.notes} {entry.notes === 1 ? 'note' : 'notes'}
              </span>
              <button type="button" aria-describedby={`snapshot-name-${entry.id}`} onClick={() => setPreviewing(entry)}>
                Preview
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="quiet" onClick={() => setReload((n) => n + 1)}>
        Refresh list
      </button>
      {previewing && <SnapshotPreview caller={caller} entry={previewing} onClose={() => setPreviewing(null)} />}
      <DeletedNotesPanel caller={caller} reload={reload} />
    </>
  );
}
