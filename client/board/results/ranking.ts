/**
 * The ranked results of a closed vote: per dimension and kind, the notes that got votes, most
 * first, with their votes per voter cluster. Pure, from what the server published (totals and
 * per-cluster votes in the control document), never from what a client claims.
 */
import { clusterLabel, type DimensionId, type KindId, KINDS } from '../../../shared/model/vocabulary';
import type { BoardView, NoteView } from '../../../shared/view/boardView';
import { NO_CLUSTER_KEY } from '../../../shared/workshop/voting';
import { currentAttributionWords } from '../../i18n/current';

export interface ClusterVotes {
  cluster: string | null;
  label: string;
  votes: number;
}

export interface RankedNote {
  /** 1 for the most votes; tied notes share a rank (1, 2, 2, 4). */
  rank: number;
  tied: boolean;
  note: NoteView;
  votes: number;
  clusters: ClusterVotes[];
}

export interface RankedKind {
  kind: KindId;
  label: string;
  notes: RankedNote[];
}

export interface RankedDimension {
  id: DimensionId;
  label: string;
  kinds: RankedKind[];
}

export function rankResults(
  view: BoardView,
  totals: Readonly<Record<string, number>>,
  byCluster: Readonly<Record<string, Readonly<Record<string, number>>>>,
): RankedDimension[] {
  return view.dimensions.map((dimension) => ({
    id: dimension.id,
    label: dimension.label,
    kinds: dimension.cells.map((cell) => {
      // Board order first, so ties keep the order people see on the board (sort is stable).
      const notes = [...cell.themes.flatMap((t) => t.notes), ...cell.ungrouped]
        .map((note) => ({ note, votes: totals[note.id] ?? 0 }))
        .filter((entry) => entry.votes > 0)
        .sort((a, b) => b.votes - a.votes);
      return {
        kind: cell.kind,
        label: KINDS.find((k) => k.id === cell.kind)?.label ?? cell.kind,
        notes: notes.map((entry) => ({
          rank: notes.findIndex((other) => other.votes === entry.votes) + 1,
          tied: notes.filter((other) => other.votes === entry.votes).length > 1,
          note: entry.note,
          votes: entry.votes,
          clusters: clustersOf(byCluster[entry.note.id]),
        })),
      };
    }),
  }));
}

function clustersOf(votes: Readonly<Record<string, number>> | undefined): ClusterVotes[] {
  if (!votes) return [];
  return Object.entries(votes)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => {
      const cluster = key === NO_CLUSTER_KEY ? null : key;
      return { cluster, label: clusterLabel(cluster, currentAttributionWords()), votes: count };
    })
    .sort((a, b) => b.votes - a.votes || a.label.localeCompare(b.label));
}

/** Whether any note got a vote. */
export function hasVotes(ranked: readonly RankedDimension[]): boolean {
  return ranked.some((d) => d.kinds.some((k) => k.notes.length > 0));
}
