/**
 * The ranked results of the last closed vote: per dimension, per kind, the notes with votes, most
 * first, with their votes per cluster as small bars. The facilitator can show it on every screen.
 */
import './results.css';
import { useMemo, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { useBoard, useBoardView, useControl } from '../context';
import { useUiStore } from '../uiContext';
import { hasVotes, type RankedNote, rankResults } from './ranking';

export function ResultsView({ onClose }: { onClose(): void }) {
  const { session } = useBoard();
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
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : 'That did not work. Please try again.'));
  };

  const goTo = (noteId: string) => {
    onClose();
    ui.update(() => ({ view: 'grid' }));
    ui.flashNote(noteId);
  };

  return (
    <Dialog title={round ? `Results: ${round.title}` : 'Results'} onClose={onClose}>
      <div className="results-body" data-testid="results">
        {session.role === 'facilitator' && roundId && (
          <div className="results-share">
            {shownToAll ? (
              <button type="button" onClick={() => command(false)}>
                Close results for everyone
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => command(true)}>
                Show results to everyone
              </button>
            )}
            {problem && (
              <span className="error" role="alert">
                {problem}
              </span>
            )}
          </div>
        )}
        {!hasVotes(ranked) && <p>No note got a vote in this round.</p>}
        {ranked.map((dimension) =>
          dimension.kinds.every((kind) => kind.notes.length === 0) ? null : (
            <section key={dimension.id} className="results-dimension" aria-label={dimension.label}>
              <h3>{dimension.label}</h3>
              <div className="results-kinds">
                {dimension.kinds.map((kind) => (
                  <section key={kind.kind} className={`results-kind kind-${kind.kind}`} aria-label={`${dimension.label}: ${kind.label}`}>
                    <h4>{kind.label}</h4>
                    {kind.notes.length === 0 ? (
                      <p className="results-none">No votes.</p>
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
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function ResultRow({ entry, onGoTo }: { entry: RankedNote; onGoTo(noteId: string): void }) {
  return (
    <li className="result" data-testid="result">
      <span className="result-rank" title={entry.tied ? 'Tied with another note' : undefined}>
        {entry.tied ? `=${entry.rank}` : entry.rank}
      </span>
      <div className="result-main">
        <button type="button" className="result-text quiet" onClick={() => onGoTo(entry.note.id)} title="Show this note on the board">
          {entry.note.text}
        </button>
        <span className="result-votes" data-testid="result-votes">
          {entry.votes === 1 ? '1 vote' : `${entry.votes} votes`}
        </span>
        {entry.clusters.length > 0 && (
          <ul className="result-clusters" aria-label="Votes per cluster">
            {entry.clusters.map((c) => (
              <li key={c.cluster ?? ''} data-testid="cluster-votes">
                <span className="result-cluster">{c.label}</span>
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
