/**
 * [RG10] The printable page is the Word and Markdown report's document: on the EXCITE template's
 * board, its chapter and subsection headings are the Markdown report's, in the same order, and it
 * carries the cover, the revision history and the six cluster profiles.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverOrigin } from '../../shared/model/origin';
import { readReportContent } from '../../shared/model/reportContent';
import type { ReportContent } from '../../shared/report/content';
import { renderHtml } from '../../shared/report/html';
import { renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';

const at = new Date('2026-03-14T09:30:00Z');

function exciteReport() {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'EXCITE workshop, Dresden', template: 'excite-d1.4' }, serverOrigin('template'));
  const content: ReportContent = {
    ...readReportContent(doc),
    introduction: [{ kind: 'paragraph', text: 'EXCITE aims to strengthen cluster management.' }],
    conclusion: [{ kind: 'bullet', text: 'The major challenge is the engagement of the cluster members.' }],
  };
  return buildReport(boardView(doc), {
    generatedAt: at,
    content,
    revisions: [{ at: at.getTime(), comment: 'Before voting', by: 'Frida' }],
  });
}

/** The page's h2 and h3 headings as text, in order. */
function htmlHeadings(html: string): string[] {
  const text = (inner: string) =>
    inner
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<h([23])(?: [^>]*)?>([\s\S]*?)<\/h\1>/g)].map((m) => `${m[1] === '2' ? '##' : '###'} ${text(m[2] ?? '')}`);
}

/** The Markdown's `##` and `###` headings, their escapes taken off. */
function markdownHeadings(md: string): string[] {
  return md
    .split('\n')
    .filter((line) => /^#{2,3} /.test(line))
    .map((line) => line.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

describe('the printable page follows the Word report (RG10)', () => {
  for (const locale of ['en', 'fr'] as const) {
    it(`[RG10] the EXCITE template's page has the Markdown report's chapter and subsection headings, in order (${locale})`, async () => {
      const words = await reportTranslator(locale);
      const report = exciteReport();
      const page = htmlHeadings(renderHtml(report, words, []));
      const md = markdownHeadings(renderMarkdown(report, words));
      expect(md.length).toBeGreaterThan(20);
      expect(page).toEqual(md);
    });
  }

  it('[RG10] the cover, the revision history, the contents and the six profiles are in the page', async () => {
    const en = await reportTranslator('en');
    const html = renderHtml(exciteReport(), en, []);
    const cover = /<header class="cover">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
    expect(cover).toContain('<h1>');
    expect(cover).toMatch(/Deliverable D1\.4/);
    expect(html).toMatch(/<h2>Revision history<\/h2><table>[\s\S]*?<td>Frida<\/td><td>Before voting<\/td>/);
    expect(html.indexOf('<h2 id="contents">Contents</h2>')).toBeGreaterThan(html.indexOf('Revision history'));
    const profiles = [...html.matchAll(/<div class="profile"><h3>([^<]+)<\/h3><table class="fields">/g)].map((m) => m[1]);
    expect(profiles).toEqual(['Silicon Saxony', 'DTI Cluster', 'Business Hive Vilnius', 'Mazovia Cluster ICT', 'GAIA', 'SCS Cluster']);
    expect(html).toContain('<section class="main" id="conclusion"><h2>Conclusion</h2><ul><li>The major challenge');
  });
});
