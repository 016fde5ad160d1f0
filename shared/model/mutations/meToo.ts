/**
 * [SU3] "Me too": a person adds their voice to a note someone else wrote, instead of writing the
 * same thing again (issue 19). Stored as one record per person and note, keyed `note>person`, so
 * the note's voices are a set of person ids: saying it twice changes nothing, two devices of one
 * person converge on one record, and each voice says whose it is. A person takes back only their
 * own (the server's guard refuses anyone else's: server/workshop/ownership.ts).
 */
import * as Y from 'yjs';
import { meTooMap, newRecordMap, notesMap, readRecord } from '../doc';
import { MutationError } from '../errors';
import { type MutationOrigin, timeFor } from '../origin';
import { noteRecord } from '../schema';

/** The id of a person's "me too" on a note: deterministic, so the set holds each person once. */
export function meTooId(noteId: string, personId: string): string {
  return `${noteId}>${personId}`;
}

export function addMeToo(doc: Y.Doc, noteId: string, personId: string, origin: MutationOrigin): void {
  if (personId === '') throw new MutationError('meToo.noSeat');
  const id = meTooId(noteId, personId);
  doc.transact(() => {
    const note = readRecord(noteRecord, notesMap(doc), noteId);
    if (!note) throw new MutationError('note.gone');
    if (note.authorId === personId) throw new MutationError('meToo.ownNote');
    if (meTooMap(doc).has(id)) return;
    meTooMap(doc).set(id, newRecordMap({ id, noteId, personId, createdAt: timeFor(origin) }));
  }, origin);
}

export function removeMeToo(doc: Y.Doc, noteId: string, personId: string, origin: MutationOrigin): void {
  const id = meTooId(noteId, personId);
  doc.transact(() => {
    if (meTooMap(doc).get(id) instanceof Y.Map) meTooMap(doc).delete(id);
  }, origin);
}
