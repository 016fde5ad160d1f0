/**
 * [RC4, RC5] The introduction or conclusion: a textarea bound to the board's Y.Text the way a
 * note's editor is (NoteEditor.tsx): every keystroke is a diff, a colleague's typing appears as
 * they type and this person's caret stays where it was. Two buttons turn the selected lines into
 * a bulleted or numbered list, or back into paragraphs.
 */
import type { IntlShape } from '@formatjs/intl';
import { Children, type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import type { ReportTextName } from '../../../shared/model/limits';
import { mapCaret } from '../../../shared/model/text';
import { REPORT_TEXT_MAX, toggleLines } from '../../../shared/report/textBlocks';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';

/** The hint, its list markers shown as typed and never split across lines. */
function Hint({ id }: { id: string }) {
  // The translator's Intl is typed for plain strings; the marker parts make React elements.
  const intl = useT().intl as unknown as IntlShape<ReactNode>;
  const parts = intl.formatMessage(
    { id: 'reportContent.text.hint' },
    { m: (chunks: ReactNode[]) => <code className="report-marker">{chunks}</code> },
  );
  return (
    <p id={id} className="field-hint">
      {Children.toArray(parts)}
    </p>
  );
}

export function ReportTextEditor({ name, label, text }: { name: ReportTextName; label: string; text: string }) {
  const { t } = useT();
  const { session, run } = useBoard();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const shown = useRef(text);
  const caret = useRef<[number, number]>([text.length, text.length]);

  const rememberCaret = () => {
    const el = ref.current;
    if (el) caret.current = [el.selectionStart, el.selectionEnd];
  };

  // A colleague's change: keep this person's caret on the same words.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || text === shown.current) return;
    const [start, end] = caret.current;
    const next: [number, number] = [mapCaret(shown.current, text, start), mapCaret(shown.current, text, end)];
    shown.current = text;
    caret.current = next;
    if (document.activeElement === el) el.setSelectionRange(next[0], next[1]);
  }, [text]);

  const write = (next: string) => {
    shown.current = next;
    return run(() => session.commands.editReportText(name, next));
  };

  const toggle = (kind: 'bullet' | 'numbered') => {
    const el = ref.current;
    if (!el) return;
    const changed = toggleLines(el.value, el.selectionStart, el.selectionEnd, kind);
    if (changed.text.length > REPORT_TEXT_MAX || !write(changed.text)) return;
    caret.current = [changed.selectionStart, changed.selectionEnd];
    el.focus();
    el.setSelectionRange(changed.selectionStart, changed.selectionEnd);
  };

  return (
    <div className="report-text">
      <div className="report-text-tools" role="toolbar" aria-label={t('reportContent.text.toolbar', { section: label })} aria-controls={id}>
        {/* Pressing a tool keeps the selection in the text (a mouse press would move focus first). */}
        <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => toggle('bullet')}>
          <span aria-hidden="true">•</span> {t('reportContent.text.bullets')}
        </button>
        <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => toggle('numbered')}>
          <span aria-hidden="true">1.</span> {t('reportContent.text.numbers')}
        </button>
      </div>
      <textarea
        ref={ref}
        id={id}
        className="report-textarea"
        aria-label={t('reportContent.text.label', { section: label })}
        aria-describedby={`${id}-hint`}
        data-report-text={name}
        value={text}
        maxLength={REPORT_TEXT_MAX}
        rows={8}
        onChange={(event) => {
          rememberCaret();
          write(event.target.value);
        }}
        onSelect={rememberCaret}
      />
      <Hint id={`${id}-hint`} />
    </div>
  );
}
