import { useId, useMemo, useState } from 'react';
import { ungroupNotes } from '../../shared/model/mutations/notes';
import { DIMENSIONS, KINDS, clusterLabel, type DimensionId, type KindId } from '../../shared/model/vocabulary';
import { useBoard, useBoardView } from './context';
import { isFilterActive } from './filter';
import { GroupDialog } from './GroupDialog';
import { ExportMenu } from './layout/ExportMenu';
import './layout/layout.css';
import { MoveDialog } from './MoveDialog';
import { NO_FILTER, liveSelection } from './ui';
import { useUi, useUiStore } from './uiContext';

/**
 * View switch, filter and search, what to do with the selected notes, and the Export menu.
 * [PS4] One row on a laptop; on a narrow screen the filters fold behind a "Filters" button.
 */
export function Toolbar() {
  const ui = useUiStore();
  const viewMode = useUi((s) => s.view);
  const filter = useUi((s) => s.filter);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const filtering = isFilterActive(filter) || filter.mine;
  return (
    <div className="toolbar" role="toolbar" aria-label="Board tools">
      <div className="view-switch" role="group" aria-label="View">
        <button type="button" aria-pressed={viewMode === 'grid'} onClick={() => ui.update(() => ({ view: 'grid' }))}>
          Grid
        </button>
        <button type="button" aria-pressed={viewMode === 'outline'} onClick={() => ui.update(() => ({ view: 'outline' }))}>
          Outline
        </button>
      </div>
      <button
        type="button"
        className={filtering ? 'filters-toggle is-filtering' : 'filters-toggle'}
        aria-expanded={filtersOpen}
        aria-controls={filtersId}
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtering ? 'Filters (on)' : 'Filters'}
      </button>
      <div id={filtersId} className="filters-area" data-open={filtersOpen}>
        <FilterControls />
      </div>
      <SelectionActions />
      <ExportMenu />
    </div>
  );
}

function FilterControls() {
  const ui = useUiStore();
  const filter = useUi((s) => s.filter);
  const view = useBoardView();
  const { clusters, authors } = useMemo(() => {
    const clusterIds = new Set<string>();
    const people = new Map<string, string>();
    for (const note of view.notesById.values()) {
      if (note.cluster) clusterIds.add(note.cluster);
      if (note.authorId) people.set(note.authorId, note.byline);
    }
    return {
      clusters: [...clusterIds].map((id) => ({ id, label: clusterLabel(id) })).sort((a, b) => a.label.localeCompare(b.label)),
      authors: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }, [view]);

  return (
    <div className="filters" role="search">
      <input
        type="search"
        aria-label="Search notes"
        placeholder="Search notes"
        value={filter.text}
        onChange={(e) => ui.setFilter({ text: e.target.value })}
      />
      <select aria-label="Filter by cluster" value={filter.cluster ?? ''} onChange={(e) => ui.setFilter({ cluster: e.target.value || null })}>
        <option value="">All clusters</option>
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <select aria-label="Filter by author" value={filter.author ?? ''} onChange={(e) => ui.setFilter({ author: e.target.value || null })}>
        <option value="">All authors</option>
        {authors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <select aria-label="Filter by kind" value={filter.kind ?? ''} onChange={(e) => ui.setFilter({ kind: (e.target.value || null) as KindId | null })}>
        <option value="">All kinds</option>
        {KINDS.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by dimension"
        value={filter.dimension ?? ''}
        onChange={(e) => ui.setFilter({ dimension: (e.target.value || null) as DimensionId | null })}
      >
        <option value="">All dimensions</option>
        {DIMENSIONS.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={filter.mine} onChange={(e) => ui.setFilter({ mine: e.target.checked })} />
        Highlight my notes
      </label>
      {(isFilterActive(filter) || filter.mine) && (
        <button type="button" className="quiet" onClick={() => ui.setFilter(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

function SelectionActions() {
  const { session, canWrite, run } = useBoard();
  const ui = useUiStore();
  const view = useBoardView();
  const selection = useUi((s) => s.selection);
  const [dialog, setDialog] = useState<'group' | 'move' | null>(null);
  const selected = liveSelection(selection, view);
  if (!canWrite || selected.length === 0) return null;
  const inThemes = selected.filter((id) => view.notesById.get(id)?.themeId);

  return (
    <div className="selection-actions" role="group" aria-label="Selected notes">
      <span className="selection-count" aria-live="polite">
        {selected.length} selected
      </span>
      <button type="button" onClick={() => setDialog('group')}>
        Group as theme
      </button>
      <button type="button" onClick={() => setDialog('move')}>
        Move to…
      </button>
      <button type="button" disabled={inThemes.length === 0} onClick={() => run(() => ungroupNotes(session.doc, inThemes, session.origin))}>
        Ungroup
      </button>
      <button type="button" className="quiet" onClick={() => ui.clearSelection()}>
        Clear selection
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
