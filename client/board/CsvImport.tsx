import { type ReactNode, useRef, useState } from 'react';
import { problemSentence } from '../../shared/errors';
import { apiImportCsv, type CsvImportResult } from '../api';
import { useT } from '../i18n/I18n';
import { Dialog, DialogDone } from '../ui/Dialog';
import { useBoard } from './context';

/**
 * "Import CSV" for facilitators: pre-seed the board from a spreadsheet, see what was refused.
 * `choose` opens the file picker (from the Export menu); `element` holds the file input and the
 * result, and stays mounted while the menu closes. Null for anyone but a facilitator.
 */
export function useCsvImport(): { choose(): void; element: ReactNode } | null {
  const { session } = useBoard();
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (session.role !== 'facilitator') return null;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    try {
      setResult(await apiImportCsv(session.boardId, session.token, session.identity.seat, await file.text()));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : t('board.csv.failed'));
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const element = (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        aria-label={t('board.csv.file')}
        tabIndex={-1}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
      )}
      {result && (
        <Dialog title={t('board.csv.title')} onClose={() => setResult(null)}>
          <p>{t('board.csv.done', { count: result.imported })}</p>
          {result.problems.length > 0 && (
            <>
              <p>{t('board.csv.problems')}</p>
              <ul className="import-problems">
                {result.problems.map((p) => (
                  <li key={p.line}>{t('board.csv.problem', { line: p.line, reason: problemSentence(t, p) })}</li>
                ))}
              </ul>
            </>
          )}
          <DialogDone onClose={() => setResult(null)} />
        </Dialog>
      )}
    </>
  );
  return { choose: () => input.current?.click(), element };
}
