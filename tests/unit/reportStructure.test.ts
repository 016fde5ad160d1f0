/**
 * The report is the D1.4 deliverable's document (SPEC RD1-RD9): the seed's sections in the seed's
 * order, in Word and in Markdown, with a cover, a revision history, a contents field and page
 * numbers, the facilitator's texts and the generated methodology.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDocx } from '../../server/reports/docx';
import { addLink } from '../../shared/model/mutations/links';
import { initBoard } from '../../shared/model/mutations/meta';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { readReportContent } from '../../shared/model/reportContent';
import { emptyReportContent, type ReportContent } from '../../shared/report/content';
import { escapeMarkdown, renderMarkdown } from '../../shared/report/markdown';
import { buildReport, type ReportOptions } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { EXCITE_D14 } from '../../shared/templates/excite-d14';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';

const en = await reportTranslator('en');
const at = new Date('2026-03-14T09:30:00Z');

/** The seed's headings (excite-d1.4-best-practices-report.txt), as the report words them. */
const SEED_HEADINGS = [
  'Introduction',
  'Methodology',
  '1. The clusters',
  '2. Challenges assessment for best practices collection',
  '2.1 Cluster structure',
  '2.2 Cluster strategy',
  '2.3 Cluster organisation',
  '2.4 Cluster business model',
  '2.5 Communication, visibility & reputation',
  'Conclusion',
];
const SEED_CLUSTERS = ['Silicon Saxony', 'DTI Cluster', 'Business Hive Vilnius', 'Mazovia Cluster ICT', 'GAIA', 'SCS Cluster'];

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Each paragraph of a part of the package, with its style: `[Heading1] Methodology`. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?=[ >])[\s\S]*?<\/w:p>/g)].map(([p]) => {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];
    const text = unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join(''));
    return style ? `[${style}] ${text}` : text;
  });
}

async function docxParts(report: ReturnType<typeof buildReport>): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await renderDocx(report, en)));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The EXCITE template's board, with its pre-filled cover and profiles, and the texts a facilitator wrote. */
function exciteReport(extra: Partial<ReportOptions> = {}): ReturnType<typeof buildReport> {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'EXCITE workshop, Dresden', template: 'excite-d1.4' }, serverOrigin('template'));
  const content: ReportContent = {
    ...readReportContent(doc),
    introduction: [{ kind: 'paragraph', text: 'EXCITE aims to strengthen cluster management.' }],
    conclusion: [{ kind: 'paragraph', text: 'The major challenge is the engagement of the cluster members.' }],
  };
  return buildReport(boardView(doc), { generatedAt: at, content, ...extra });
}

