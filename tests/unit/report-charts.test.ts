/** The report's charts as specs (SPEC RG1-RG5): what they show, what they leave out, their language. */
import { describe, expect, it } from 'vitest';
import { CLUSTERS, NO_CLUSTER_LABEL } from '../../shared/model/vocabulary';
import { chartClusters, MAX_CHART_CLUSTERS, reportCharts, wrap } from '../../shared/report/charts';
import type { EngagementRow } from '../../shared/report/engagement';
import { reportTranslator } from '../../shared/report/words';
import { fixtureReport, SAMPLE_ROWS, sampleBuckets } from '../helpers/reportFixture';

const en = await reportTranslator('en');
const fr = await reportTranslator('fr');

interface Encoded {
  data: { values: Record<string, unknown>[] };
  encoding: { color?: { scale: { domain: string[]; range: string[] } } };
}
const encoded = (spec: unknown) => spec as Encoded;
const row = (cluster: string, total: number, votes = 0): EngagementRow => ({
  cluster,
  participants: 1,
  notes: [total, 0, 0, 0, 0],
  total,
  votes,
});

describe('the report charts (RG)', () => {
  it('[RG1] draws contributions, votes and notes over time, in that order', () => {
    expect(reportCharts(fixtureReport(), en).map((c) => c.id)).toEqual(['contributions', 'votes', 'over-time']);
  });

  it('[RG1] every cluster with a contribution appears in the contributions chart, in cluster order, with its figures', () => {
    const [contributions] = reportCharts(fixtureReport(), en);
    const values = encoded(contributions?.spec).data.values;
    expect([...new Set(values.map((v) => v.cluster))]).toEqual(['Silicon Saxony', 'DTI Cluster', 'GAIA']);
    for (const source of SAMPLE_ROWS.filter((r) => r.total > 0)) {
      const drawn = values.filter((v) => v.cluster === source.cluster).map((v) => v.notes);
      expect(drawn).toEqual(source.notes);
    }
  });

  it('[RG1] the votes chart shows each contributing cluster’s votes received', () => {
    const votes = reportCharts(fixtureReport(), en).find((c) => c.id === 'votes');
    expect(encoded(votes?.spec).data.values).toEqual([
      { cluster: 'Silicon Saxony', votes: 7 },
      { cluster: 'DTI Cluster', votes: 3 },
      { cluster: 'GAIA', votes: 0 },
    ]);
  });

  it('[RG1] the time chart has one bar per time bucket of the engagement figures', () => {
    const buckets = sampleBuckets([1, 0, 3]);
    const overTime = reportCharts(fixtureReport({ overTime: buckets }), en).find((c) => c.id === 'over-time');
    expect(encoded(overTime?.spec).data.values).toEqual([
      { time: '09:00', notes: 1 },
      { time: '09:05', notes: 0 },
      { time: '09:10', notes: 3 },
    ]);
  });

  it('[RG2] a cluster keeps its colour whichever clusters are on the board', () => {
    const colourOf = (rows: EngagementRow[], cluster: string) => {
      const scale = encoded(reportCharts(fixtureReport({ rows }), en)[0]?.spec).encoding.color?.scale;
      return scale?.range[scale.domain.indexOf(cluster)];
    };
    const alone = colourOf([row('GAIA', 2)], 'GAIA');
    const withOthers = colourOf([row('Silicon Saxony', 1), row('DTI Cluster', 4), row('GAIA', 2)], 'GAIA');
    expect(alone).toBeDefined();
    expect(withOthers).toBe(alone);
    const partners = CLUSTERS.map((c) => colourOf([row(c.label, 1)], c.label));
    expect(new Set(partners).size).toBe(CLUSTERS.length);
  });

  it('[RG2] the partners’ colours alternate dark and light, so neighbours differ in a greyscale print', () => {
    const shown = chartClusters(
      CLUSTERS.map((c) => row(c.label, 1)),
      'Others',
    );
    const grey = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
    };
    for (let i = 1; i < shown.length; i++) {
      expect(Math.abs(grey(shown[i]?.colour ?? '') - grey(shown[i - 1]?.colour ?? ''))).toBeGreaterThan(0.2);
    }
  });

  it('[RG3] past 8 clusters the smallest fold into one "Others" holding their sums', () => {
    const rows = [
      ...CLUSTERS.map((c, i) => row(c.label, 10 + i, 1)),
      ...Array.from({ length: 30 }, (_, i) => row(`Other: guest ${i}`, i === 0 ? 50 : 1, 2)),
      row(NO_CLUSTER_LABEL, 3),
    ];
    const shown = chartClusters(rows, 'Others');
    expect(shown).toHaveLength(MAX_CHART_CLUSTERS);
    expect(shown.map((c) => c.label)).toEqual([...CLUSTERS.map((c) => c.label).slice(0, 6), 'Other: guest 0', 'Others']);
    const others = shown.at(-1);
    // The smallest partner (10) stays; folded are the 29 guests of 1 and "no cluster" (3).
    expect(others?.notes[0]).toBe(29 + 3);
    expect(others?.votes).toBe(29 * 2);
    expect(shown.reduce((sum, c) => sum + (c.notes[0] ?? 0), 0)).toBe(rows.reduce((sum, r) => sum + r.total, 0));
  });

  it('[RG3] the time chart never has more bars than the engagement figures hold', () => {
    const overTime = reportCharts(fixtureReport({ overTime: sampleBuckets(Array.from({ length: 48 }, () => 1)) }), en).at(-1);
    expect(encoded(overTime?.spec).data.values).toHaveLength(48);
  });

  it('[RG4] a chart with nothing to show is left out', () => {
    expect(reportCharts(fixtureReport({ rows: [], overTime: [] }), en)).toEqual([]);
    const noVotes = fixtureReport({ rows: [row('GAIA', 3)] });
    expect(reportCharts(noVotes, en).map((c) => c.id)).toEqual(['contributions', 'over-time']);
    const silent = fixtureReport({ rows: [row('GAIA', 0, 0)], overTime: sampleBuckets([0, 0]) });
    expect(reportCharts(silent, en)).toEqual([]);
  });

  it('[RG5] titles, axis titles, legend and "Others" are in the report’s language', () => {
    const charts = reportCharts(fixtureReport(), fr);
    expect(charts.map((c) => c.title)).toEqual([
      'Contributions par cluster et par dimension',
      'Votes reçus par cluster',
      'Notes écrites par tranche de 5 minutes (UTC)',
    ]);
    const text = JSON.stringify(charts.map((c) => c.spec));
    expect(text).toContain('"title":"Heure (UTC)"');
    expect(text).toContain('"decimal":","');
    expect(chartClusters([...Array.from({ length: 9 }, (_, i) => row(`Other: ${i}`, 1))], fr.t('report.chart.others')).at(-1)?.label).toBe('Autres');
  });

  it('[RG5] long dimension labels break into lines at spaces', () => {
    expect(wrap('D5 Communication, visibility & reputation')).toBe('D5 Communication,|visibility & reputation');
    expect(wrap('D1 Cluster structure')).toBe('D1 Cluster structure');
  });
});
