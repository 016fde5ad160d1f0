import { useState } from 'react';
import { apiDownloadExport, apiOpenPrintable } from '../../api';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { useCsvImport } from '../CsvImport';
import { useDock } from './dock';
import { MenuButton, type MenuItem } from './MenuButton';

/**
 * [PS4] The report (as a file, or [RG9] as a printable page in a new tab), the notes as files,
 * the engagement panel and (for facilitators) the CSV import, behind one "Export" menu instead of
 * a row of buttons. Not for viewers.
 */
export function ExportMenu() {
  const { session, canWrite } = useBoard();
  const { t } = useT();
  const dock = useDock();
  const csv = useCsvImport();
  const [problem, setProblem] = useState<string | null>(null);
  if (!canWrite) return null;
  const download = (format: 'md' | 'csv' | 'docx' | 'json') => () => {
    setProblem(null);
    apiDownloadExport(session.boardId, session.token, format).catch((error: unknown) =>
      setProblem(error instanceof Error ? error.message : t('room.export.problem')),
    );
  };
  const printable = () => {
    setProblem(null);
    apiOpenPrintable(session.boardId, session.token).catch((error: unknown) =>
      setProblem(error instanceof Error ? error.message : t('room.export.problem')),
    );
  };
  const items: MenuItem[] = [
    { label: t('room.export.engagement'), hint: t('room.export.engagement.hint'), onSelect: () => dock.open('engagement') },
    { label: t('room.export.docx'), onSelect: download('docx') },
    { label: t('room.export.md'), onSelect: download('md') },
    { label: t('room.export.print'), hint: t('room.export.print.hint'), onSelect: printable },
    { label: t('room.export.csv'), onSelect: download('csv') },
    { label: t('room.export.json'), hint: t('room.export.json.hint'), onSelect: download('json') },
  ];
  if (csv) items.push({ label: t('room.export.import'), hint: t('room.export.import.hint'), onSelect: csv.choose });
  return (
    <div className="exports">
      <MenuButton
        menuLabel={t('room.export.menu')}
        items={items}
        label={
          <>
            {t('room.export')} <span aria-hidden="true">▾</span>
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
