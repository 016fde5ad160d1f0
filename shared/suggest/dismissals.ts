/**
 * [SU6] Which proposals a facilitator dismissed on a board: each is remembered by a short digest of
 * what was proposed (a theme's key, a tandem's need and practice), so the record key stays within
 * the board's key bounds however many notes a proposal names. A collision would hide one
 * proposal, never change the board.
 */
import type { BoardView } from '../view/boardView';
import type { TandemProposal } from './types';

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

/** The record key of a dismissed proposal (the board's `dismissals` map). */
export function dismissalId(kind: ProposalKind, key: string): string {
  const text = `${kind}:${key}`;
  return `${kind}:${fnv(text, 0x811c9dc5)}${fnv(text, 0x01000193)}`;
}

/** A tandem's proposal key: its need and practice. */
export function tandemKey(proposal: Pick<TandemProposal, 'needId' | 'practiceId'>): string {
  return `${proposal.needId}>${proposal.practiceId}`;
}

export function isDismissed(view: BoardView, kind: ProposalKind, key: string): boolean {
  return view.dismissed.has(dismissalId(kind, key));
}
