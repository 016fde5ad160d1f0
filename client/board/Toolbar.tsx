import './layout/layout.css';
import { useId, useState } from 'react';
import { useT } from '../i18n/I18n';
import { useBoard, useBoardView } from './context';
import { isFilterActive } from './filter';
import { GroupDialog } from './GroupDialog';
import { ExportMenu } from './layout/ExportMenu';
import { MoveDialog } from './MoveDialog';
import { ResultsButton } from './results/ResultsButton';
import { DensityControl } from './search/DensityControl';
import { FilterControls } from './search/FilterControls';
import { liveSelection } from './ui';
import { useUi, useUiStore } from './uiContext';

/**
 * View switch, filter and search, what to do with the selected notes, and the Export menu.
 * [PS4] One row on a laptop; on a narrow screen the filters fold behind a "Filters" button.
 */
export function Toolbar() {
  const { t } = useT();
  const ui = useUiStore();
  const viewMode = useUi((s) => s.view);
  const filter = useUi((s) => s.filter);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const filtering = isFilterActive(filter) || filter.mine;
  return (
    <div className="toolbar" role="toolbar" aria-label={t('room.toolbar')}>
      <div className="view-switch" role="group" aria-label={t('room.toolbar.view')}>
        <button type="button" aria-pressed={viewMode === 'grid'} onClick={() => ui.update(() => ({ view: 'grid' }))}>
          {t('room.toolbar.view.grid')}
        </button>
        <button type="button" aria-pressed={viewMode === 'outline'} onClick={() => ui.update(() => ({ view: 'outline' }))}>
          {t('room.toolbar.view.outline')}
        </button>
      </div>
      <ResultsButton />
      <DensityControl />
      <button
        type="button"
        className={filtering ? 'filters-toggle is-filtering' : 'filters-toggle'}
        aria-expanded={filtersOpen}
        aria-controls={filtersId}
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtering ? t('room.toolbar.filters.on') : t('room.toolbar.filters')}
      </button>
      <div id={filtersId} className="filters-area" data-open={filtersOpen}>
        <FilterControls />
      </div>
      <SelectionActions />
      <ExportMenu />
    </div>
  );
}

function SelectionActions() {
  const { session, canWrite, run } = useBoard();
  const { t } = useT();
  const ui = useUiStore();
  const view = useBoardView();
  const selection = useUi((s) => s.selection);
  const [dialog, setDialog] = useState<'group' | 'move' | null>(null);
  const selected = liveSelection(selection, view);
  if (!canWrite || selected.length === 0) return null;
  const inThemes = selected.filter((id) => view.notesById.get(id)?.themeId);

  return (
    <div className="selection-actions" role="group" aria-label={t('room.selection')}>
      <span className="selection-count" aria-live="polite">
        {t('room.selection.count', { count: selected.length })}
      </span>
      <button type="button" onClick={() => setDialog('group')}>
        {t('room.selection.group')}
      </button>
      <button type="button" onClick={() => setDialog('move')}>
        {t('room.selection.move')}
      </button>
      <button type="button" disabled={inThemes.length === 0} onClick={() => run(() => session.commands.ungroupNotes(inThemes))}>
        {t('room.selection.ungroup')}
      </button>
      <button type="button" className="quiet" onClick={() => ui.clearSelection()}>
        {t('room.selection.clear')}
      </button>
      {dialog === 'group' && (
        <GroupDialog
          noteIds={selected}
          onDone={() => {
            setDialog(null);
            ui.clearSelection();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'move' && <MoveDialog noteIds={selected} onClose={() => setDialog(null)} />}
    </div>
  );
}
