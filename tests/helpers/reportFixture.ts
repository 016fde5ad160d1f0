/** A `Report` made by hand, for the charts and the printable page: only what they read. */
import { DIMENSIONS, ENGLISH_ATTRIBUTION } from '../../shared/model/vocabulary';
import { emptyReportContent } from '../../shared/report/content';
import type { EngagementRow, TimeBucket } from '../../shared/report/engagement';
import type { Report, ReportDimension, ReportNote } from '../../shared/report/report';
import { NO_RUN } from '../../shared/report/workshopRun';

export interface FixtureInput {
  rows?: EngagementRow[];
  overTime?: TimeBucket[];
  bucketMinutes?: number;
  dimensions?: ReportDimension[];
  title?: string;
}

const T0 = Date.parse('2026-03-14T09:00:00Z');

/** Three clusters over five dimensions, votes published, an hour in 5-minute bars. */
export const SAMPLE_ROWS: EngagementRow[] = [
  { cluster: 'Silicon Saxony', participants: 3, notes: [4, 2, 3, 1, 0], total: 10, votes: 7 },
  { cluster: 'DTI Cluster', participants: 2, notes: [1, 3, 0, 2, 2], total: 8, votes: 3 },
  { cluster: 'GAIA', participants: 1, notes: [2, 0, 1, 0, 1], total: 4, votes: 0 },
  { cluster: 'no cluster', participants: 1, notes: [0, 0, 0, 0, 0], total: 0, votes: 0 },
];

export function sampleBuckets(counts: readonly number[], minutes = 5): TimeBucket[] {
  return counts.map((notes, i) => {
    const start = T0 + i * minutes * 60_000;
    const iso = new Date(start).toISOString();
    // As engagement.ts labels them: with the date once the bars are a day wide.
    return { start, label: minutes >= 1440 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16), notes };
  });
}

let noteId = 0;
function note(text: string, cluster: string, votes = 0, extra: Partial<ReportNote> = {}): ReportNote {
  return { id: `n${++noteId}`, kind: 'challenge', text, cluster, author: 'Ana', votes, meToo: 0, carriedFrom: null, source: null, ...extra };
}

/** Every dimension with challenges, needs and good practices: themed, loose and empty cells. */
export function sampleDimensions(): ReportDimension[] {
  return DIMENSIONS.map((d, i) =>
    withLists({
      number: i + 1,
      label: d.label,
      hint: d.hint,
      sections: [
        {
          kind: 'challenge',
          noteCount: 3,
          groups: [
            {
              theme: { title: 'Funding cycles', statement: 'Members want a steadier income\nthan project calls give.', votes: 5 },
              notes: [note('Public funding stops between calls', 'Silicon Saxony', 3), note('SME members cannot pay higher fees', 'DTI Cluster', 2)],
            },
            { theme: null, notes: [note(`Hard to measure impact in ${d.label.toLowerCase()}`, 'GAIA', 0, { carriedFrom: 'Kick-off, Dresden' })] },
          ],
        },
        { kind: 'need', noteCount: i % 2, groups: i % 2 ? [{ theme: null, notes: [note('A shared KPI template', 'SCS Cluster', 1)] }] : [] },
        {
          kind: 'good-practice',
          noteCount: 2,
          groups: [
            {
              theme: null,
              notes: [
                note('Quarterly members’ day with a pitch slot for every new member, run by the members themselves.', 'Business Hive Vilnius', 4),
                note('Service catalogue priced by membership tier', 'Mazovia Cluster ICT', 0, { source: 'CSV import by Anna' }),
              ],
            },
          ],
        },
      ],
    }),
  );
}

/** Each note takes its section's kind; the dimension's ranked lists are read from its sections, as buildReport makes them. */
function withLists(dimension: Pick<ReportDimension, 'number' | 'label' | 'hint' | 'sections'>): ReportDimension {
  const sections = dimension.sections.map((section) => ({
    ...section,
    groups: section.groups.map((g) => ({ ...g, notes: g.notes.map((n) => ({ ...n, kind: section.kind })) })),
  }));
  const all = (kind: string) => sections.filter((s) => s.kind === kind).flatMap((s) => s.groups.flatMap((g) => g.notes));
  return { ...dimension, sections, needs: all('need'), practices: all('good-practice'), matches: [] };
}

export function fixtureReport(input: FixtureInput = {}): Report {
  const rows = input.rows ?? SAMPLE_ROWS;
  const overTime = input.overTime ?? sampleBuckets([2, 5, 3, 0, 4, 6, 1, 1]);
  const contributions = rows.reduce((sum, row) => sum + row.total, 0);
  const votes = rows.reduce((sum, row) => sum + row.votes, 0);
  const dimensions = DIMENSIONS.map((d) => d.label);
  const totals = { participants: rows.reduce((s, r) => s + r.participants, 0), contributions, notes: contributions, themes: 0, links: 0, votes };
  const participantsByCluster = rows.map((row) => ({ cluster: row.cluster, names: [] }));
  return {
    title: input.title ?? 'Workshop board',
    generatedAt: new Date(T0 + 3_600_000),
    noClusterLabel: ENGLISH_ATTRIBUTION.noCluster,
    participantsByCluster,
    dimensions: input.dimensions ?? [],
    tandems: [],
    pairs: [],
    content: emptyReportContent(),
    clusters: [],
    revisions: [],
    run: NO_RUN,
    engagement: {
      dimensions,
      participantsByCluster,
      rows,
      overTime,
      bucketMinutes: input.bucketMinutes ?? 5,
      perDimension: dimensions.map(() => ({ notes: 0, votes: 0 })),
      days: [],
      totals,
    },
    totals,
  };
}