describe('the report is the D1.4 deliverable', () => {
  it("[RD1] the EXCITE template's Word report holds the seed's headings in the seed's order, every seed item under its dimension and the six cluster profiles", async () => {
    const report = exciteReport();
    const body = paragraphs((await docxParts(report))['word/document.xml'] ?? '');
    const headings = body.filter((p) => /^\[Heading[12]\] /.test(p)).map((p) => p.replace(/^\[Heading[12]\] /, ''));
    const positions = SEED_HEADINGS.map((heading) => headings.indexOf(heading));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(headings),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The six profiles, in the seed's order, under "1. The clusters" and before "2. ...".
    const clusterHeadings = headings.slice(headings.indexOf('1. The clusters') + 1, headings.indexOf(SEED_HEADINGS[3] ?? ''));
    expect(clusterHeadings).toEqual(SEED_CLUSTERS);
    expect(body.join('\n')).toContain('Microelectronics');
    EXCITE_D14.forEach((section, index) => {
      const start = body.indexOf(`[Heading2] 2.${index + 1} ${report.dimensions[index]?.label ?? ''}`);
      const end = body.findIndex((p, i) => i > start && /^\[Heading[12]\] /.test(p));
      const text = body.slice(start, end).join('\n');
      expect(start, `dimension ${index + 1}`).toBeGreaterThan(0);
      for (const item of [...section.challenges, ...section.needs, ...section.goodPractices.map((g) => g.text)]) expect(text, item).toContain(item);
    });
  });

  it('[RD1, RD9] the Markdown report has the same sections in the same order, and a contents list instead of a field', () => {
    const report = exciteReport();
    const markdown = renderMarkdown(report, en);
    const headings = markdown
      .split('\n')
      .filter((line) => /^#{2,3} /.test(line))
      .map((line) => line.replace(/^#{2,3} /, '').replace(/\\/g, ''));
    const positions = SEED_HEADINGS.map((heading) => headings.indexOf(heading));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(headings),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain('## Contents\n\n- Introduction\n- Methodology\n- 1\\. The clusters\n');
    for (const cluster of SEED_CLUSTERS) expect(markdown).toContain(`### ${cluster}\n`);
    EXCITE_D14.forEach((section, index) => {
      const body = markdown.split(/^### /m).find((part) => part.startsWith(`2.${index + 1} `)) ?? '';
      for (const item of [...section.challenges, ...section.needs, ...section.goodPractices.map((g) => g.text)]) {
        expect(body, item).toContain(escapeMarkdown(item));
      }
    });
  });

  it('[RD2] a cover with the deliverable, a revision history row per snapshot, a contents field Word updates, the name in the header and "Page n of m" in the footer', async () => {
    const revisions = [
      { at: Date.parse('2026-03-14T08:00:00Z'), comment: 'Before step 1: Warm-up', by: 'Clémence' },
      { at: Date.parse('2026-03-14T09:00:00Z'), comment: 'After voting', by: 'Clémence' },
    ];
    const parts = await docxParts(exciteReport({ revisions }));
    const body = paragraphs(parts['word/document.xml'] ?? '');
    const cover = body.slice(0, body.indexOf('Revision history'));
    expect(cover).toContain('Initial Report on Collection of Best Practices');
    expect(cover).toContain('EXCITE workshop, Dresden');
    expect(cover).toContain('Deliverable D1.4');
    expect(cover.join('\n')).toMatch(/COSME/);
    const xml = parts['word/document.xml'] ?? '';
    const rows = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map(([row]) => unescape(row.replace(/<\/w:tc>/g, '|').replace(/<[^>]+>/g, '')));
    expect(rows).toContain('1|2026-03-14|Clémence|Before step 1: Warm-up|');
    expect(rows).toContain('2|2026-03-14|Clémence|After voting|');
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(parts['word/settings.xml']).toMatch(/<w:updateFields w:val="(true|1)"\/>|<w:updateFields\/>/);
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    expect(paragraphs(header)).toContain('D1.4 · Initial Report on Collection of Best Practices');
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(footer.replace(/<w:instrText[\s\S]*?<\/w:instrText>/g, '').replace(/<[^>]+>/g, '')).toMatch(/^Page .*of .*$/);
  });

  it('[RD2] without report settings the cover falls back to the board title and the day of the export, and says no version was saved yet', async () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Sofia round', template: null }, serverOrigin('template'));
    const report = buildReport(boardView(doc), { generatedAt: at });
    const markdown = renderMarkdown(report, en);
    expect(markdown.startsWith('# Sofia round\n\n- **Date**: 2026-03-14\n')).toBe(true);
    expect(markdown).toContain('## Revision history\n\nNo version of this board has been saved yet');
    const body = paragraphs((await docxParts(report))['word/document.xml'] ?? '');
    expect(body).toContain('Sofia round');
  });

  it('[RD3] the introduction and the conclusion are left out when empty, and keep their paragraphs and lists when written', async () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Sofia round', template: null }, serverOrigin('template'));
    const bare = renderMarkdown(buildReport(boardView(doc), { generatedAt: at, content: emptyReportContent() }), en);
    expect(bare).not.toMatch(/Introduction|Conclusion/);
    const content: ReportContent = {
      ...emptyReportContent(),
      introduction: [
        { kind: 'paragraph', text: 'Six clusters took part:' },
        { kind: 'bullet', text: 'Silicon Saxony' },
        { kind: 'bullet', text: 'GAIA' },
        { kind: 'paragraph', text: 'The aims:' },
        { kind: 'numbered', text: 'Improve the practices' },
        { kind: 'numbered', text: 'Build synergies' },
      ],
      conclusion: [{ kind: 'paragraph', text: 'Engagement is the common challenge.' }],
    };
    const report = buildReport(boardView(doc), { generatedAt: at, content });
    const markdown = renderMarkdown(report, en);
    expect(markdown).toContain(
      '## Introduction\n\nSix clusters took part:\n\n- Silicon Saxony\n- GAIA\n\nThe aims:\n\n1. Improve the practices\n2. Build synergies\n\n## Methodology',
    );
    expect(markdown).toMatch(/## Conclusion\n\nEngagement is the common challenge\.\n\n## Annex/);
    const xml = (await docxParts(report))['word/document.xml'] ?? '';
    const body = paragraphs(xml);
    expect(body).toContain('[Heading1] Introduction');
    expect(body).toContain('[Heading1] Conclusion');
    expect(xml.match(/<w:numId w:val="\d+"\/>/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('[RD5] the methodology lists the dimensions, the day, the steps as run with their voting rules, and who took part', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Sofia round', template: null }, serverOrigin('template'));
    addNote(doc, { text: 'A need', dimension: 'strategy', kind: 'need', author: { id: 'ana', name: 'Ana', cluster: 'gaia' } }, localOrigin('ana'));
    const report = buildReport(boardView(doc), {
      generatedAt: new Date(Date.now() + 60_000),
      people: [
        { id: 'ana', name: 'Ana', cluster: 'gaia' },
        { id: 'fay', name: 'Fay', cluster: null },
      ],
      run: {
        steps: [
          { title: 'Write privately', minutes: 10, privateWriting: true, voting: false, locked: false },
          { title: 'Vote', minutes: 1, privateWriting: false, voting: true, locked: true },
        ],
        voting: { budget: 5, maxPerNote: 3, clusterCap: 4, hideResults: true },
      },
    });
    const markdown = renderMarkdown(report, en);
    expect(markdown).toContain('The assessment was structured in 5 cluster management areas:\n\n1. **Cluster structure.** ');
    expect(markdown).toContain(
      'The workshop ran 2 steps:\n\n1. Write privately (10 minutes): private writing, revealed together\n2. Vote (1 minute): voting, board read-only\n',
    );
    expect(markdown).toContain(
      "Voting: 5 votes per person, at most 3 on one note, at most 4 from one cluster's people on one note; totals hidden until the round closed.",
    );
    expect(markdown).toContain('2 people from 1 cluster took part, 1 of them without a cluster.');
  });

  it('[RD6, RD7] good practices are call-outs naming their cluster; matchmaking names who could learn from whom; the tandems table ranks every link by its votes', async () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Sofia round', template: null }, serverOrigin('template'));
    const ana = { id: 'ana', name: 'Ana', cluster: 'gaia' };
    const jan = { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' };
    const need = addNote(doc, { text: 'A light CRM', dimension: 'strategy', kind: 'need', author: ana }, localOrigin('ana'));
    const theirs = addNote(doc, { text: 'KPI dashboard', dimension: 'strategy', kind: 'good-practice', author: jan }, localOrigin('jan'));
    const own = addNote(doc, { text: 'Shared spreadsheet', dimension: 'strategy', kind: 'good-practice', author: ana }, localOrigin('ana'));
    addLink(doc, need, theirs, 'ana', localOrigin('ana'));
    addLink(doc, need, own, 'ana', localOrigin('ana'));
    const votes = new Map([
      [need, 2],
      [own, 3],
    ]);
    const report = buildReport(boardView(doc), { generatedAt: at, votes, people: [ana, jan] });
    expect(report.pairs.map((p) => [p.need.cluster, p.practice.cluster, p.votes])).toEqual([
      ['GAIA', 'GAIA', 5],
      ['GAIA', 'Silicon Saxony', 2],
    ]);
    const markdown = renderMarkdown(report, en);
    expect(markdown).toContain('> **GOOD PRACTICE** · *GAIA*\\\n> Shared spreadsheet (3 votes)');
    expect(markdown).toContain(
      '**Matchmaking**\n\n- **GAIA** could learn from **Silicon Saxony**: KPI dashboard (answers the need “A light CRM”)\n\n',
    );
    expect(markdown).not.toContain('could learn from **GAIA**');
    expect(markdown).toContain(
      '| Cluster that needs | Need | Cluster that offers | Good practice | Votes |\n| --- | --- | --- | --- | --- |\n| GAIA | A light CRM | GAIA | Shared spreadsheet | 5 |\n| GAIA | A light CRM | Silicon Saxony | KPI dashboard | 2 |\n',
    );
    const xml = (await docxParts(report))['word/document.xml'] ?? '';
    // The call-out: a one-cell table, shaded, headed by its label and naming the cluster.
    const box = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([t]) => t).find((t) => t.includes('KPI dashboard') && t.includes('w:shd'));
    expect(box).toBeDefined();
    expect(box?.match(/<w:tc>/g)).toHaveLength(1);
    expect(paragraphs(box ?? '')).toEqual(['Good practice', 'Silicon Saxony: KPI dashboard']);
  });
});
