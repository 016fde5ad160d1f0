import { useState, Suspense, lazy } from 'react';
import { ungroupNotes } from '../../shared/model/mutations/notes';
import { apiDownloadExport } from '../api';
import { useBoard, useBoardView } from './context';
import { CsvImport } from './CsvImport';
import { GroupDialog } from './GroupDialog';
import { MoveDialog } from './MoveDialog';
import { liveSelection } from './ui';
import { ResultsButton } from './results/ResultsButton';
import { DensityControl } from './search/DensityControl';
import { FilterControls } from './search/FilterControls';
import { useUi, useUiStore } from './uiContext';

const EngagementPanel = lazy(() => import('./EngagementPanel').then((m) => ({ default: m.EngagementPanel })));

/** View switch, filter and search, and what to do with the selected notes. */
export function Toolbar() {
  const ui = useUiStore();
  const viewMode = useUi((s) => s.view);
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
      <ResultsButton />
      <DensityControl />
      <FilterControls />
      <SelectionActions />
      <ExportButtons />
    </div>
  );
}

/** The report and the notes as files, for the coordinator (not for viewers). */
function ExportButtons() {
  const { session, canWrite } = useBoard();
  const [problem, setProblem] = useState<string | null>(null);
  const [engagement, setEngagement] = useState(false);
  if (!canWrite) return null;
  const download = (format: 'md' | 'csv' | 'docx' | 'json') => {
    setProblem(null);
    apiDownloadExport(session.boardId, session.token, format).catch((error: unknown) =>
      setProblem(error instanceof Error ? error.message : 'The export did not work. Try again.'),
    );
  };
  return (
    <div className="exports" role="group" aria-label="Import and export">
      <button type="button" onClick={() => setEngagement(true)}>
        Engagement
      </button>
      {engagement && (
        <Suspense fallback={null}>
          <EngagementPanel onClose={() => setEngagement(false)} />
        </Suspense>
      )}
      <CsvImport />
      <button type="button" onClick={() => download('docx')}>
        Report (Word)
      </button>
      <button type="button" onClick={() => download('md')}>
        Report (Markdown)
      </button>
      <button type="button" onClick={() => download('csv')}>
        Notes (CSV)
      </button>
      <button type="button" onClick={() => download('json')} title="The whole board, to import as a new board later">
        Board (JSON)
      </button>
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
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
