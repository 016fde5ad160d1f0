/**
 * The dialogs a note's menu opens (Move to…, Group with…), shown by one host on the board screen
 * rather than inside the card: a colleague moving the note meanwhile rebuilds the card, and the
 * dialog must stay open.
 */
import { useSyncExternalStore } from 'react';
import { MoveDialog } from '../MoveDialog';
import { useUiStore } from '../uiContext';
import { GroupWithDialog } from './GroupWithDialog';

export type NoteDialog = {
  type: 'move' | 'group';
  noteId: string;
  noteIds: readonly string[];
} | null;

let current: NoteDialog = null;
const listeners = new Set<() => void>();

function set(next: NoteDialog): void {
  current = next;
  for (const listener of listeners) listener();
}

export function openNoteDialog(dialog: NonNullable<NoteDialog>): void {
  set(dialog);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function NoteDialogs() {
  const dialog = useSyncExternalStore(subscribe, () => current);
  const ui = useUiStore();
  if (!dialog) return null;
  const close = () => set(null);
  if (dialog.type === 'move') return <MoveDialog noteIds={dialog.noteIds} onClose={close} />;
  return (
    <GroupWithDialog
      noteId={dialog.noteId}
      noteIds={dialog.noteIds}
      onClose={close}
      onDone={() => {
        close();
        ui.clearSelection();
      }}
    />
  );
}
