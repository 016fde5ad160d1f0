/**
 * [RG1-RG4] The report's charts as Vega-Lite specs: plain data, drawn by the server's Vega runtime
 * (server/reports/charts.ts) into SVG for the printable page and PNG for Word. Pure, so every
 * format draws the same charts from the same `Report`, in the report's language.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Translator } from '../i18n/translate';
import { CLUSTERS, NO_CLUSTER_LABEL } from '../model/vocabulary';
import type { EngagementRow } from './engagement';
import type { Report } from './report';
import { bucketLabel, overTimeHeading } from './words';

export type ChartId = 'contributions' | 'votes' | 'over-time';

export interface ChartSpec {
  id: ChartId;
  title: string;
  spec: TopLevelSpec;
}

/** [RG3] At most this many clusters are drawn; past it, the smallest fold into one "Others" bar. */
export const MAX_CHART_CLUSTERS = 8;
/** The drawing's width in CSS pixels: A4's text column at 96 dpi, less a little. */
export const CHART_WIDTH = 600;
/** Families found on a Debian machine first (fonts-dejavu-core is what the server draws with). */
export const CHART_FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/**
 * [RG2] One colour per partner cluster, in the vocabulary's order, whatever the board: neighbours
 * differ in lightness (grey 11%, 71%, 40%, 85%, 25%, 57%), so stacked segments stay apart in a
 * greyscale print. Then two for other named clusters, then "no cluster" and "Others" in greys.
 */
const PARTNER_COLOURS = ['#1a1446', '#f2b134', '#2a8a52', '#bfe0f5', '#8a1c33', '#9a7fd1'] as const;
const EXTRA_COLOURS = ['#4fb3a9', '#7b5a2e'] as const;
const NO_CLUSTER_COLOUR = '#a8a8a8';
const OTHERS_COLOUR = '#e2e2e2';
const BAR_COLOUR = PARTNER_COLOURS[0];

interface ShownCluster {
  label: string;
  colour: string;
  /** Contributions per dimension, and votes, summed for "Others". */
  notes: number[];
  votes: number;
}

/**
 * [RG3] The clusters to draw, in the fixed order (partners, other clusters, no cluster, Others):
 * those with a contribution; past MAX_CHART_CLUSTERS the ones with the fewest fold into "Others".
 */
export function chartClusters(rows: readonly EngagementRow[], others: string): ShownCluster[] {
  const writing = rows.filter((row) => row.total > 0);
  let kept = writing;
  let folded: EngagementRow[] = [];
  if (writing.length > MAX_CHART_CLUSTERS) {
    const biggest = new Set(
      writing
        .map((row, index) => ({ row, index }))
        .sort((a, b) => b.row.total - a.row.total || a.index - b.index)
        .slice(0, MAX_CHART_CLUSTERS - 1)
        .map((x) => x.row),
    );
    kept = writing.filter((row) => biggest.has(row));
    folded = writing.filter((row) => !biggest.has(row));
  }
  let extra = 0;
  const shown: ShownCluster[] = kept.map((row) => {
    const partner = CLUSTERS.findIndex((c) => c.label === row.cluster);
    const colour =
      partner >= 0
        ? PARTNER_COLOURS[partner]
        : row.cluster === NO_CLUSTER_LABEL
          ? NO_CLUSTER_COLOUR
          : (EXTRA_COLOURS[extra++ % EXTRA_COLOURS.length] ?? NO_CLUSTER_COLOUR);
    return { label: row.cluster, colour: colour ?? NO_CLUSTER_COLOUR, notes: row.notes, votes: row.votes };
  });
  // "no cluster" after the named ones, whatever its place in the rows.
  shown.sort((a, b) => Number(a.label === NO_CLUSTER_LABEL) - Number(b.label === NO_CLUSTER_LABEL));
  if (folded.length > 0) {
    shown.push({
      label: others,
      colour: OTHERS_COLOUR,
      notes: (folded[0]?.notes ?? []).map((_, i) => folded.reduce((sum, row) => sum + (row.notes[i] ?? 0), 0)),
      votes: folded.reduce((sum, row) => sum + row.votes, 0),
    });
  }
  return distinct(shown);
}

/** A drawn cluster name's length at most: Vega sizes legend columns by the whole name, cut or not. */
const LABEL_MAX = 24;

/** Long names cut to LABEL_MAX; two that would then read the same are numbered, never merged. */
function distinct(clusters: ShownCluster[]): ShownCluster[] {
  const used = new Set<string>();
  return clusters.map((cluster, i) => {
    const cut = cluster.label.length > LABEL_MAX ? `${cluster.label.slice(0, LABEL_MAX - 1).trimEnd()}…` : cluster.label;
    const label = used.has(cut) ? `${cut.slice(0, LABEL_MAX - 5)}… (${i + 1})` : cut;
    used.add(label);
    return { ...cluster, label };
  });
}

/** d3-format's separators for the report's language, so axis figures read like the tables'. */
function numberLocale(words: Translator): { decimal: string; thousands: string; grouping: number[]; currency: [string, string] } {
  const parts = words.intl.formatters.getNumberFormat(words.locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    thousands: parts.find((p) => p.type === 'group')?.value ?? '',
    grouping: [3],
    currency: ['', ''],
  };
}

