import { KINDS } from '../../shared/model/vocabulary';
import { Cell } from './Cell';
import { useBoardView } from './context';

/** The five dimensions (rows) by the three kinds of note (columns). */
export function BoardGrid() {
  const view = useBoardView();
  return (
    <main className="board-grid" aria-label="Board">
      <div className="grid-corner" aria-hidden="true" />
      {KINDS.map((kind) => (
        <div key={kind.id} className={`kind-heading kind-${kind.id}`} role="columnheader">
          {kind.label}
        </div>
      ))}
      {view.dimensions.map((dimension, index) => (
        <section key={dimension.id} className="dimension-row" aria-labelledby={`dimension-${dimension.id}`}>
          <div className="dimension-heading">
            <h2 id={`dimension-${dimension.id}`}>
              <span className="dimension-number">{index + 1}.</span> {dimension.label}
            </h2>
            <p>{dimension.hint}</p>
          </div>
          {dimension.cells.map((cell) => (
            <Cell key={cell.kind} cell={cell} dimensionLabel={dimension.label} />
          ))}
        </section>
      ))}
    </main>
  );
}
