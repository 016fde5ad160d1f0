/**
 * The outline: the whole board as a tree (dimension → kind → theme → note), readable and editable
 * with the keyboard alone. The accessible twin of the grid: everything the grid does by pointer,
 * the outline does by key.
 */
import type { IntlShape } from '@formatjs/intl';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogue';
import type { Translator } from '../../shared/i18n/translate';
import type { BoardView, NoteView, ThemeView } from '../../shared/view/boardView';
import { useT } from '../i18n/I18n';
import { Dialog } from '../ui/Dialog';
import { useBoard, useBoardView } from './context';
import { GroupDialog } from './GroupDialog';
import { MoveDialog } from './MoveDialog';
import { NoteComposer } from './NoteComposer';
import { NoteEditor } from './NoteEditor';
import { quote } from './quote';
import { ThemeEditor } from './ThemeBlock';
import { liveSelection } from './ui';
import { useUi, useUiStore } from './uiContext';

type Row =
  | { key: string; level: 1; type: 'dimension'; label: string; count: number }
  | { key: string; level: 2; type: 'cell'; label: string; dimension: string; kind: string; count: number }
  | { key: string; level: 3; type: 'theme'; theme: ThemeView }
  | { key: string; level: 3 | 4; type: 'note'; note: NoteView };

/** A cell's row names its kind in the plural: "Challenges". */
const CELL_LABELS: Record<NoteView['kind'], MessageKey> = {
  challenge: 'board.outline.kind.challenge',
  need: 'board.outline.kind.need',
  'good-practice': 'board.outline.kind.good-practice',
};

function rowsOf(view: BoardView, collapsed: ReadonlySet<string>, t: Translator['t']): Row[] {
  const rows: Row[] = [];
  for (const dimension of view.dimensions) {
    const dimensionKey = `d:${dimension.id}`;
    const count = dimension.cells.reduce((sum, c) => sum + c.noteCount, 0);
    rows.push({ key: dimensionKey, level: 1, type: 'dimension', label: dimension.label, count });
    if (collapsed.has(dimensionKey)) continue;
    for (const cell of dimension.cells) {
      const cellKey = `c:${cell.dimension}/${cell.kind}`;
      const label = t(CELL_LABELS[cell.kind]);
      rows.push({ key: cellKey, level: 2, type: 'cell', label, dimension: cell.dimension, kind: cell.kind, count: cell.noteCount });
      if (collapsed.has(cellKey)) continue;
      for (const theme of cell.themes) {
        const themeKey = `t:${theme.id}`;
        rows.push({ key: themeKey, level: 3, type: 'theme', theme });
        if (collapsed.has(themeKey)) continue;
        for (const note of theme.notes) rows.push({ key: `n:${note.id}`, level: 4, type: 'note', note });
      }
      for (const note of cell.ungrouped) rows.push({ key: `n:${note.id}`, level: 3, type: 'note', note });
    }
  }
  return rows;
}

function isParent(row: Row): boolean {
  return row.type === 'dimension' || row.type === 'cell' || row.type === 'theme';
}

type Editing = { type: 'note'; noteId: string } | { type: 'theme'; themeId: string } | { type: 'add'; dimension: string; kind: string } | null;

type Dialogs = { type: 'move'; noteIds: string[] } | { type: 'group'; noteIds: string[] } | { type: 'delete'; noteId: string } | null;

