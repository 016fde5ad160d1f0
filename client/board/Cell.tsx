import { useDroppable } from '@dnd-kit/core';
import { memo, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { kindKey } from '../../shared/i18n/catalogue';
import type { CellView } from '../../shared/view/boardView';
import { useT } from '../i18n/I18n';
import { useBoard } from './context';
import type { DropTarget } from './dnd/intent';
import { NoteComposer } from './NoteComposer';
import { type NoteDecor, sameNotes } from './noteDecor';
import { NoteList } from './NoteList';
import { ProposeThemesButton } from './suggest/SuggestTools';
import { sameTheme, ThemeBlock } from './ThemeBlock';

function CellView_({ cell, dimensionLabel, decor }: CellProps) {
  const { session, writable, run } = useBoard();
  const { t } = useT();
  const canWrite = writable(cell.dimension);
  const privately = useSyncExternalStore(session.workshop.subscribe, () => session.workshop.writesPrivately);
  const [composing, setComposing] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const kind = t(kindKey(cell.kind));
  const label = t('board.cell.label', { dimension: dimensionLabel, kind });
  const target: DropTarget = { type: 'cell', dimension: cell.dimension, kind: cell.kind };
  const { setNodeRef, isOver } = useDroppable({ id: `cell:${cell.dimension}/${cell.kind}`, data: target });

  // After saving or cancelling, focus goes back to "Add note", not to the top of the page.
  useEffect(() => {
    if (composing || !returnFocus.current) return;
    returnFocus.current = false;
    addButton.current?.focus();
  }, [composing]);

  const closeComposer = () => {
    returnFocus.current = true;
    setComposing(false);
  };

  const save = (text: string) => {
    if (run(() => session.commands.addNote(cell, text))) closeComposer();
  };

  return (
    <div
      ref={setNodeRef}
      className={`cell kind-${cell.kind}${isOver ? ' drop-cell' : ''}`}
      role="region"
      aria-label={label}
      data-cell={`${cell.dimension}/${cell.kind}`}
    >
      <div className="cell-head">
        <h3 className="cell-label">{kind}</h3>
        {session.role === 'facilitator' && cell.noteCount > 1 && <ProposeThemesButton cell={cell} label={label} />}
      </div>
      {cell.themes.map((theme) => (
        <ThemeBlock key={theme.id} theme={theme} decor={decor} />
      ))}
      <NoteList notes={cell.ungrouped} decor={decor} />
      {canWrite &&
        (composing ? (
          <NoteComposer
            label={t(privately ? 'board.cell.composer.private.label' : 'board.cell.composer.label', { cell: label })}
            onSave={save}
            onCancel={closeComposer}
          />
        ) : (
          <button
            ref={addButton}
            type="button"
            className="add-note"
            onClick={() => setComposing(true)}
            aria-label={t(privately ? 'board.cell.add.private.label' : 'board.cell.add.label', { cell: label })}
          >
            {t(privately ? 'board.cell.add.private' : 'board.cell.add')}
          </button>
        ))}
    </div>
  );
}

type CellProps = { cell: CellView; dimensionLabel: string; decor: ReadonlyMap<string, NoteDecor> };

/**
 * A cell re-renders only when something in it changed: its notes (same objects, same decor) or
 * its themes. On a big board a remote edit then renders one cell, not fifteen.
 */
function sameCell(before: CellProps, after: CellProps): boolean {
  if (before.dimensionLabel !== after.dimensionLabel) return false;
  const a = before.cell;
  const b = after.cell;
  if (a === b) return before.decor === after.decor;
  return (
    a.noteCount === b.noteCount &&
    sameNotes(a.ungrouped, b.ungrouped, before.decor, after.decor) &&
    a.themes.length === b.themes.length &&
    a.themes.every((theme, i) => {
      const other = b.themes[i];
      return other !== undefined && sameTheme({ theme, decor: before.decor }, { theme: other, decor: after.decor });
    })
  );
}

export const Cell = memo(CellView_, sameCell);
