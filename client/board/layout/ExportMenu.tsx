import { useState } from 'react';
import { apiDownloadExport } from '../../api';
import { useBoard } from '../context';
import { useCsvImport } from '../CsvImport';
import { useDock } from './dock';
import { MenuButton, type MenuItem } from './MenuButton';

/**
 * [PS4] The report, the notes as files, the engagement panel and (for facilitators) the CSV
 * import, behind one "Export" menu instead of a row of six buttons. Not for viewers.
 */
export function ExportMenu() {
  const { session, canWrite } = useBoard();
  const dock = useDock();
  const csv = useCsvImport();
  const [problem, setProblem] = useState<string | null>(null);
  if (!canWrite) return null;
  const download = (format: 'md' | 'csv' | 'docx' | 'json') => () => {
    setProblem(null);
    apiDownloadExport(session.boardId, session.token, format).catch((error: unknown) =>
      setProblem(error instanceof Error ? error.message : 'The export did not work. Try again.'),
    );
  };
  const items: MenuItem[] = [
    { label: 'Engagement', hint: 'Notes per cluster and dimension, and over time', onSelect: () => dock.open('engagement') },
    { label: 'Report (Word)', onSelect: download('docx') },
    { label: 'Report (Markdown)', onSelect: download('md') },
    { label: 'Notes (CSV)', onSelect: download('csv') },
    { label: 'Board (JSON)', hint: 'The whole board, to import as a new board later', onSelect: download('json') },
  ];
  if (csv) items.push({ label: 'Import CSV…', hint: 'Add notes from a spreadsheet', onSelect: csv.choose });
  return (
    <div className="exports">
      <MenuButton
        menuLabel="Export and import"
        items={items}
        label={
          <>
            Export <span aria-hidden="true">▾</span>
          </>
        }
      />
      {csv?.element}
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
