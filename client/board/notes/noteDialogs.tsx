/**
 * The dialogs a note's menu opens (Move to…, Group with…), shown by one host on the board screen
 * rather than inside the card: a colleague moving the note meanwhile rebuilds the card, and the
 * dialog must stay open.
 */
import { useSyncExternalStore } from 'react';
import { Store } from '../../store';
import { MoveDialog } from '../MoveDialog';
import { useUiStore } from '../uiContext';
import { GroupWithDialog } from './GroupWithDialog';

export type NoteDialog = {
  type: 'move' | 'group';
  noteId: string;
  noteIds: readonly string[];
} | null;

const current = new Store<NoteDialog>(null);

export function openNoteDialog(dialog: NonNullable<NoteDialog>): void {
  current.set(dialog);
}

export function NoteDialogs() {
  const dialog = useSyncExternalStore(current.subscribe, current.get);
  const ui = useUiStore();
  if (!dialog) return null;
  const close = () => current.set(null);
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
