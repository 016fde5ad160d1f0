import { type KeyboardEvent, useState } from 'react';
import { NOTE_TEXT_MAX } from '../../shared/model/schema';
import { useT } from '../i18n/I18n';
import { SimilarNotes } from './suggest/SimilarNotes';

/**
 * A textarea for a new note: Enter saves, Shift+Enter breaks the line, Escape cancels. Below it,
 * the notes already on the board that say something close (SU1).
 */
export function NoteComposer({ label, onSave, onCancel }: { label: string; onSave(text: string): void; onCancel(): void }) {
  const { t } = useT();
  const [text, setText] = useState('');

  const save = () => {
    if (text.trim().length === 0) return onCancel();
    onSave(text.trim());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter also confirms an input-method composition (Chinese, Japanese, ...): not a save.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <div className="composer">
      <textarea
        aria-label={label}
        value={text}
        maxLength={NOTE_TEXT_MAX}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('board.composer.placeholder')}
        autoFocus
        rows={3}
      />
      <div className="composer-actions">
        <button type="button" className="primary" onClick={save}>
          {t('board.composer.save')}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <SimilarNotes text={text} />
    </div>
  );
}
