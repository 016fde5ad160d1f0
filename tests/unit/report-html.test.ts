/** The printable report as HTML (SPEC RG6-RG8): escaped participant text, its print styles, its language. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../server/reports/charts';
import { escapeHtml, renderHtml } from '../../shared/report/html';
import { PRINT_STYLES } from '../../shared/report/htmlStyles';
import type { Report, ReportNote } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { HOSTILE_TEXTS } from '../helpers/hostileTexts';
import { foreignTags, htmlNoteCount } from '../helpers/htmlChecks';
import { fixtureReport, SAMPLE_ROWS, sampleDimensions } from '../helpers/reportFixture';

const en = await reportTranslator('en');
const fr = await reportTranslator('fr');

/** Markup-ish text: angle brackets, quotes, ampersands, entities, line breaks and controls mixed in. */
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXTS),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', 'a', 'script', 'img', ' ', '\n', '\u0000', '&lt;', '-->', '<!--') }),
  fc.string(),
);

/** The sample report with `text` in every field a participant controls. */
function hostileReport(text: string): Report {
  const report = fixtureReport({ dimensions: sampleDimensions(), title: text });
  const retext = (note: ReportNote): ReportNote => ({ ...note, text, cluster: text, author: text, carriedFrom: text, source: text });
  report.dimensions = report.dimensions.map((d) => ({
    ...d,
    sections: d.sections.map((s) => ({
      ...s,
      groups: s.groups.map((g) => ({
        theme: g.theme && { ...g.theme, title: text, statement: text },
        notes: g.notes.map(retext),
      })),
    })),
  }));
  const need = report.dimensions[1]?.sections[1]?.groups[0]?.notes[0];
  if (need) report.tandems = [{ need, practices: [retext(need)], clusters: [text, 'GAIA'] }];
  report.participantsByCluster = [{ cluster: text, names: [text, 'Ana'] }];
  report.engagement.rows = [{ ...SAMPLE_ROWS[0]!, cluster: text }, ...SAMPLE_ROWS.slice(1)];
  // What the facilitator writes for the report, the run sheet and the history are people's text too.
  const settings = { title: text, deliverable: text, version: text, date: text, dissemination: text, type: text, funding: text, editor: text };
  const blocks = (['paragraph', 'bullet', 'numbered'] as const).map((kind) => ({ kind, text }));
  report.content = {
    settings,
    profiles: [{ cluster: 'gaia', fullName: text, location: text, membership: text, technologyFocus: text, created: text }],
    introduction: blocks,
    conclusion: blocks,
  };
  report.clusters = [{ label: text, profile: report.content.profiles[0] ?? null, participants: [text] }];
  report.revisions = [{ at: 0, comment: text, by: text }];
  report.run = { steps: [{ title: text, minutes: 5, privateWriting: true, voting: false, locked: false }], voting: null };
  if (need) report.pairs = [{ need, practice: retext(need), votes: 1 }];
  return report;
}

describe('the printable report page (RG)', () => {
  it('[RG7] hostile text in every participant field never becomes a tag, and every note is shown (fast-check)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const report = hostileReport(text);
        const html = renderHtml(report, en, []);
        expect(foreignTags(html)).toEqual([]);
        const notes = report.dimensions.flatMap((d) => d.sections.flatMap((s) => s.groups.flatMap((g) => g.notes)));
        expect(htmlNoteCount(html)).toBe(notes.length);
        // The text is in the page, as text.
        const shown = escapeHtml(text.trim()).split(/\r\n?|\n|\u2028|\u2029/)[0] ?? '';
        expect(html).toContain(shown);
      }),
      { seed: 1818, numRuns: 300 },
    );
  });

  it('[RG7] a hostile cluster name stays text inside the drawn charts too', async () => {
    for (const text of ['</text><script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'a & b <c>']) {
      const report = hostileReport(text);
      const html = renderHtml(report, en, await renderCharts(report, en));
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs.length).toBe(3);
      for (const svg of svgs) expect(svg).not.toMatch(/<(script|img|foreignObject|iframe)\b/i);
      expect(foreignTags(html)).toEqual([]);
    }
  });

  it('[RG7] escapeHtml leaves no character that opens markup or ends an attribute', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
        expect(escapeHtml(text).replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
      { seed: 18, numRuns: 500 },
    );
  });

  it('[RG6] the page has no script, fetches nothing, and carries its charts inline', async () => {
    const report = fixtureReport({ dimensions: sampleDimensions() });
    const html = renderHtml(report, en, await renderCharts(report, en));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(3);
  });

  it('[RG8] A4 pages with margins, page numbers (the same sheet in every language), the cover, the contents, each chapter and each dimension after the first on a new page, no break inside a note, call-out or chart', () => {
    const html = renderHtml(fixtureReport({ dimensions: sampleDimensions() }), en, []);
    // One sheet, whatever the language: the app's policy allows it by its hash.
    expect(html).toContain(`<style>${PRINT_STYLES}</style>`);
    expect(renderHtml(fixtureReport(), fr, [])).toContain(`<style>${PRINT_STYLES}</style>`);
    expect(html).toContain('@page { size: A4; margin: 18mm 18mm 20mm; }');
    expect(html).toContain('@bottom-center { content: counter(page) " / " counter(pages);');
    expect(html).toContain('.cover { padding-top: 30mm; break-after: page;');
    expect(html).toContain('nav.contents, section.main { break-before: page;');
    expect(html).toContain('section.dimension + section.dimension { break-before: page;');
    expect(html).toMatch(/\.note, \.callout, tr, figure, blockquote \{ break-inside: avoid;/);
    // Methodology, the clusters, the assessment, the tandems, engagement and the annex; the five
    // dimensions inside the assessment.
    expect(html.match(/<section class="main" id="[a-z]+">/g)).toHaveLength(6);
    expect(html.match(/<section class="dimension" id="dimension-\d">/g)).toHaveLength(5);
  });

  it("[RG10] the contents list links to every chapter and dimension in the page, in the outline's order", () => {
    const html = renderHtml(fixtureReport({ dimensions: sampleDimensions() }), en, []);
    const nav = /<nav class="contents"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const targets = [...nav.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);
    expect(targets).toEqual([
      'methodology',
      'clusters',
      'assessment',
      'dimension-1',
      'dimension-2',
      'dimension-3',
      'dimension-4',
      'dimension-5',
      'tandems',
      'engagement',
      'annex',
    ]);
    const ids = [...html.matchAll(/<section class="(?:main|dimension)" id="([\w-]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(targets);
  });

  it('[RG8] good practices are call-outs naming their cluster, in the report’s language', () => {
    const html = renderHtml(fixtureReport({ dimensions: sampleDimensions() }), fr, []);
    expect(html).toContain('<aside class="callout"><p class="callout-from">Bonne pratique · Business Hive Vilnius</p>');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Pour conserver ce rapport en PDF');
  });
});