function frame(words: Translator, title: string) {
  return {
    title: { text: title, anchor: 'start' as const, fontSize: 15, fontWeight: 'bold' as const, offset: 12 },
    width: CHART_WIDTH,
    background: 'white',
    padding: 12,
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
    config: {
      font: CHART_FONT,
      locale: { number: numberLocale(words) },
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222', titleColor: '#222', gridColor: '#ddd' },
      legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 220 },
      view: { stroke: null },
    },
  };
}

/** Where a long axis label breaks: a character no label holds, split on by the axis' labelExpr. */
const LINE = '|';
const LINE_WIDTH = 24;

/** Breaks a label into lines of about LINE_WIDTH characters at spaces, joined by LINE. */
export function wrap(label: string): string {
  const lines: string[] = [];
  for (const word of label.replaceAll(LINE, '/').split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= LINE_WIDTH) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join(LINE);
}

/** A count axis: whole numbers only. */
const countAxis = (title: string) => ({ title, format: ',d', tickMinStep: 1 });

function colourScale(clusters: readonly ShownCluster[]) {
  return { domain: clusters.map((c) => c.label), range: clusters.map((c) => c.colour) };
}

/** [RG1] Contributions per dimension, stacked by cluster in the fixed order. */
function contributionsChart(report: Report, words: Translator, clusters: ShownCluster[]): ChartSpec | null {
  const { t } = words;
  const dimensions = report.engagement.dimensions.map((label, i) => wrap(`${t('report.dimension.short', { number: i + 1 })} ${label}`));
  const values = clusters.flatMap((cluster, order) =>
    dimensions.map((dimension, i) => ({ dimension, cluster: cluster.label, order, notes: cluster.notes[i] ?? 0 })),
  );
  if (!values.some((v) => v.notes > 0)) return null;
  const title = t('report.chart.contributions');
  return {
    id: 'contributions',
    title,
    spec: {
      ...frame(words, title),
      data: { values },
      mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
      height: { step: 36 },
      encoding: {
        // Two lines at most ("D5 Communication, visibility / & reputation"), so the bars keep their width.
        y: {
          field: 'dimension',
          type: 'nominal',
          sort: dimensions,
          axis: { title: null, labelLimit: 260, labelExpr: `split(datum.label, '${LINE}')` },
        },
        x: { field: 'notes', type: 'quantitative', aggregate: 'sum', stack: 'zero', axis: countAxis(t('report.chart.notesAxis')) },
        color: {
          field: 'cluster',
          type: 'nominal',
          scale: colourScale(clusters),
          sort: clusters.map((c) => c.label),
          legend: {
            title: t('report.table.cluster'),
            orient: 'bottom',
            direction: 'horizontal',
            columns: Math.min(2, clusters.length),
            labelLimit: 190,
          },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

/** [RG1] Votes each cluster's contributions received; only once a round's results are published. */
function votesChart(words: Translator, clusters: ShownCluster[]): ChartSpec | null {
  if (!clusters.some((c) => c.votes > 0)) return null;
  const { t } = words;
  const title = t('report.chart.votes');
  return {
    id: 'votes',
    title,
    spec: {
      ...frame(words, title),
      data: { values: clusters.map((c) => ({ cluster: c.label, votes: c.votes })) },
      mark: { type: 'bar' },
      height: { step: 26 },
      encoding: {
        y: { field: 'cluster', type: 'nominal', sort: clusters.map((c) => c.label), axis: { title: null, labelLimit: 230 } },
        x: { field: 'votes', type: 'quantitative', axis: countAxis(t('report.table.votes')) },
        color: { field: 'cluster', type: 'nominal', scale: colourScale(clusters), legend: null },
      },
    },
  };
}

/** [RG1] Contributions per interval, one bar per time bucket of the engagement figures. */
function overTimeChart(report: Report, words: Translator): ChartSpec | null {
  const buckets = report.engagement.overTime;
  if (!buckets.some((b) => b.notes > 0)) return null;
  const { t } = words;
  // The labels are distinct by construction (engagement.ts adds the date once the bars span days);
  // a repeat would merge two bars, so one is numbered rather than lost.
  const seen = new Set<string>();
  const values = buckets.map((bucket, i) => {
    const label = bucketLabel(words, bucket);
    const time = seen.has(label) ? `${label} (${i + 1})` : label;
    seen.add(time);
    return { time, notes: bucket.notes };
  });
  const title = overTimeHeading(words, report.engagement.bucketMinutes);
  return {
    id: 'over-time',
    title,
    spec: {
      ...frame(words, title),
      data: { values },
      mark: { type: 'bar', color: BAR_COLOUR },
      height: 220,
      encoding: {
        x: {
          field: 'time',
          type: 'ordinal',
          sort: values.map((v) => v.time),
          axis: { title: t('report.chart.timeAxis'), labelAngle: values.length > 8 ? -45 : 0, labelOverlap: 'greedy' },
        },
        y: { field: 'notes', type: 'quantitative', axis: countAxis(t('report.chart.notesAxis')) },
      },
    },
  };
}

/** [RG1] The report's charts, in reading order; a chart with nothing to show is left out [RG4]. */
export function reportCharts(report: Report, words: Translator): ChartSpec[] {
  const clusters = chartClusters(report.engagement.rows, words.t('report.chart.others'));
  return [contributionsChart(report, words, clusters), votesChart(words, clusters), overTimeChart(report, words)].filter(
    (chart): chart is ChartSpec => chart !== null,
  );
}
