import { kindKey } from '../../../shared/i18n/catalogue';
import type { BoardView, NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { richText } from '../../ui/rich';

function NoteItem({ note, votes }: { note: NoteView; votes: number }) {
  const { t } = useT();
  return (
    <li>
      <span className="outline-note-text">{note.text}</span>
      <span className="outline-note-author">
        {' '}
        · {note.byline}, {note.clusterLabel}
        {votes > 0 && ` · ${t('facilitate.outline.votes', { count: votes })}`}
      </span>
    </li>
  );
}

/** A read-only outline of a board: per dimension, per kind of note, themes first, then the rest. */
export function SnapshotOutline({ view, votes }: { view: BoardView; votes: ReadonlyMap<string, number> }) {
  const translator = useT();
  const { t } = translator;
  return (
    <div className="snapshot-outline">
      <p>
        {richText(translator, 'facilitate.outline.title', {
          title: view.meta.title,
          count: view.noteCount,
          b: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      {view.dimensions.map((dimension) => {
        const cells = dimension.cells.filter((cell) => cell.noteCount > 0);
        return (
          <section key={dimension.id} aria-labelledby={`snapshot-${dimension.id}`}>
            <h3 id={`snapshot-${dimension.id}`}>{dimension.label}</h3>
            {cells.length === 0 && <p className="field-hint">{t('facilitate.outline.noNotes')}</p>}
            {cells.map((cell) => (
              <div key={cell.kind}>
                <h4>
                  {t(kindKey(cell.kind))} ({cell.noteCount})
                </h4>
                <ul>
                  {cell.themes
                    .filter((theme) => theme.notes.length > 0)
                    .map((theme) => (
                      <li key={theme.id}>
                        <strong>{t('facilitate.outline.theme', { title: theme.title })}</strong>
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
