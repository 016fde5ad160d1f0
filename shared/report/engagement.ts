/**
 * [AT3] The one function that counts: participants, contributions per cluster and dimension, votes
 * per cluster, notes over time and the board's totals. The Engagement panel, the Markdown, Word and
 * CSV reports and the JSON export all read it, so no two of them can disagree.
 *
 * Who counts: the people who joined this board (its people records), each under their current
 * cluster ("no cluster" without one). A contribution is a note whose author id names one of them
 * and that has no source; template, imported, API and carried-over notes are never anyone's.
 *
 * [AT4] Nothing here allocates by the data: a note's time is whatever a client once wrote, so it is
 * clamped to [board creation, generation time] and the time chart has at most MAX_TIME_BUCKETS bars
 * whatever the times are (1e300, 9e15, a year in the past, NaN).
 */
import { type AttributionWords, clusterLabel, CLUSTERS, ENGLISH_ATTRIBUTION } from '../model/vocabulary';
import type { BoardView } from '../view/boardView';

export const MAX_TIME_BUCKETS = 48;
/** Bars the time chart aims for: the narrowest width that fits the span in this many. */
const TARGET_BUCKETS = 12;
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const WIDTHS_MINUTES = [5, 10, 15, 30, 60, 120, 240, 480, 720, 1440];
/** The latest time a Date can hold: a chart bar past it could not be labelled. */
const LAST_DATE = 8.64e15;

export interface Participant {
  id: string;
  name: string;
  cluster: string | null;
}

export interface EngagementRow {
  cluster: string;
  participants: number;
  /** Contributions per dimension, in dimension order. */
  notes: number[];
  total: number;
  /** Votes the cluster's contributions received (published results only). */
  votes: number;
}

/** Contributions written in one interval; `label` names its start (UTC), with the date once the chart spans days. */
export interface TimeBucket {
  start: number;
  label: string;
  notes: number;
}

export interface Engagement {
  /** Dimension labels, in order (the columns of `rows[].notes`). */
  dimensions: string[];
  participantsByCluster: { cluster: string; names: string[] }[];
  rows: EngagementRow[];
  overTime: TimeBucket[];
  bucketMinutes: number;
  /**
   * The UTC days (ISO "2026-03-14") on which contributions were written, clamped as the time chart
   * clamps them, in order: the workshop's dates in the report's methodology.
   */
  days: string[];
  /** Every note and published vote on the board per dimension (the template's and sourced notes too). */
  perDimension: { notes: number; votes: number }[];
  totals: { participants: number; contributions: number; notes: number; themes: number; links: number; votes: number };
}

export interface EngagementInput {
  view: BoardView;
  /** The report's words for clusters ("no cluster"); English where none are given. */
  words?: AttributionWords;
  /** The people who joined this board. */
  people: readonly Participant[];
  /** Published votes per note id. */
  votes?: ReadonlyMap<string, number>;
  /** When the figures are made (ms): the end of the time chart. */
  now: number;
}

function clusterOrder(label: string): number {
  const index = CLUSTERS.findIndex((c) => c.label === label);
  return index < 0 ? CLUSTERS.length : index;
}

function byCluster(a: string, b: string): number {
  return clusterOrder(a) - clusterOrder(b) || a.localeCompare(b);
}

const finiteVotes = (value: number | undefined): number => (value !== undefined && Number.isFinite(value) && value > 0 ? value : 0);

