/**
 * The written report of a board, shaped like the EXCITE D1.4 document [RD1]: cover and revision
 * history, introduction, methodology, the cluster profiles, per dimension the common challenges,
 * the best practices needed and the good practices (attributed to their cluster), grouped by theme
 * and ranked by votes, with matchmaking; then the learning tandems, engagement, conclusion and an
 * annex of every note. Pure: every export format renders this.
 */
import type { MessageKey } from '../i18n/catalogue';
import { type AttributionWords, clusterLabel, ENGLISH_ATTRIBUTION, type KindId } from '../model/vocabulary';
import type { BoardView, NoteView } from '../view/boardView';
import { type ClusterProfile, emptyReportContent, type ReportContent } from './content';
import { type Engagement, engagement, type Participant } from './engagement';
import { NO_RUN, type WorkshopRun } from './workshopRun';

export type { EngagementRow, TimeBucket } from './engagement';

/** The heading of each kind's section, in the report's language [LG5]. */
export const SECTION_HEADINGS: Record<KindId, MessageKey> = {
  challenge: 'report.section.challenge',
  need: 'report.section.need',
  'good-practice': 'report.section.good-practice',
};

export interface ReportNote {
  id: string;
  kind: KindId;
  text: string;
  cluster: string;
  author: string;
  votes: number;
  /** [RD12] How many people said "me too" to this note (SU3): voices added instead of a copy. */
  meToo: number;
  /** The title of the previous workshop's board this note was carried over from, or null. */
  carriedFrom: string | null;
  /**
   * [AT1] Who brought in a note that no participant wrote ("API", "CSV import by Anna"), so a
   * claimed cluster reads as that source's claim; null for people's, the template's and carried notes.
   */
  source: string | null;
}

export interface ReportGroup {
  /** null for the notes in no theme. */
  theme: { title: string; statement: string; votes: number } | null;
  notes: ReportNote[];
}

export interface ReportSection {
  kind: KindId;
  groups: ReportGroup[];
  noteCount: number;
}

export interface ReportDimension {
  number: number;
  label: string;
  /** What the dimension covers (the template's description): the methodology lists it. */
  hint: string;
  sections: ReportSection[];
  /** Every need of the dimension, most votes first: "best practices needed". */
  needs: ReportNote[];
  /** Every good practice of the dimension, most votes first: the call-out boxes. */
  practices: ReportNote[];
  /** Who could learn what from whom: this dimension's needs linked to another cluster's good practice. */
  matches: TandemPair[];
}

export interface Tandem {
  need: ReportNote;
  practices: ReportNote[];
  clusters: string[];
}

/** One need -> good practice link: a learning tandem, the basis of an exchange mission. */
export interface TandemPair {
  need: ReportNote;
  practice: ReportNote;
  /** Votes on the need and on the practice: how much the pair was backed. */
  votes: number;
}

/** One named version of the board (a snapshot of its history) in the revision history. */
export interface Revision {
  at: number;
  comment: string;
  /** [RD13] Who took it; for a snapshot with no recorded author, the board's facilitators. */
  by: string;
}

/** A cluster in "1. The clusters": its profile when one was written, and who took part for it. */
export interface ReportCluster {
  label: string;
  profile: ClusterProfile | null;
  participants: string[];
}

export interface Report {
  title: string;
  generatedAt: Date;
  participantsByCluster: { cluster: string; names: string[] }[];
  dimensions: ReportDimension[];
  tandems: Tandem[];
  /** Every need -> good practice pair, most backed first. */
  pairs: TandemPair[];
  content: ReportContent;
  clusters: ReportCluster[];
  /** Oldest first. */
  revisions: Revision[];
  run: WorkshopRun;
  /** [AT3] Every figure of the report, from the one counting function. */
  engagement: Engagement;
  totals: Engagement['totals'];
  /** [AT5] The label the figures count people of no cluster under, in the report's language. */
  noClusterLabel: string;
}

export interface ReportOptions {
  generatedAt: Date;
  /** Votes per note id; absent until a board has voting. */
  votes?: ReadonlyMap<string, number>;
  /**
   * [AT3] The people who joined the board: the only participants (they take part even before they
   * write). Absent for a bare board, which then has no participants and no contributions.
   */
  people?: readonly Participant[];
  /** What the facilitator wrote for the report (cover, profiles, introduction, conclusion). */
  content?: ReportContent;
  /**
   * [LG5] The report's words for clusters ("no cluster", "Other: X"), the same the view was derived
   * with (exportView); English where none are given.
   */
  words?: AttributionWords;
  /** The board's named versions, oldest first. */
  revisions?: readonly Revision[];
  /** How the workshop ran, from its control document. */
  run?: WorkshopRun;
}

