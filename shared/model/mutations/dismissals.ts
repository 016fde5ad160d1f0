/**
 * [SU6] Proposals a facilitator dismissed for this board (issue 19): a proposed theme or tandem
 * that was dismissed is not proposed again on this board, to any facilitator. One record per
 * proposal, keyed by its digest (shared/suggest/dismissals.ts), so two facilitators dismissing the
 * same proposal converge on one record; only facilitators write them (server/workshop/voices.ts).
 */
import * as Y from 'yjs';
import { dismissalId, type ProposalKind } from '../../suggest/dismissals';
import { dismissalsMap, newRecordMap } from '../doc';
import { type MutationOrigin, timeFor } from '../origin';

export function dismissProposal(doc: Y.Doc, kind: ProposalKind, key: string, createdBy: string, origin: MutationOrigin): string {
  const id = dismissalId(kind, key);
  doc.transact(() => {
    if (dismissalsMap(doc).has(id)) return;
    dismissalsMap(doc).set(id, newRecordMap({ id, createdBy, createdAt: timeFor(origin) }));
  }, origin);
  return id;
}

export function restoreProposal(doc: Y.Doc, kind: ProposalKind, key: string, origin: MutationOrigin): void {
  const id = dismissalId(kind, key);
  doc.transact(() => {
    if (dismissalsMap(doc).get(id) instanceof Y.Map) dismissalsMap(doc).delete(id);
  }, origin);
}
