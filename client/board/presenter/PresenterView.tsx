/**
 * The presenter view, for the projector: the whole board (five dimensions by three kinds) on one
 * screen without scrolling, with the step, the timer and who is done. Read-only; notes are smaller
 * than on the board and shrink further (to a readable minimum) until every cell fits.
 */
import './presenter.css';
import { useLayoutEffect, useRef } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { KINDS } from '../../../shared/model/vocabulary';
import type { CellView, NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoard, useBoardView } from '../context';
import { fitScale } from './fitScale';
import { setPresenting } from './presenterMode';
import { PresenterStatus } from './PresenterStatus';

function PresenterNote({ note }: { note: NoteView }) {
  return (
    <li className={`presenter-note colour-${note.colour}`}>
      <span className="presenter-note-text">{note.text}</span>
      <span className="presenter-note-by">{note.clusterLabel}</span>
    </li>
  );
}

function PresenterCell({ cell, label }: { cell: CellView; label: string }) {
  const { t } = useT();
  return (
    <div className={`presenter-cell kind-${cell.kind}`} aria-label={label} role="group" data-presenter-cell={`${cell.dimension}/${cell.kind}`}>
      <div className="presenter-cell-notes">
        {cell.themes.map((theme) => (
          <section key={theme.id} className="presenter-theme" aria-label={t('room.presenter.theme', { title: theme.title })}>
            <h3>{theme.title}</h3>
            <ul>
              {theme.notes.map((note) => (
                <PresenterNote key={note.id} note={note} />
              ))}
            </ul>
          </section>
        ))}
        {cell.ungrouped.length > 0 && (
          <ul>
            {cell.ungrouped.map((note) => (
              <PresenterNote key={note.id} note={note} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function PresenterView() {
  const { session } = useBoard();
  const { t } = useT();
  const view = useBoardView();
  const grid = useRef<HTMLElement>(null);

  // Refit whenever the notes or the screen change.
  useLayoutEffect(() => {
    const element = grid.current;
    if (!element) return;
    fitScale(element);
    const observer = new ResizeObserver(() => fitScale(element));
    observer.observe(element);
    return () => observer.disconnect();
  }, [view]);

  return (
    <div className="presenter" data-testid="presenter">
      <header className="presenter-bar">
        <h1>{view.meta.title}</h1>
        <PresenterStatus />
        <button type="button" className="presenter-leave" onClick={() => setPresenting(session.boardId, false)}>
          {t('room.presenter.leave')}
        </button>
      </header>
      <main ref={grid} className="presenter-grid" aria-label={t('room.presenter.board')}>
        <div className="presenter-corner" aria-hidden="true" />
        {KINDS.map((kind) => (
          <div key={kind.id} className={`presenter-kind kind-${kind.id}`}>
            {t(kindKey(kind.id))}
          </div>
        ))}
        {view.dimensions.map((dimension, index) => (
          <section key={dimension.id} className="presenter-row" aria-labelledby={`presenter-${dimension.id}`}>
            <h2 id={`presenter-${dimension.id}`} className="presenter-dimension" data-follow-anchor={dimension.id}>
              <span className="dimension-number">{index + 1}.</span> {dimension.label}
            </h2>
            {dimension.cells.map((cell) => (
              <PresenterCell
                key={cell.kind}
                cell={cell}
                label={t('room.presenter.cell', { dimension: dimension.label, kind: t(kindKey(cell.kind)) })}
              />
            ))}
          </section>
        ))}
      </main>
    </div>
  );
}