function reportNote(note: NoteView, votes: ReadonlyMap<string, number>): ReportNote {
  return {
    id: note.id,
    kind: note.kind,
    text: note.text.trim(),
    cluster: note.clusterLabel,
    author: note.byline,
    votes: votes.get(note.id) ?? 0,
    meToo: note.meToo.length,
    carriedFrom: note.carriedFrom?.boardTitle ?? null,
    source: note.source && (note.source.kind === 'api' || note.source.kind === 'import') ? note.source.label : null,
  };
}

/** [RD12] Most votes first, then most "me too"; the board's own order among equals. */
function ranked(notes: ReportNote[]): ReportNote[] {
  return notes
    .map((note, index) => ({ note, index }))
    .sort((a, b) => b.note.votes - a.note.votes || b.note.meToo - a.note.meToo || a.index - b.index)
    .map((x) => x.note);
}

export function buildReport(view: BoardView, options: ReportOptions): Report {
  const votes = options.votes ?? new Map<string, number>();
  const notes = [...view.notesById.values()];

  const sectioned = view.dimensions.map((dimension, index) => ({
    id: dimension.id,
    number: index + 1,
    label: dimension.label,
    hint: dimension.hint,
    sections: dimension.cells.map((cell) => {
      const themed = cell.themes.map((theme) => {
        const members = ranked(theme.notes.map((n) => reportNote(n, votes)));
        return {
          theme: { title: theme.title.trim(), statement: theme.statement.trim(), votes: members.reduce((sum, n) => sum + n.votes, 0) },
          notes: members,
        };
      });
      const groups: ReportGroup[] = themed
        .filter((g) => g.notes.length > 0)
        .map((g, i) => ({ g, i }))
        .sort((a, b) => (b.g.theme.votes ?? 0) - (a.g.theme.votes ?? 0) || a.i - b.i)
        .map((x) => x.g);
      const loose = ranked(cell.ungrouped.map((n) => reportNote(n, votes)));
      if (loose.length > 0) groups.push({ theme: null, notes: loose });
      return { kind: cell.kind, groups, noteCount: cell.noteCount };
    }),
  }));

  const tandems: Tandem[] = notes
    .filter((n) => n.kind === 'need' && n.linkedIds.length > 0)
    .map((need) => {
      const practices = need.linkedIds
        .map((id) => view.notesById.get(id))
        .filter((n): n is NoteView => n !== undefined)
        .map((n) => reportNote(n, votes));
      const clusters = [...new Set([need.clusterLabel, ...practices.map((p) => p.cluster)])];
      return { need: reportNote(need, votes), practices, clusters };
    });

  const pairs: TandemPair[] = tandems
    .flatMap((tandem) => tandem.practices.map((practice) => ({ need: tandem.need, practice, votes: tandem.need.votes + practice.votes })))
    .map((pair, index) => ({ pair, index }))
    .sort((a, b) => b.pair.votes - a.pair.votes || a.index - b.index)
    .map((x) => x.pair);
  const dimensionOf = new Map(notes.map((n) => [n.id, n.dimension]));

  const dimensions: ReportDimension[] = sectioned.map(({ id, ...dimension }) => {
    const all = (kind: KindId) => ranked(dimension.sections.filter((s) => s.kind === kind).flatMap((s) => s.groups.flatMap((g) => g.notes)));
    return {
      ...dimension,
      needs: all('need'),
      practices: all('good-practice'),
      // A cluster answering its own need teaches nobody: the tandems table still lists the pair.
      matches: pairs.filter((pair) => dimensionOf.get(pair.need.id) === id && pair.need.cluster !== pair.practice.cluster),
    };
  });

  const words = options.words ?? ENGLISH_ATTRIBUTION;
  const figures = engagement({ view, people: options.people ?? [], votes, now: options.generatedAt.getTime(), words });
  const content = options.content ?? emptyReportContent();

  return {
    title: view.meta.title,
    generatedAt: options.generatedAt,
    participantsByCluster: figures.participantsByCluster,
    dimensions,
    tandems,
    pairs,
    content,
    clusters: reportClusters(content.profiles, figures.participantsByCluster, words),
    revisions: [...(options.revisions ?? [])],
    run: options.run ?? NO_RUN,
    engagement: figures,
    totals: figures.totals,
    noClusterLabel: words.noCluster,
  };
}

/**
 * The profiled clusters in the facilitator's order, then every other cluster someone took part
 * for; "no cluster" is not a cluster [AT5], so its people are counted in the methodology only.
 */
function reportClusters(
  profiles: readonly ClusterProfile[],
  participants: Engagement['participantsByCluster'],
  words: AttributionWords,
): ReportCluster[] {
  const names = new Map(participants.map((p) => [p.cluster, p.names]));
  const profiled = profiles.map((profile) => {
    const label = clusterLabel(profile.cluster, words);
    return { label, profile, participants: names.get(label) ?? [] };
  });
  const seen = new Set(profiled.map((c) => c.label));
  const others = participants
    .filter((p) => p.cluster !== words.noCluster && !seen.has(p.cluster))
    .map((p) => ({ label: p.cluster, profile: null, participants: p.names }));
  return [...profiled, ...others];
}
