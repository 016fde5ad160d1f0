/**
 * Writing a new note, wherever it is written from (a cell's composer, the phone's Write view):
 * one place decides where it goes and when it must wait.
 */
import { MutationError } from '../../shared/model/errors';
import { addNote } from '../../shared/model/mutations/notes';
import type { DimensionId, KindId } from '../../shared/model/vocabulary';
import type { BoardContextValue } from './context';

/** Writes the note; false (the person has been told why) when it was refused. */
export function writeNote(
  { session, run }: Pick<BoardContextValue, 'session' | 'run'>,
  note: { text: string; dimension: DimensionId; kind: KindId },
): boolean {
  // While private writing is on, a participant's new notes go to their private space (the
  // server refuses new notes on the shared board meanwhile).
  const target = session.workshop.writesPrivately ? session.workshop.privateDoc : null;
  return run(() => {
    // While first connecting, nobody knows yet whether this note should be private. (Offline,
    // notes are written to the board copy here and sent when the connection returns.)
    if (session.role === 'participant' && !session.workshop.synced && session.getConnection().status === 'connecting') {
      throw new MutationError('board.connecting');
    }
    addNote(target ?? session.doc, { ...note, author: session.author() }, session.origin);
  });
}
