import { useMemo, useState } from 'react';
import { kindKey } from '../../shared/i18n/catalogue';
import { KINDS } from '../../shared/model/vocabulary';
import { findTheme } from '../../shared/view/boardView';
import { useT } from '../i18n/I18n';
import { Cell } from './Cell';
import { useBoard, useBoardView, usePresence } from './context';
import { BoardDnd } from './dnd/BoardDnd';
import type { Dragged } from './dnd/intent';
import { NotePreview } from './NoteCard';
import { DecorCache } from './noteDecor';
import { CollapsedDimension, CollapseDimensionButton } from './search/DimensionCollapse';
import { useOverview } from './search/overview';
import { OverviewLayer, useOverviewClass } from './search/OverviewLayer';
import { liveSelection } from './ui';
import { useUi } from './uiContext';

/** The five dimensions (rows) by the three kinds of note (columns), with drag and drop. */
export function BoardGrid() {
  const { session } = useBoard();
  const { t } = useT();
  const view = useBoardView();
  const presence = usePresence();
  const filter = useUi((s) => s.filter);
  const selection = useUi((s) => s.selection);
  const [cache] = useState(() => new DecorCache());
  const overviewClass = useOverviewClass();
  const collapsed = useOverview((s) => s.collapsed);
  // The links' labels are words of the page's language: made again when it changes.
  const decor = useMemo(() => cache.next(view, presence, filter, session.author().id, t), [cache, view, presence, filter, session, t]);

  const overlay = (dragged: Dragged) => {
    if (dragged.type === 'theme') {
      const theme = findTheme(view, dragged.themeId);
      return <div className="theme theme-preview">{theme?.title}</div>;
    }
    const note = view.notesById.get(dragged.noteId);
    if (!note) return null;
    const live = liveSelection(selection, view);
    return <NotePreview note={note} count={live.includes(note.id) ? live.length : 1} />;
  };

  return (
    <BoardDnd renderOverlay={overlay}>
      <main className={`board-grid ${overviewClass}`} aria-label={t('board.grid.label')}>
        <OverviewLayer />
        <div className="grid-corner" aria-hidden="true" />
        {KINDS.map((kind) => (
          <div key={kind.id} className={`kind-heading kind-${kind.id}`} role="columnheader">
            {t(kindKey(kind.id))}
          </div>
        ))}
        {view.dimensions.map((dimension, index) => (
          <section key={dimension.id} className="dimension-row" data-dimension={dimension.id} aria-labelledby={`dimension-${dimension.id}`}>
            <div className="dimension-heading">
              <h2 id={`dimension-${dimension.id}`}>
                <CollapseDimensionButton dimension={dimension} />
                <span>
                  <span className="dimension-number">{index + 1}.</span> {dimension.label}
                </span>
              </h2>
              <p>{dimension.hint}</p>
            </div>
            {collapsed.has(dimension.id) ? (
              <CollapsedDimension dimension={dimension} />
            ) : (
              dimension.cells.map((cell) => <Cell key={cell.kind} cell={cell} dimensionLabel={dimension.label} decor={decor} />)
            )}
          </section>
        ))}
      </main>
    </BoardDnd>
  );
}
