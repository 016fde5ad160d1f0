import * as Y from 'yjs';
import { linksMap, newRecordMap, notesMap, readRecord } from '../doc';
import { MutationError } from '../errors';
import { type MutationOrigin, timeFor } from '../origin';
import { noteRecord } from '../schema';

/**
 * The id of the link between a need and a practice. Deterministic, so two facilitators linking
 * the same pair at once converge on one link instead of two.
 */
export function linkId(needId: string, practiceId: string): string {
  return `${needId}>${practiceId}`;
}

export function addLink(doc: Y.Doc, needId: string, practiceId: string, createdBy: string, origin: MutationOrigin): string {
  const id = linkId(needId, practiceId);
  doc.transact(() => {
    const need = readRecord(noteRecord, notesMap(doc), needId);
    const practice = readRecord(noteRecord, notesMap(doc), practiceId);
    if (!need || !practice) throw new MutationError('link.notesGone');
    if (need.kind !== 'need') throw new MutationError('link.startNeed');
    if (practice.kind !== 'good-practice') throw new MutationError('link.endPractice');
    if (linksMap(doc).has(id)) return;
    linksMap(doc).set(id, newRecordMap({ id, needId, practiceId, createdBy, createdAt: timeFor(origin) }));
  }, origin);
  return id;
}

export function removeLink(doc: Y.Doc, id: string, origin: MutationOrigin): void {
  doc.transact(() => {
    if (linksMap(doc).get(id) instanceof Y.Map) linksMap(doc).delete(id);
  }, origin);
}
