/**
 * The ranked results of the last closed vote: per dimension, per kind, the notes with votes, most
 * first, with their votes per cluster as small bars. The facilitator can show it on every screen.
 */
import './results.css';
import { useMemo, useState } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { useT } from '../../i18n/I18n';
import { Dialog } from '../../ui/Dialog';
import { useBoard, useBoardView, useControl } from '../context';
import { useUiStore } from '../uiContext';
import { hasVotes, type RankedNote, rankResults } from './ranking';

export function ResultsView({ onClose }: { onClose(): void }) {
  const { session } = useBoard();
  const { t } = useT();
  const ui = useUiStore();
  const view = useBoardView();
  const control = useControl();
  const round = control.round;
  const roundId = round?.status === 'closed' ? round.id : null;
  const totals = roundId ? control.results.get(roundId) : undefined;
  const byCluster = roundId ? control.clusterResults.get(roundId) : undefined;
  const ranked = useMemo(() => rankResults(view, totals ?? {}, byCluster ?? {}), [view, totals, byCluster]);
  const shownToAll = roundId !== null && control.resultsView?.roundId === roundId;
  const [problem, setProblem] = useState<string | null>(null);

  const command = (show: boolean) => {
    setProblem(null);
    session.workshop
      .command({ type: 'showResults', show })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : t('room.results.problem')));
  };

  const goTo = (noteId: string) => {
    onClose();
    ui.update(() => ({ view: 'grid' }));
    ui.flashNote(noteId);
  };

  return (
    <Dialog title={round ? t('room.results.title', { title: round.title }) : t('room.results')} onClose={onClose}>
      <div className="results-body" data-testid="results">
        {session.role === 'facilitator' && roundId && (
          <div className="results-share">
            {shownToAll ? (
              <button type="button" onClick={() => command(false)}>
                {t('room.results.hide')}
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => command(true)}>
                {t('room.results.show')}
              </button>
            )}
            {problem && (
              <span className="error" role="alert">
                {problem}
              </span>
            )}
          </div>
        )}
        {!hasVotes(ranked) && <p>{t('room.results.none')}</p>}
        {ranked.map((dimension) =>
          dimension.kinds.every((kind) => kind.notes.length === 0) ? null : (
            <section key={dimension.id} className="results-dimension" aria-label={dimension.label}>
              <h3>{dimension.label}</h3>
              <div className="results-kinds">
                {dimension.kinds.map((kind) => (
                  <section key={kind.kind} className={`results-kind kind-${kind.kind}`} aria-label={`${dimension.label}: ${t(kindKey(kind.kind))}`}>
                    <h4>{t(kindKey(kind.kind))}</h4>
                    {kind.notes.length === 0 ? (
                      <p className="results-none">{t('room.results.noVotes')}</p>
                    ) : (
                      <ol className="results-list">
                        {kind.notes.map((entry) => (
                          <ResultRow key={entry.note.id} entry={entry} onGoTo={goTo} />
                        ))}
                      </ol>
                    )}
                  </section>
                ))}
              </div>
            </section>
          ),
        )}
        <div className="form-actions">
          <button type="button" className="quiet" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function ResultRow({ entry, onGoTo }: { entry: RankedNote; onGoTo(noteId: string): void }) {
  const { t } = useT();
  return (
    <li className="result" data-testid="result">
      <span className="result-rank" title={entry.tied ? t('room.results.tied') : undefined}>
        {entry.tied ? `=${entry.rank}` : entry.rank}
      </span>
      <div className="result-main">
        <button type="button" className="result-text quiet" onClick={() => onGoTo(entry.note.id)} title={t('room.results.goTo')}>
          {entry.note.text}
        </button>
        <span className="result-votes" data-testid="result-votes">
          {t('room.results.votes', { count: entry.votes })}
        </span>
        {entry.clusters.length > 0 && (
          <ul className="result-clusters" aria-label={t('room.results.perCluster')}>
            {entry.clusters.map((c) => (
              <li key={c.cluster ?? ''} data-testid="cluster-votes">
                <span className="result-cluster">{c.cluster === null ? t('room.results.noCluster') : c.label}</span>
                <span className="result-bar" aria-hidden="true">
                  <span style={{ width: `${(100 * c.votes) / entry.votes}%` }} />
                </span>
                <span className="result-cluster-votes">{c.votes}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