export function OutlineView() {
  const { session, canWrite, run } = useBoard();
  const { t } = useT();
  // As in the grid: during private writing a participant's new notes go to their private space.
  const privately = useSyncExternalStore(session.workshop.subscribe, () => session.workshop.writesPrivately);
  const view = useBoardView();
  const ui = useUiStore();
  const selection = useUi((s) => s.selection);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string>('d:structure');
  const [editing, setEditing] = useState<Editing>(null);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const tree = useRef<HTMLUListElement>(null);
  const rows = useMemo(() => rowsOf(view, collapsed, t), [view, collapsed, t]);
  const current = rows.find((r) => r.key === focused) ?? rows[0];

  // Keep keyboard focus on the focused row (after edits, dialogs and remote changes).
  useEffect(() => {
    if (editing || dialog) return;
    const element = tree.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(current?.key ?? '')}"]`);
    if (element && tree.current?.contains(document.activeElement) && document.activeElement !== element) element.focus();
  }, [current, editing, dialog]);

  const focusRow = (row: Row | undefined) => {
    if (!row) return;
    setFocused(row.key);
    tree.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(row.key)}"]`)?.focus();
  };

  const toggle = (key: string, open?: boolean) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      const shouldOpen = open ?? next.has(key);
      if (shouldOpen) next.delete(key);
      else next.add(key);
      return next;
    });

  // The live selection when there is one; otherwise the focused note.
  const targets = (row: Row): string[] => {
    const selected = liveSelection(selection, view);
    return selected.length > 0 ? selected : row.type === 'note' ? [row.note.id] : [];
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, row: Row) => {
    if (event.target !== event.currentTarget) return;
    const index = rows.indexOf(row);
    const key = event.key;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (key === 'ArrowDown') return (handled(), focusRow(rows[index + 1]));
    if (key === 'ArrowUp') return (handled(), focusRow(rows[index - 1]));
    if (key === 'Home') return (handled(), focusRow(rows[0]));
    if (key === 'End') return (handled(), focusRow(rows.at(-1)));
    if (key === 'ArrowRight' && isParent(row)) {
      handled();
      if (collapsed.has(row.key)) toggle(row.key, true);
      else focusRow(rows[index + 1]);
      return;
    }
    if (key === 'ArrowLeft') {
      handled();
      if (isParent(row) && !collapsed.has(row.key)) return toggle(row.key, false);
      return focusRow(
        rows
          .slice(0, index)
          .reverse()
          .find((r) => r.level < row.level),
      );
    }
    if (!canWrite) return;
    if (key === ' ' && row.type === 'note') return (handled(), ui.toggleSelected(row.note.id));
    if ((key === 'Enter' || key === 'F2') && row.type === 'note') return (handled(), setEditing({ type: 'note', noteId: row.note.id }));
    if ((key === 'Enter' || key === 'F2') && row.type === 'theme') return (handled(), setEditing({ type: 'theme', themeId: row.theme.id }));
    if (key === 'Enter' && row.type !== 'note' && row.type !== 'theme') return (handled(), toggle(row.key));
    if (key.toLowerCase() === 'a') {
      const cell = row.type === 'cell' ? row : row.type === 'note' ? row.note : row.type === 'theme' ? row.theme : null;
      if (cell) return (handled(), setEditing({ type: 'add', dimension: cell.dimension, kind: cell.kind }));
    }
    if (key.toLowerCase() === 'm' && targets(row).length > 0) return (handled(), setDialog({ type: 'move', noteIds: targets(row) }));
    if (key.toLowerCase() === 'g' && targets(row).length > 0) return (handled(), setDialog({ type: 'group', noteIds: targets(row) }));
    if ((key === 'Delete' || key === 'Backspace') && row.type === 'note') return (handled(), setDialog({ type: 'delete', noteId: row.note.id }));
  };

  const closeEditing = () => setEditing(null);

  // [NA5] Grouping or moving rebuilds the rows (a theme row appears above the note, the note goes
  // a level deeper): once they are drawn, the focus goes back to the row that had it.
  const closeDialog = () => {
    setDialog(null);
    const key = focused;
    requestAnimationFrame(() => tree.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus());
  };

  return (
    <main className="outline" aria-label={t('board.outline.label')}>
      <p className="outline-help" id="outline-help">
        {t('board.outline.help')}
      </p>
      <ul ref={tree} role="tree" aria-label={t('board.outline.label')} aria-describedby="outline-help" aria-multiselectable="true">
        {rows.map((row) => {
          const expanded = isParent(row) ? !collapsed.has(row.key) : undefined;
          const selected = row.type === 'note' ? selection.has(row.note.id) : undefined;
          return (
            <li
              key={row.key}
              data-key={row.key}
              role="treeitem"
              aria-level={row.level}
              aria-expanded={expanded}
              aria-selected={selected}
              tabIndex={row.key === current?.key ? 0 : -1}
              className={`outline-row level-${row.level} row-${row.type}${selected ? ' selected' : ''}`}
              onFocus={(e) => e.target === e.currentTarget && setFocused(row.key)}
              onKeyDown={(e) => onKeyDown(e, row)}
              onClick={(e) => {
                if (e.target === e.currentTarget || (e.target as HTMLElement).closest('.outline-text')) focusRow(row);
              }}
            >
              <OutlineRowContent
                row={row}
                editing={editing}
                onDoneNote={() => {
                  closeEditing();
                  focusRow(row);
                }}
                onDoneTheme={(change) => {
                  if (change && row.type === 'theme') run(() => session.commands.renameTheme(row.theme.id, change));
                  closeEditing();
                  focusRow(row);
                }}
              />
              {editing?.type === 'add' && row.type === 'cell' && editing.dimension === row.dimension && editing.kind === row.kind && (
                <NoteComposer
                  label={t(privately ? 'board.cell.composer.private.label' : 'board.cell.composer.label', { cell: row.label })}
                  onCancel={() => {
                    closeEditing();
                    focusRow(row);
                  }}
                  onSave={(text) => {
                    run(() =>
                      session.commands.addNote({ dimension: row.dimension as NoteView['dimension'], kind: row.kind as NoteView['kind'] }, text),
                    );
                    closeEditing();
                    focusRow(row);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {dialog?.type === 'move' && <MoveDialog noteIds={dialog.noteIds} onClose={closeDialog} />}
      {dialog?.type === 'group' && (
        <GroupDialog
          noteIds={dialog.noteIds}
          onDone={() => {
            closeDialog();
            ui.clearSelection();
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.type === 'delete' && (
        <Dialog title={t('board.outline.delete.title')} onClose={() => setDialog(null)}>
          <p>{quote(view.notesById.get(dialog.noteId)?.text ?? '')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                const index = rows.findIndex((r) => r.key === `n:${dialog.noteId}`);
                run(() => session.commands.deleteNote(dialog.noteId));
                setFocused(rows[index + 1]?.key ?? rows[index - 1]?.key ?? 'd:structure');
                setDialog(null);
              }}
            >
              {t('board.confirm.deleteForEveryone')}
            </button>
            <button type="button" className="quiet" onClick={() => setDialog(null)}>
              {t('board.confirm.keep')}
            </button>
          </div>
        </Dialog>
      )}
    </main>
  );
}

function OutlineRowContent({
  row,
  editing,
  onDoneNote,
  onDoneTheme,
}: {
  row: Row;
  editing: Editing;
  onDoneNote(): void;
  onDoneTheme(change: { title: string; statement: string } | null): void;
}) {
  const { t, intl } = useT();
  switch (row.type) {
    case 'dimension':
      return (
        <span className="outline-text">
          <strong>{row.label}</strong> <span className="outline-count">{t('board.outline.count', { count: row.count })}</span>
        </span>
      );
    case 'cell':
      return (
        <span className="outline-text">
          {row.label} <span className="outline-count">{row.count}</span>
        </span>
      );
    case 'theme':
      if (editing?.type === 'theme' && editing.themeId === row.theme.id) return <ThemeEditor theme={row.theme} onDone={onDoneTheme} />;
      return (
        <span className="outline-text">
          {/* The translator's `intl` is typed for plain text; given elements, it returns them in place. */}
          {(intl as unknown as IntlShape<ReactNode>).formatMessage(
            { id: 'board.outline.theme' },
            { title: row.theme.title, b: (chunks: ReactNode[]) => <strong key="title">{chunks}</strong> },
          )}
          {row.theme.statement && <span className="outline-statement"> — {row.theme.statement}</span>}
        </span>
      );
    case 'note':
      if (editing?.type === 'note' && editing.noteId === row.note.id) return <NoteEditor note={row.note} onDone={onDoneNote} />;
      return (
        <span className="outline-text">
          {row.note.text}{' '}
          <span className="outline-author">
            — {row.note.byline}, {row.note.clusterLabel}
          </span>
          {row.note.linkedIds.length > 0 && (
            <span className="outline-count"> · {t('board.outline.linked', { count: row.note.linkedIds.length })}</span>
          )}
        </span>
      );
  }
}
