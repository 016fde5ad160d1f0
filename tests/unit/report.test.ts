import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { importRecords } from '../../shared/model/mutations/importBoard';
import { addLink } from '../../shared/model/mutations/links';
import { initBoard } from '../../shared/model/mutations/meta';
import { addNote } from '../../shared/model/mutations/notes';
import { groupNotes } from '../../shared/model/mutations/themes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { CSV_COLUMNS, neutralise, renderCsv } from '../../shared/report/csv';
import { exportJson, ImportError, parseBoardExport } from '../../shared/report/json';
import { escapeMarkdown, renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { EXCITE_D14 } from '../../shared/templates/excite-d14';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';

/** The reports' words in English, the language of these expectations. */
const en = await reportTranslator('en');

const GOLDEN = join(import.meta.dirname, 'golden');
const at = new Date('2026-03-14T09:30:00Z');
/** The people who joined the workshop board below. */
const joined = [
  { id: 'ana', name: 'Ana', cluster: 'gaia' },
  { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' },
];

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it (then read the diff). */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** A small workshop board: two clusters, a theme, a link, awkward text. */
function workshopBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Dresden strategy workshop', template: null }, serverOrigin('template'));
  const ana = { id: 'ana', name: 'Ana', cluster: 'gaia' };
  const jan = { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' };
  const origin = localOrigin('ana');
  const kpis = addNote(doc, { text: 'Weak KPIs', dimension: 'strategy', kind: 'challenge', author: ana }, origin);
  const tool = addNote(doc, { text: 'No reporting tool', dimension: 'strategy', kind: 'challenge', author: jan }, origin);
  addNote(doc, { text: 'Strategy written by a few *members*', dimension: 'strategy', kind: 'challenge', author: jan }, origin);
  groupNotes(
    doc,
    [kpis, tool],
    { title: 'Reporting', statement: 'Measuring what the cluster achieves.', dimension: 'strategy', kind: 'challenge' },
    origin,
  );
  const need = addNote(doc, { text: 'A light CRM for reporting', dimension: 'strategy', kind: 'need', author: ana }, origin);
  const practice = addNote(doc, { text: 'KPI monitoring in Odoo', dimension: 'strategy', kind: 'good-practice', author: ana }, origin);
  addNote(
    doc,
    { text: '=HYPERLINK("http://x", "click") and <img src=x onerror=alert(1)>', dimension: 'communication', kind: 'need', author: jan },
    origin,
  );
  addNote(doc, { text: 'B2B events with an entry fee, "sold out"', dimension: 'business-model', kind: 'good-practice', author: jan }, origin);
  addLink(doc, need, practice, 'ana', origin);
  return doc;
}

describe('reports', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(at);
  });
  afterEach(() => vi.useRealTimers());

  it('[R1] renders the Markdown report of a fixed board exactly as the golden file', () => {
    expectGolden('workshop.md', renderMarkdown(buildReport(boardView(workshopBoard()), { generatedAt: at, people: joined }), en));
  });

  it('[R1] ranks notes and themes by votes when the board has them', () => {
    const doc = workshopBoard();
    const view = boardView(doc);
    const byText = (text: string) => [...view.notesById.values()].find((n) => n.text === text)?.id ?? '';
    const votes = new Map([
      [byText('Strategy written by a few *members*'), 9],
      [byText('No reporting tool'), 2],
    ]);
    const report = buildReport(view, { generatedAt: at, votes });
    const challenges = report.dimensions[1]?.sections[0];
    expect(challenges?.groups.map((g) => g.theme?.title ?? null)).toEqual(['Reporting', null]);
    expect(challenges?.groups[0]?.notes.map((n) => n.text)).toEqual(['No reporting tool', 'Weak KPIs']);
    expect(renderMarkdown(report, en)).toContain('**Reporting** (2 votes)');
    expect(renderMarkdown(report, en)).toContain('Strategy written by a few \\*members\\* (9 votes)');
  });

  it('[R2] renders the CSV of a fixed board exactly as the golden file: BOM, CRLF, quoted, formulas neutralised', () => {
    const csv = renderCsv(boardView(workshopBoard()), en);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.map((column) => en.t(column)).join(',')}`);
    expectGolden('workshop.csv', csv);
  });

  it('[R2] neutralises every cell a spreadsheet would run as a formula', () => {
    for (const dangerous of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(dangerous).startsWith("'")).toBe(true);
    expect(neutralise('Weak KPIs')).toBe('Weak KPIs');
  });

  it('[R8, AT3] engagement numbers match the board exactly', () => {
    const doc = workshopBoard();
    const late = new Date(at.getTime() + 42 * 60_000);
    vi.setSystemTime(late);
    addNote(
      doc,
      { text: 'Late idea', dimension: 'structure', kind: 'need', author: { id: 'zoe', name: 'Zoe', cluster: 'gaia' } },
      localOrigin('zoe'),
    );
    const view = boardView(doc);
    const { engagement } = buildReport(view, { generatedAt: late, people: [...joined, { id: 'zoe', name: 'Zoe', cluster: 'gaia' }] });
    const participantNotes = [...view.notesById.values()];
    expect(engagement.rows.reduce((sum, r) => sum + r.total, 0)).toBe(participantNotes.length);
    view.dimensions.forEach((dimension, i) => {
      expect(engagement.rows.reduce((sum, r) => sum + (r.notes[i] ?? 0), 0)).toBe(
        participantNotes.filter((n) => n.dimension === dimension.id).length,
      );
    });
    expect(engagement.rows.find((r) => r.cluster === 'GAIA')?.participants).toBe(2);
    expect(engagement.overTime.reduce((sum, b) => sum + b.notes, 0)).toBe(participantNotes.length);
    expect(engagement.bucketMinutes).toBe(5);
    expect(engagement.overTime.at(-1)?.notes).toBe(1);
  });

  it('[R8, AT3] people who joined count as participants before they write, and each cluster shows the votes its notes received', () => {
    const doc = workshopBoard();
    const view = boardView(doc);
    const byText = (text: string) => [...view.notesById.values()].find((n) => n.text === text)?.id ?? '';
    const votes = new Map([
      [byText('Weak KPIs'), 3],
      [byText('No reporting tool'), 2],
      [byText('KPI monitoring in Odoo'), 1],
    ]);
    const people = [...joined, { id: 'mia', name: 'Mia', cluster: 'mazovia' }];
    const report = buildReport(view, { generatedAt: at, votes, people });
    expect(report.participantsByCluster).toEqual([
      { cluster: 'Silicon Saxony', names: ['Jan'] },
      { cluster: 'Mazovia Cluster ICT', names: ['Mia'] },
      { cluster: 'GAIA', names: ['Ana'] },
    ]);
    const row = (cluster: string) => report.engagement.rows.find((r) => r.cluster === cluster);
    expect(row('GAIA')).toMatchObject({ participants: 1, votes: 4 });
    expect(row('Silicon Saxony')).toMatchObject({ participants: 1, votes: 2 });
    expect(row('Mazovia Cluster ICT')).toMatchObject({ participants: 1, total: 0, votes: 0 });
    const markdown = renderMarkdown(report, en);
    expect(markdown).toContain('| Cluster | Participants | D1 | D2 | D3 | D4 | D5 | Notes | Votes received |');
    expect(markdown).toContain('| GAIA | 1 | 0 | 3 | 0 | 0 | 0 | 3 | 4 |');
  });

  it('[R1] escapes participant text so it renders as text, never as markup or HTML', () => {
    expect(escapeMarkdown('<script>alert(1)</script> *bold* [link](x)')).toBe('\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](x)');
  });

  it('[R3] the report of the "EXCITE D1.4" board holds every challenge, need and good practice of the seed under its dimension', () => {
    const doc = new Y.Doc();
    createBoardContent(doc, { title: 'EXCITE D1.4', template: 'excite-d1.4' }, serverOrigin('template'));
    const markdown = renderMarkdown(buildReport(boardView(doc), { generatedAt: at }), en);
    const sections = markdown.split(/^## /m);
    EXCITE_D14.forEach((section, index) => {
      const body = sections.find((s) => s.startsWith(`${index + 1}. `));
      expect(body, `dimension ${index + 1}`).toBeDefined();
      for (const text of [...section.challenges, ...section.needs, ...section.goodPractices.map((g) => g.text)]) {
        expect(body, text).toContain(escapeMarkdown(text));
      }
    });
    expect(markdown).toContain('*SCS Cluster*');
  });
});

describe('JSON export', () => {
  function plain(view: ReturnType<typeof boardView>): unknown {
    return JSON.parse(JSON.stringify({ ...view, notesById: [...view.notesById.entries()].sort() }));
  }

  it('[R6] a board imported from its JSON export has the same view as the original', () => {
    for (const original of [workshopBoard(), excite()]) {
      const exported = exportJson(boardView(original), at);
      const parsed = parseBoardExport(JSON.parse(JSON.stringify(exported)));
      const copy = new Y.Doc();
      importRecords(copy, { ...parsed.board, notes: parsed.notes, themes: parsed.themes, links: parsed.links }, serverOrigin('template'));
      expect(plain(boardView(copy))).toEqual(plain(boardView(original)));
    }
  });

  it('[R6] keeps fields this version does not know', () => {
    const doc = workshopBoard();
    const first = doc.getMap('notes').values().next().value as Y.Map<unknown>;
    first.set('futureField', { weight: 3 });
    const parsed = parseBoardExport(JSON.parse(JSON.stringify(exportJson(boardView(doc), at))));
    expect(parsed.notes.find((n) => n.id === first.get('id'))).toMatchObject({ futureField: { weight: 3 } });
  });

  it('[R6] says what is wrong with a file that is not a board export, with its path', () => {
    expect(() => parseBoardExport({ format: 'something else' })).toThrow(ImportError);
    expect(() => parseBoardExport({ format: 'something else' })).toThrow(/format/);
    const exported = JSON.parse(JSON.stringify(exportJson(boardView(workshopBoard()), at))) as { notes: { dimension: string }[] };
    const first = exported.notes[0];
    if (first) first.dimension = 'finance';
    expect(() => parseBoardExport(exported)).toThrow(/^notes\[0\]\.dimension: /);
  });
});

function excite(): Y.Doc {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'EXCITE D1.4', template: 'excite-d1.4' }, serverOrigin('template'));
  return doc;
}
