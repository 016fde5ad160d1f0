import { useEffect, useState } from 'react';
import type { Translator } from '../../../shared/i18n/translate';
import { shownSnapshotName } from '../../../shared/workshop/snapshotName';
import { useT } from '../../i18n/I18n';
import { type HistoryEntry, listHistory, takeSnapshot } from '../../workshopApi';
import { useControl } from '../context';
import { DeletedNotesPanel } from './DeletedNotesPanel';
import { Notice, Problem } from './parts';
import { SnapshotPreview } from './SnapshotPreview';
import { problemText, useAction, useCaller } from './useAction';

const SNAPSHOT_NAME_MAX = 120;

/** The time alone today, else the date and time. */
function when({ intl }: Translator, ms: number): string {
  const clock = { hour: '2-digit', minute: '2-digit' } as const;
  if (new Date(ms).toDateString() === new Date().toDateString()) return intl.formatTime(ms, clock);
  return intl.formatDate(ms, { year: 'numeric', month: 'numeric', day: 'numeric', ...clock });
}

/** When it was taken, its notes and (RD13) who took it, when the server knows. */
function facts(translator: Translator, entry: HistoryEntry): string {
  const values = { time: when(translator, entry.createdAt), count: entry.notes };
  return entry.author
    ? translator.t('facilitate.history.factsBy', { ...values, author: entry.author })
    : translator.t('facilitate.history.facts', values);
}

/**
 * The board's history: snapshots taken by hand and before every step. The list is read again
 * whenever a step starts (the server has just taken one) and after each snapshot taken here.
 */
export function HistoryPanel() {
  const translator = useT();
  const { t } = translator;
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
      snapshot.refuse(t('facilitate.history.name.missing'));
      return;
    }
    setTaken(null);
    snapshot.run(() => takeSnapshot(caller, trimmed), {
      onDone: (entry) => {
        setName('');
        setTaken(t('facilitate.history.taken', { name: shownSnapshotName(entry.name, translator), count: entry.notes }));
        setReload((n) => n + 1);
      },
    });
  };

  return (
    <>
      <form className="snapshot-form" onSubmit={submit} noValidate>
        <div className="facilitate-field">
          <label htmlFor="facilitate-snapshot-name">{t('facilitate.history.name')}</label>
          <input id="facilitate-snapshot-name" value={name} maxLength={SNAPSHOT_NAME_MAX} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit">{t('facilitate.history.take')}</button>
      </form>
      <Problem text={snapshot.problem} />
      <Notice text={taken} />
      <Problem text={loadProblem} />
      {entries?.length === 0 && <p>{t('facilitate.history.none')}</p>}
      {entries && entries.length > 0 && (
        <ol className="history-list" aria-label={t('facilitate.history.list')}>
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="history-name" id={`snapshot-name-${entry.id}`}>
                {shownSnapshotName(entry.name, translator)}
              </span>
              <span className="history-facts">{facts(translator, entry)}</span>
              <button type="button" aria-describedby={`snapshot-name-${entry.id}`} onClick={() => setPreviewing(entry)}>
                {t('facilitate.history.preview')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="quiet" onClick={() => setReload((n) => n + 1)}>
        {t('facilitate.history.refresh')}
      </button>
      {previewing && <SnapshotPreview caller={caller} entry={previewing} onClose={() => setPreviewing(null)} />}
      <DeletedNotesPanel caller={caller} reload={reload} />
    </>
  );
}
