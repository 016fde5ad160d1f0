/**
 * [SG7] Proposed learning tandems: for a need, the good practices that answer it, ranked by their
 * similarity with the shared terms as the reason. A tandem crosses clusters, so a practice of
 * the need's own cluster is never proposed; a need that speaks for no cluster (a consortium's
 * common need, as in the EXCITE template) may meet any cluster's practice. Pairs already linked
 * on the board are left out, and a practice sharing no term with the need is no proposal.
 */
import type { Entry, IndexInternals } from './entry';
import { LocalPostings } from './postings';
import { byScoreThenId, compareIds } from './rank';
import type { TandemProposal } from './types';

export interface TandemOptions {
  /** One need's proposals; every need's when absent. */
  needId?: string;
  /** The board's links (need -> practice): proposals leave these pairs out. */
  linked?: Iterable<{ needId: string; practiceId: string }>;
  /** Proposals per need, at most. */
  limit?: number;
}

export const DEFAULT_TANDEM_LIMIT = 3;
export const TANDEM_MIN_SCORE = 0.04;

export function proposeTandems(ix: IndexInternals, options: TandemOptions): TandemProposal[] {
  const limit = Math.max(0, options.limit ?? DEFAULT_TANDEM_LIMIT);
  const linked = new Map<string, Set<string>>();
  for (const link of options.linked ?? []) {
    const practices = linked.get(link.needId) ?? new Set<string>();
    practices.add(link.practiceId);
    linked.set(link.needId, practices);
  }
  const all = [...ix.entries.values()];
  const practices = new LocalPostings(all.filter((e) => e.note.kind === 'good-practice'));
  const needs = all
    .filter((e) => e.note.kind === 'need' && (options.needId === undefined || e.note.id === options.needId))
    .sort((x, y) => compareIds(x.note.id, y.note.id));
  const proposals: TandemProposal[] = [];
  for (const need of needs) {
    const ranked: { id: string; practice: Entry; score: number }[] = [];
    const alreadyLinked = linked.get(need.note.id);
    for (const practice of practices.sharing(need)) {
      if (need.note.cluster !== null && practice.note.cluster === need.note.cluster) continue;
      if (alreadyLinked?.has(practice.note.id)) continue;
      const score = ix.similarity(need, practice);
      if (score >= TANDEM_MIN_SCORE) ranked.push({ id: practice.note.id, practice, score });
    }
    ranked.sort(byScoreThenId);
    // The reason is worked out only for the proposals answered.
    for (const { practice, score } of ranked.slice(0, limit)) {
      proposals.push({ needId: need.note.id, practiceId: practice.note.id, score, shared: ix.sharedTerms(need, practice, practice) });
    }
  }
  return proposals;
}
