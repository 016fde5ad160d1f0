/**
 * The written report of a board, shaped like the EXCITE D1.4 document: per dimension the common
 * challenges, the best practices needed and the good practices (attributed to their cluster),
 * grouped by theme and ranked by votes; then matchmaking (needs with the good practices linked to
 * them: candidate learning tandems) and engagement. Pure: every export format renders this.
 */
import type { MessageKey } from '../i18n/catalogue';
import type { KindId } from '../model/vocabulary';
import type { BoardView, NoteView } from '../view/boardView';
import { type Engagement, engagement, type Participant } from './engagement';

export type { EngagementRow, TimeBucket } from './engagement';

/** The heading of each kind's section, in the report's language [LG5]. */
export const SECTION_HEADINGS: Record<KindId, MessageKey> = {
  challenge: 'report.section.challenge',
  need: 'report.section.need',
  'good-practice': 'report.section.good-practice',
};

export interface ReportNote {
  id: string;
  text: string;
  cluster: string;
  author: string;
  votes: number;
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
  sections: ReportSection[];
}

export interface Tandem {
  need: ReportNote;
  practices: ReportNote[];
  clusters: string[];
}

export interface Report {
  title: string;
  generatedAt: Date;
  participantsByCluster: { cluster: string; names: string[] }[];
  dimensions: ReportDimension[];
  tandems: Tandem[];
  /** [AT3] Every figure of the report, from the one counting function. */
  engagement: Engagement;
  totals: Engagement['totals'];
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
}

function reportNote(note: NoteView, votes: ReadonlyMap<string, number>): ReportNote {
  return {
    id: note.id,
    text: note.text.trim(),
    cluster: note.clusterLabel,
    author: note.byline,
    votes: votes.get(note.id) ?? 0,
    carriedFrom: note.carriedFrom?.boardTitle ?? null,
    source: note.source && (note.source.kind === 'api' || note.source.kind === 'import') ? note.source.label : null,
  };
}

/** Most votes first; the board's own order among equals. */
function ranked(notes: ReportNote[]): ReportNote[] {
  return notes
    .map((note, index) => ({ note, index }))
    .sort((a, b) => b.note.votes - a.note.votes || a.index - b.index)
    .map((x) => x.note);
}

export function buildReport(view: BoardView, options: ReportOptions): Report {
  const votes = options.votes ?? new Map<string, number>();
  const notes = [...view.notesById.values()];

  const dimensions = view.dimensions.map((dimension, index) => ({
    number: index + 1,
    label: dimension.label,
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

  const figures = engagement({ view, people: options.people ?? [], votes, now: options.generatedAt.getTime() });

  return {
    title: view.meta.title,
    generatedAt: options.generatedAt,
    participantsByCluster: figures.participantsByCluster,
    dimensions,
    tandems,
    engagement: figures,
    totals: figures.totals,
  };
}
