import { kindLabel } from '../../../shared/model/vocabulary';
import type { BoardView, NoteView } from '../../../shared/view/boardView';

function NoteItem({ note, votes }: { note: NoteView; votes: number }) {
  return (
    <li>
      <span className="outline-note-text">{note.text}</span>
      <span className="outline-note-author">
        {' '}
        · {note.byline}, {note.clusterLabel}
        {votes > 0 && ` · ${votes} ${votes === 1 ? 'vote' : 'votes'}`}
      </span>
    </li>
  );
}

/** A read-only outline of a board: per dimension, per kind of note, themes first, then the rest. */
export function SnapshotOutline({ view, votes }: { view: BoardView; votes: ReadonlyMap<string, number> }) {
  return (
    <div className="snapshot-outline">
      <p>
        <strong>{view.meta.title}</strong>: {view.noteCount} {view.noteCount === 1 ? 'note' : 'notes'}
      </p>
      {view.dimensions.map((dimension) => {
        const cells = dimension.cells.filter((cell) => cell.noteCount > 0);
        return (
          <section key={dimension.id} aria-labelledby={`snapshot-${dimension.id}`}>
            <h3 id={`snapshot-${dimension.id}`}>{dimension.label}</h3>
            {cells.length === 0 && <p className="field-hint">No notes.</p>}
            {cells.map((cell) => (
              <div key={cell.kind}>
                <h4>
                  {kindLabel(cell.kind)} ({cell.noteCount})
                </h4>
                <ul>
                  {cell.themes
                    .filter((theme) => theme.notes.length > 0)
                    .map((theme) => (
                      <li key={theme.id}>
                        <strong>Theme: {theme.title}</strong>
                        <ul>
                          {theme.notes.map((note) => (
                            <NoteItem key={note.id} note={note} votes={votes.get(note.id) ?? 0} />
                          ))}
                        </ul>
                      </li>
                    ))}
                  {cell.ungrouped.map((note) => (
                    <NoteItem key={note.id} note={note} votes={votes.get(note.id) ?? 0} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
