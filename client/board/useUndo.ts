/**
 * Undo and redo as a person uses them: header buttons and the usual shortcuts (Ctrl/Cmd+Z,
 * Shift+Ctrl/Cmd+Z, Ctrl+Y) anywhere on the board, including the note editor, whose typing is
 * part of the board's history. Other text fields (filters, dialogs, the new-note composer) keep
 * the browser's own undo for what is typed in them.
 */
import { useCallback, useEffect } from 'react';
import { MutationError } from '../../shared/model/errors';
import { t } from '../i18n/current';
import { useBoard, useUndoState } from './context';
import type { UndoResult } from './undo';

export type HistoryCommand = 'undo' | 'redo';

/** The note editor's textarea edits the board, so its Ctrl+Z is the board's undo. */
const BOARD_TEXT_FIELDS = 'textarea.note-editor';
const OWN_UNDO_FIELDS = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';

export const IS_APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

/** The shortcuts in words, read when a title is drawn: keys are named in the page's language (Strg, Maj). */
export const SHORTCUT_HINT: Readonly<Record<HistoryCommand, string>> = {
  get undo() {
    return IS_APPLE ? '⌘Z' : t('board.undo.shortcut');
  },
  get redo() {
    return IS_APPLE ? '⇧⌘Z' : t('board.undo.redo.shortcut');
  },
};

export const ARIA_SHORTCUTS: Record<HistoryCommand, string> = {
  undo: 'Control+Z Meta+Z',
  redo: 'Control+Shift+Z Meta+Shift+Z Control+Y',
};

/** Which history command a key press asks for, if any. */
export function historyCommandFor(event: KeyboardEvent): HistoryCommand | null {
  if (event.altKey || event.isComposing || !(event.ctrlKey || event.metaKey)) return null;
  // The letter, whatever the layout: `key` where it is a Latin letter (AZERTY, QWERTZ), the
  // physical key where it is not (Cyrillic, Greek).
  const typed = event.key.toLowerCase();
  const letter = /^[a-z]$/.test(typed) ? typed : event.code === 'KeyZ' ? 'z' : event.code === 'KeyY' ? 'y' : '';
  if (letter === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (letter === 'y' && event.ctrlKey && !event.metaKey && !event.shiftKey) return 'redo';
  return null;
}

/** Whether a shortcut pressed with focus on `target` is the board's (not a text field's or a dialog's). */
export function boardOwnsShortcut(target: EventTarget | null): boolean {
  if (document.querySelector('[aria-modal="true"]')) return false;
  if (!(target instanceof Element)) return true;
  if (target.closest('[role="dialog"], dialog')) return false;
  if (target.matches(BOARD_TEXT_FIELDS)) return true;
  return !target.closest(OWN_UNDO_FIELDS);
}

const GONE: Record<HistoryCommand, 'undo.gone' | 'redo.gone'> = { undo: 'undo.gone', redo: 'redo.gone' };

export function useUndo() {
  const { session, canWrite, run } = useBoard();
  const state = useUndoState();

  const perform = useCallback(
    (command: HistoryCommand) => {
      run(() => {
        const result: UndoResult = command === 'undo' ? session.undo() : session.redo();
        // Shown like a refused command: the person pressed Undo and the board did not change.
        if (result === 'gone') throw new MutationError(GONE[command]);
      });
    },
    [session, run],
  );

  useEffect(() => {
    if (!canWrite) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const command = historyCommandFor(event);
      if (!command || !boardOwnsShortcut(event.target)) return;
      // Also in the note editor: the browser's own undo would fight the shared text.
      event.preventDefault();
      perform(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canWrite, perform]);

  return { ...state, enabled: canWrite, undo: () => perform('undo'), redo: () => perform('redo') };
}
