/** The printable report as HTML (SPEC RG6-RG8): escaped participant text, its print styles, its language. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../server/reports/charts';
import { escapeHtml, renderHtml } from '../../shared/report/html';
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

  it('[RG8] A4 pages with margins, page numbers, a new page per main section, no break inside a note, call-out or chart', () => {
    const html = renderHtml(fixtureReport({ dimensions: sampleDimensions() }), en, []);
    expect(html).toContain('@page { size: A4; margin: 18mm 18mm 20mm; }');
    expect(html).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(html).toMatch(/section\.main \{ break-before: page;/);
    expect(html).toMatch(/\.note, \.callout, \.tandem, tr, figure, blockquote \{ break-inside: avoid;/);
    // One main section per dimension, then matchmaking and engagement.
    expect(html.match(/<section class="main">/g)).toHaveLength(5 + 2);
  });

  it('[RG8] good practices are call-outs naming their cluster, in the report’s language', () => {
    const html = renderHtml(fixtureReport({ dimensions: sampleDimensions() }), fr, []);
    expect(html).toContain('<aside class="callout"><p class="callout-from">Bonne pratique de Business Hive Vilnius</p>');
    expect(html).toContain('content: "Page " counter(page) " sur " counter(pages);');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Pour conserver ce rapport en PDF');
  });
});