export function engagement({ view, people, votes = new Map(), now, words = ENGLISH_ATTRIBUTION }: EngagementInput): Engagement {
  const dimensionIndex = new Map(view.dimensions.map((d, i) => [d.id, i]));
  const byId = new Map<string, Participant>();
  for (const person of people) byId.set(person.id, person);

  const rowsByCluster = new Map<string, EngagementRow>();
  const namesByCluster = new Map<string, Set<string>>();
  for (const person of byId.values()) {
    const cluster = clusterLabel(person.cluster, words);
    const row = rowsByCluster.get(cluster) ?? { cluster, participants: 0, notes: view.dimensions.map(() => 0), total: 0, votes: 0 };
    row.participants++;
    rowsByCluster.set(cluster, row);
    namesByCluster.set(cluster, (namesByCluster.get(cluster) ?? new Set()).add(person.name));
  }

  const perDimension = view.dimensions.map(() => ({ notes: 0, votes: 0 }));
  const times: number[] = [];
  for (const note of view.notesById.values()) {
    const at = dimensionIndex.get(note.dimension) ?? -1;
    const noteVotes = finiteVotes(votes.get(note.id));
    const dimension = perDimension[at];
    if (dimension) {
      dimension.notes++;
      dimension.votes += noteVotes;
    }
    if (note.source !== null) continue;
    const author = note.authorId === '' ? undefined : byId.get(note.authorId);
    if (!author) continue;
    const row = rowsByCluster.get(clusterLabel(author.cluster, words));
    if (!row) continue;
    row.notes[at] = (row.notes[at] ?? 0) + 1;
    row.total++;
    row.votes += noteVotes;
    times.push(note.createdAt);
  }

  const rows = [...rowsByCluster.values()].sort((a, b) => byCluster(a.cluster, b.cluster));
  const { overTime, bucketMinutes } = timeChart(times, view.meta.createdAt, now);
  return {
    days: workshopDays(times, view.meta.createdAt, now),
    dimensions: view.dimensions.map((d) => d.label),
    participantsByCluster: [...namesByCluster]
      .map(([cluster, names]) => ({ cluster, names: [...names].sort((a, b) => a.localeCompare(b)) }))
      .sort((a, b) => byCluster(a.cluster, b.cluster)),
    rows,
    overTime,
    bucketMinutes,
    perDimension,
    totals: {
      participants: byId.size,
      contributions: times.length,
      notes: view.noteCount,
      themes: view.dimensions.reduce((sum, d) => sum + d.cells.reduce((s, c) => s + c.themes.length, 0), 0),
      links: view.links.length,
      // Votes on notes still on the board, as every row and dimension counts them.
      votes: perDimension.reduce((sum, d) => sum + d.votes, 0),
    },
  };
}

/**
 * [AT4] Contributions over time. Each time is clamped into [board creation, now] (a time that is
 * not a finite number counts at creation), so the span is bounded by the board's age; the width is
 * the narrowest that fits the span in about a dozen bars, and a bucket index past the last bar is
 * folded into it, so there are never more than MAX_TIME_BUCKETS bars.
 */
export function timeChart(times: readonly number[], createdAt: number, now: number): { overTime: TimeBucket[]; bucketMinutes: number } {
  const end = Number.isFinite(now) ? Math.min(Math.max(now, 0), LAST_DATE) : 0;
  const start = Number.isFinite(createdAt) && createdAt > 0 ? Math.min(createdAt, end) : end;
  if (times.length === 0) return { overTime: [], bucketMinutes: WIDTHS_MINUTES[0] ?? 5 };
  const clamped = times.map((t) => (Number.isFinite(t) ? Math.min(Math.max(t, start), end) : start));
  let first = end;
  let last = start;
  for (const t of clamped) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const span = last - first;
  const bucketMinutes = WIDTHS_MINUTES.find((m) => span / (m * MINUTE) <= TARGET_BUCKETS) ?? Math.ceil(span / TARGET_BUCKETS / DAY) * 1440;
  const size = bucketMinutes * MINUTE;
  const origin = Math.floor(first / size) * size;
  const count = Math.min(MAX_TIME_BUCKETS, Math.floor((last - origin) / size) + 1);
  const withDate = last - origin >= DAY || new Date(origin).getUTCDate() !== new Date(last).getUTCDate();
  const overTime: TimeBucket[] = Array.from({ length: count }, (_, i) => {
    const bucketStart = origin + i * size;
    const iso = new Date(bucketStart).toISOString();
    return { start: bucketStart, label: withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16), notes: 0 };
  });
  for (const t of clamped) {
    const bucket = overTime[Math.min(count - 1, Math.max(0, Math.floor((t - origin) / size)))];
    if (bucket) bucket.notes++;
  }
  return { overTime, bucketMinutes };
}

/** [AT4] The distinct UTC days of `times`, each clamped into [board creation, now] as the time chart does. */
function workshopDays(times: readonly number[], createdAt: number, now: number): string[] {
  const end = Number.isFinite(now) ? Math.min(Math.max(now, 0), LAST_DATE) : 0;
  const start = Number.isFinite(createdAt) && createdAt > 0 ? Math.min(createdAt, end) : end;
  const days = new Set(times.map((t) => new Date(Number.isFinite(t) ? Math.min(Math.max(t, start), end) : start).toISOString().slice(0, 10)));
  return [...days].sort();
}

/** A bar's width for people: "5 minutes", "2 hours", "3 days". */
export function bucketWidthLabel(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
