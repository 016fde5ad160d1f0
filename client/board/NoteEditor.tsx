import { type KeyboardEvent, useLayoutEffect, useRef } from 'react';
import { NOTE_TEXT_MAX } from '../../shared/model/schema';
import { mapCaret } from '../../shared/model/text';
import type { NoteView } from '../../shared/view/boardView';
import { useT } from '../i18n/I18n';
import { useBoard } from './context';

/**
 * Live editing of a note: every keystroke is a Y.Text diff, so two people can type in one note
 * and each sees the other's words appear, with their own caret kept in place.
 */
export function NoteEditor({ note, onDone }: { note: NoteView; onDone(how: 'keyboard' | 'blur'): void }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  const shown = useRef(note.text);
  const caret = useRef<[number, number]>([note.text.length, note.text.length]);

  const rememberCaret = () => {
    const el = ref.current;
    if (el) caret.current = [el.selectionStart, el.selectionEnd];
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || note.text === shown.current) return;
    const [start, end] = caret.current;
    const next: [number, number] = [mapCaret(shown.current, note.text, start), mapCaret(shown.current, note.text, end)];
    shown.current = note.text;
    caret.current = next;
    if (document.activeElement === el) el.setSelectionRange(next[0], next[1]);
  }, [note.text]);

  useLayoutEffect(() => {
    session.setEditing(note.id);
    ref.current?.focus();
    const length = ref.current?.value.length ?? 0;
    ref.current?.setSelectionRange(length, length);
    return () => session.setEditing(null);
  }, [session, note.id]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape' || (event.key === 'Enter' && !event.shiftKey)) {
      event.preventDefault();
      onDone('keyboard');
    }
  };

  return (
    <textarea
      ref={ref}
      className="note-editor"
      aria-label={t('board.note.text.label')}
      value={note.text}
      maxLength={NOTE_TEXT_MAX}
      rows={Math.max(3, Math.ceil(note.text.length / 40))}
      onChange={(event) => {
        shown.current = event.target.value;
        rememberCaret();
        run(() => session.commands.editNote(note.id, event.target.value));
      }}
      onSelect={rememberCaret}
      onKeyDown={onKeyDown}
      onBlur={() => onDone('blur')}
    />
  );
}
