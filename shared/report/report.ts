/**
 * The written report of a board, shaped like the EXCITE D1.4 document: per dimension the common
 * challenges, the best practices needed and the good practices (attributed to their cluster),
 * grouped by theme and ranked by votes; then matchmaking (needs with the good practices linked to
 * them: candidate learning tandems) and engagement. Pure: every export format renders this.
 */
import { CLUSTERS, clusterLabel, type KindId } from '../model/vocabulary';
import type { BoardView, NoteView } from '../view/boardView';

export const SECTION_HEADINGS: Record<KindId, string> = {
  challenge: 'Common challenges',
  need: 'Best practices needed',
  'good-practice': 'Good practices',
};

export interface ReportNote {
  id: string;
  text: string;
  cluster: string;
  author: string;
  votes: number;
  /** The title of the previous workshop's board this note was carried over from, or null. */
  carriedFrom: string | null;
}

export interface ReportGroup {
  /** null for the notes in no theme. */
  theme: { title: string; statement: string; votes: number } | null;
  notes: ReportNote[];
}

export interface ReportSection {
  kind: KindId;
  heading: string;
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

export interface EngagementRow {
  cluster: string;
  participants: number;
  /** Notes per dimension, in dimension order. */
  notes: number[];
  total: number;
  /** Votes the cluster's notes received (published results only). */
  votes: number;
}

/** Participants' notes written in each interval of the workshop. */
export interface TimeBucket {
  start: number;
  notes: number;
}

export interface Report {
  title: string;
  generatedAt: Date;
  participantsByCluster: { cluster: string; names: string[] }[];
  dimensions: ReportDimension[];
  tandems: Tandem[];
  engagement: { dimensions: string[]; rows: EngagementRow[]; overTime: TimeBucket[]; bucketMinutes: number };
  totals: { notes: number; themes: number; links: number; votes: number };
}

export interface ReportOptions {
  generatedAt: Date;
  /** Votes per note id; absent until a board has voting. */
  votes?: ReadonlyMap<string, number>;
  /** People who joined the board (they take part even before they write); absent for a bare board. */
  people?: readonly { id: string; name: string; cluster: string | null }[];
}

/** The template's own notes are the report's source text, not a participant's contribution. */
const TEMPLATE_AUTHOR = 'template';

/** The most bars "notes over time" can have, whatever the times on the board. */
export const TIME_BUCKETS_MAX = 48;
/** The latest time a Date holds; later ones would make the labels throw. */
const DATE_MAX_MS = 8.64e15;

function reportNote(note: NoteView, votes: ReadonlyMap<string, number>): ReportNote {
  return {
    id: note.id,
    text: note.text.trim(),
    cluster: note.clusterLabel,
    author: note.authorName,
    votes: votes.get(note.id) ?? 0,
    carriedFrom: note.carriedFrom?.boardTitle ?? null,
  };
}

/** Most votes first; the board's own order among equals. */
function ranked(notes: ReportNote[]): ReportNote[] {
  return notes.map((note, index) => ({ note, index })).sort((a, b) => b.note.votes - a.note.votes || a.index - b.index).map((x) => x.note);
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
      return { kind: cell.kind, heading: SECTION_HEADINGS[cell.kind], groups, noteCount: cell.noteCount };
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

  // Participants: everyone who joined, and every author (a note's author id is its writer's person
  // id, so someone who joined and wrote counts once).
  const people = new Map<string, Map<string, string>>();
  const addPerson = (cluster: string, id: string, name: string) => {
    const byId = people.get(cluster) ?? new Map<string, string>();
    byId.set(id, name);
    people.set(cluster, byId);
  };
  for (const person of options.people ?? []) addPerson(clusterLabel(person.cluster), person.id, person.name);
  for (const note of notes) {
    if (note.authorId === TEMPLATE_AUTHOR || !note.authorId) continue;
    addPerson(note.clusterLabel, note.authorId, note.authorName);
  }
  const clusterOrder = (label: string) => {
    const index = CLUSTERS.findIndex((c) => c.label === label);
    return index < 0 ? CLUSTERS.length : index;
  };
  const participantsByCluster = [...people]
    .map(([cluster, byId]) => ({ cluster, names: [...new Set(byId.values())].sort((a, b) => a.localeCompare(b)) }))
    .sort((a, b) => clusterOrder(a.cluster) - clusterOrder(b.cluster) || a.cluster.localeCompare(b.cluster));

  const rowsByCluster = new Map<string, EngagementRow>();
  const rowOf = (cluster: string): EngagementRow => {
    const row = rowsByCluster.get(cluster) ?? { cluster, participants: people.get(cluster)?.size ?? 0, notes: view.dimensions.map(() => 0), total: 0, votes: 0 };
    rowsByCluster.set(cluster, row);
    return row;
  };
  for (const cluster of people.keys()) rowOf(cluster);
  for (const note of notes) {
    if (note.authorId === TEMPLATE_AUTHOR) continue;
    const row = rowOf(note.clusterLabel);
    const at = view.dimensions.findIndex((d) => d.id === note.dimension);
    row.notes[at] = (row.notes[at] ?? 0) + 1;
    row.total++;
    row.votes += votes.get(note.id) ?? 0;
  }

  // Contributions over time, in buckets that give about a dozen bars whatever the length.
  // Only times a Date can show (a client may write any number), and however far apart they are
  // the chart never has more than TIME_BUCKETS_MAX bars (issue 13: 1e300 used to allocate forever).
  const times = notes.filter((n) => n.authorId !== TEMPLATE_AUTHOR && n.createdAt > 0 && n.createdAt <= DATE_MAX_MS).map((n) => n.createdAt);
  const first = times.reduce((min, t) => Math.min(min, t), Infinity);
  const span = times.length > 0 ? times.reduce((max, t) => Math.max(max, t), -Infinity) - first : 0;
  const bucketMinutes =
    [5, 10, 15, 30, 60, 120, 240, 1440].find((m) => span / (m * 60_000) <= 12) ?? 1440 * Math.max(1, Math.ceil(span / (1440 * 60_000 * (TIME_BUCKETS_MAX - 2))));
  const overTime: TimeBucket[] = [];
  if (times.length > 0) {
    const size = bucketMinutes * 60_000;
    const origin = Math.floor(first / size) * size;
    for (const time of times) {
      const index = Math.floor((time - origin) / size);
      while (overTime.length <= index) overTime.push({ start: origin + overTime.length * size, notes: 0 });
      const bucket = overTime[index];
      if (bucket) bucket.notes++;
    }
  }

  return {
    title: view.meta.title,
    generatedAt: options.generatedAt,
    participantsByCluster,
    dimensions,
    tandems,
    engagement: {
      dimensions: view.dimensions.map((d) => d.label),
      rows: [...rowsByCluster.values()].sort((a, b) => clusterOrder(a.cluster) - clusterOrder(b.cluster) || a.cluster.localeCompare(b.cluster)),
      overTime,
      bucketMinutes,
    },
    totals: {
      notes: view.noteCount,
      themes: view.dimensions.reduce((sum, d) => sum + d.cells.reduce((s, c) => s + c.themes.length, 0), 0),
      links: view.links.length,
      votes: [...votes.values()].reduce((sum, v) => sum + v, 0),
    },
  };
}
