/**
 * [SU6] Proposals a facilitator dismissed for this board (issue 19): a proposed theme or tandem
 * that was dismissed is not proposed again on this board, to any facilitator. One record per
 * proposal, keyed by a short digest of what was proposed, so two facilitators dismissing the same
 * proposal converge on one record; only facilitators write them (server/workshop/ownership.ts).
 */
import * as Y from 'yjs';
import { dismissalsMap, newRecordMap } from '../doc';
import { type MutationOrigin, timeFor } from '../origin';

export type ProposalKind = 'theme' | 'tandem';

/** 32-bit FNV-1a, seeded: two of them make a 64-bit digest. */
function fnv(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The record key of a dismissed proposal: the engine's theme keys name every note of the group
 * and may be long, so the key is a 64-bit digest (a collision would hide one proposal, never
 * change the board).
 */
export function dismissalId(kind: ProposalKind, key: string): string {
  const text = `${kind}:${key}`;
  return `${kind}:${fnv(text, 0x811c9dc5)}${fnv(text, 0x01000193)}`;
}

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
