import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { renderDocx } from '../../server/reports/docx';
import { LOCALES } from '../../shared/i18n/locales';
import { importRecords } from '../../shared/model/mutations/importBoard';
import { addLink } from '../../shared/model/mutations/links';
import { initBoard, setBoardLanguage } from '../../shared/model/mutations/meta';
import { addMeToo } from '../../shared/model/mutations/meToo';
import { addNote } from '../../shared/model/mutations/notes';
import { groupNotes } from '../../shared/model/mutations/themes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { CSV_COLUMNS, neutralise, renderCsv } from '../../shared/report/csv';
import { renderHtml } from '../../shared/report/html';
import { exportJson, ImportError, parseBoardExport } from '../../shared/report/json';
import { escapeMarkdown, renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportLocale, reportTranslator, UnknownLanguageError } from '../../shared/report/words';
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

/** A small workshop board: two clusters, a theme, a link, two "me too" voices, awkward text. */
function workshopBoard({ meToo = true } = {}): Y.Doc {
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
  // [RD12] Voices added instead of a copy: Jan's on Ana's need, Ana's on Jan's challenge.
  if (meToo) {
    addMeToo(doc, need, jan.id, localOrigin(jan.id));
    addMeToo(doc, tool, ana.id, origin);
  }
  return doc;
}

describe('reports', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(at);
  });
  afterEach(() => vi.useRealTimers());

  it('[R1, RD1, RD6-RD9] renders the Markdown report of a fixed board exactly as the golden file', () => {
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

  it('[R6, RG10] renders the JSON export and the printable page of a fixed board exactly as their golden files', () => {
    const view = boardView(workshopBoard());
    // Record ids are random: the goldens name each record by its place among its kind, sorted by
    // text (the board's own order breaks ties between cells by id, so the export lists them by text).
    const named = new Map<string, string>();
    [...view.notesById.values()].sort((a, b) => a.text.localeCompare(b.text)).forEach((note, i) => named.set(note.id, `note-${i + 1}`));
    view.dimensions
      .flatMap((d) => d.cells.flatMap((c) => c.themes))
      .sort((a, b) => a.title.localeCompare(b.title))
      .forEach((theme, i) => named.set(theme.id, `theme-${i + 1}`));
    const stable = (text: string) => [...named].reduce((out, [id, name]) => out.replaceAll(id, name), text);
    const json = JSON.parse(stable(JSON.stringify(exportJson(view, at, new Map(), joined)))) as Record<string, unknown>;
    const byText = (a: { text?: string; title?: string; id?: string }, b: { text?: string; title?: string; id?: string }) =>
      (a.text ?? a.title ?? a.id ?? '').localeCompare(b.text ?? b.title ?? b.id ?? '');
    for (const list of ['notes', 'themes', 'links']) if (Array.isArray(json[list])) (json[list] as { text?: string }[]).sort(byText);
    expectGolden('workshop.json', `${JSON.stringify(json, null, 2)}\n`);
    const report = buildReport(view, { generatedAt: at, people: joined });
    expectGolden('workshop.html', stable(renderHtml(report, en, [])));
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
    const sections = markdown.split(/^### /m);
    EXCITE_D14.forEach((section, index) => {
      const body = sections.find((s) => s.startsWith(`2.${index + 1} `));
      expect(body, `dimension ${index + 1}`).toBeDefined();
      for (const text of [...section.challenges, ...section.needs, ...section.goodPractices.map((g) => g.text)]) {
        expect(body, text).toContain(escapeMarkdown(text));
      }
    });
    expect(markdown).toContain('> **GOOD PRACTICE** · *SCS Cluster*');
  });
});

describe('JSON export', () => {
  function plain(view: ReturnType<typeof boardView>): unknown {
    return JSON.parse(JSON.stringify({ ...view, notesById: [...view.notesById.entries()].sort() }));
  }

  it('[R6] a board imported from its JSON export has the same view as the original', () => {
    // Without voices: they travel as counts for reading only (R6, SU3; the next test).
    for (const original of [workshopBoard({ meToo: false }), excite()]) {
      const exported = exportJson(boardView(original), at);
      const parsed = parseBoardExport(JSON.parse(JSON.stringify(exported)));
      const copy = new Y.Doc();
      importRecords(copy, { ...parsed.board, notes: parsed.notes, themes: parsed.themes, links: parsed.links }, serverOrigin('template'));
      expect(plain(boardView(copy))).toEqual(plain(boardView(original)));
    }
  });

  it('[R6] [SU3] a board with "me too" voices exports them as counts per note, and its import starts with none', () => {
    const original = workshopBoard();
    const view = boardView(original);
    const voiced = [...view.notesById.values()].filter((n) => n.meToo.length > 0);
    expect(voiced.length).toBeGreaterThan(0);
    const parsed = parseBoardExport(JSON.parse(JSON.stringify(exportJson(view, at))));
    expect(parsed.meToo).toEqual(Object.fromEntries(voiced.map((n) => [n.id, n.meToo.length])));
    const copy = new Y.Doc();
    importRecords(copy, { ...parsed.board, notes: parsed.notes, themes: parsed.themes, links: parsed.links }, serverOrigin('template'));
    const imported = boardView(copy);
    expect([...imported.notesById.values()].every((n) => n.meToo.length === 0)).toBe(true);
    expect(imported.noteCount).toBe(view.noteCount);
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

/**
 * The Word document's body as lines a person can read and a diff can show: each paragraph with its
 * style (or its bullet level), each table row as its cells. The golden file of a Word report.
 */
function docxOutline(buffer: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml'] ?? new Uint8Array());
  const text = (part: string) =>
    [...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1] ?? '')
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const lines: string[] = [];
  for (const [part] of xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>|<w:p(?=[ >])[\s\S]*?<\/w:p>/g)) {
    if (part.startsWith('<w:tr')) {
      lines.push(`| ${[...part.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => text(cell)).join(' | ')} |`);
      continue;
    }
    const style = /<w:pStyle w:val="([^"]+)"/.exec(part)?.[1];
    const level = /<w:ilvl w:val="(\d+)"/.exec(part)?.[1];
    const prefix = level !== undefined ? `${'  '.repeat(Number(level))}• ` : style ? `[${style}] ` : '';
    lines.push(`${prefix}${text(part)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The workshop board with a language, a vote on a theme's note and one on a loose note. */
function votedWorkshop(): { view: ReturnType<typeof boardView>; votes: Map<string, number> } {
  const view = boardView(workshopBoard());
  const byText = (text: string) => [...view.notesById.values()].find((n) => n.text === text)?.id ?? '';
  return {
    view,
    votes: new Map([
      [byText('Weak KPIs'), 2],
      [byText('Strategy written by a few *members*'), 1],
    ]),
  };
}

describe("reports in the board's language or the one asked for", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(at);
  });
  afterEach(() => vi.useRealTimers());

  it('[LG5, RD1, RD4, RD6-RD8] the Word report in French has French headings, dates and plurals, exactly as the golden file', async () => {
    const fr = await reportTranslator('fr');
    const { view, votes } = votedWorkshop();
    // The date is fixed twice: the report's own, and the clock the Word package stamps the file with.
    const outline = docxOutline(await renderDocx(buildReport(view, { generatedAt: at, votes, people: joined }), fr));
    expectGolden('workshop.fr.docx.txt', outline);
    expect(outline).toContain('Rapport généré le 14 mars 2026 avec Clusterboard\u00a0: 7 notes, 1 thème, 1 lien de mise en relation, 3 votes.');
    expect(outline).toContain('[Heading3] Défis communs');
    expect(outline).toContain('Reporting (2 votes)');
    expect(outline).toContain('Strategy written by a few *members* (1 vote)');
    // The template's dimension names and the notes stay as written (LG6).
    expect(outline).toContain('[Heading2] 2.2 Cluster strategy');
  });

  it('[LG5] a Word report counts "1 theme", never "1 themes", in English too', async () => {
    const outline = docxOutline(await renderDocx(buildReport(boardView(workshopBoard()), { generatedAt: at, people: joined }), en));
    expect(outline).toContain('Report generated on 2026-03-14 from Clusterboard: 7 notes, 1 theme, 1 matchmaking link.');
  });

  it('[LG5] every language writes the Markdown report and the CSV header in its own words, with its own plurals', async () => {
    const english = renderMarkdown(buildReport(boardView(workshopBoard()), { generatedAt: at, people: joined }), en);
    const englishWords = [
      'Report generated on',
      'Common challenges',
      'Best practices needed',
      'Nothing yet',
      'Not in a theme',
      'Matchmaking: candidate',
    ];
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const words = await reportTranslator(locale);
      const { view, votes } = votedWorkshop();
      const markdown = renderMarkdown(buildReport(view, { generatedAt: at, votes, people: joined }), words);
      expect(markdown, locale).not.toBe(english);
      for (const leftover of englishWords) expect(markdown, `${locale}: ${leftover}`).not.toContain(leftover);
      expect(markdown, locale).toContain(`**${words.t('report.section.challenge')}**`);
      expect(markdown, locale).toContain(`**${words.t('report.theme.none')}**`);
      // The notes, the dimension names and the clusters stay as written (LG6).
      expect(markdown, locale).toContain('### 2.2 Cluster strategy');
      expect(markdown, locale).toContain('- Weak KPIs (');
      const csv = renderCsv(view, words, votes);
      const [header = '', first = ''] = csv.slice(1).split('\r\n');
      expect(header, locale).toBe(CSV_COLUMNS.map((column) => words.t(column)).join(','));
      expect(header, locale).not.toContain('Theme statement');
      expect(first, locale).toContain(`,${words.t('common.kind.challenge')},Reporting,`);
    }
    const voted = votedWorkshop();
    const polish = renderMarkdown(buildReport(voted.view, { generatedAt: at, votes: voted.votes }), await reportTranslator('pl'));
    expect(polish).toContain('7 notatek, 1 temat, 1 powiązanie matchmakingowe, 3 głosy.');
    const german = renderMarkdown(buildReport(boardView(workshopBoard()), { generatedAt: at }), await reportTranslator('de'));
    expect(german).toContain('Bericht vom 14. März 2026, erstellt mit Clusterboard: 7 Notizen, 1 Thema, 1 Matchmaking-Verknüpfung.');
  });

  it('[LG5] times and figures follow the language: a French time chart over days, a German thousand', async () => {
    const fr = await reportTranslator('fr');
    const de = await reportTranslator('de');
    const doc = workshopBoard();
    vi.setSystemTime(new Date(at.getTime() + 3 * 86_400_000));
    addNote(
      doc,
      { text: 'Three days later', dimension: 'structure', kind: 'need', author: { id: 'ana', name: 'Ana', cluster: 'gaia' } },
      localOrigin('ana'),
    );
    const later = new Date(at.getTime() + 3 * 86_400_000);
    const report = buildReport(boardView(doc), { generatedAt: later, people: joined });
    const markdown = renderMarkdown(report, fr);
    expect(markdown).toContain('Notes écrites par tranche de 8 heures (UTC)\u00a0:');
    expect(markdown).toContain('- 14 mars, 08:00: 7');
    expect(renderMarkdown(report, en)).toContain('- 2026-03-14 08:00: 7');
    expect(de.intl.formatNumber(1234)).toBe('1.234');
    expect(renderMarkdown({ ...report, totals: { ...report.totals, notes: 1234 } }, de)).toContain('1.234 Notizen');
  });

  it("[LG5] a report is in the language asked for, else the board's, else English; an unknown one is refused with the known ones", () => {
    expect(reportLocale('de', 'fr')).toBe('de');
    expect(reportLocale(null, 'fr')).toBe('fr');
    expect(reportLocale(undefined, null)).toBe('en');
    expect(() => reportLocale('xx', 'fr')).toThrow(UnknownLanguageError);
    expect(() => reportLocale('english', null)).toThrow('There is no language "english": use one of en, de, bg, lt, pl, es, fr.');
  });

  it('[LG3] the board keeps its language: set by name, refused when unknown, exported and imported with the JSON', () => {
    const doc = workshopBoard();
    expect(boardView(doc).meta.language).toBeNull();
    setBoardLanguage(doc, 'lt', localOrigin('ana'));
    expect(boardView(doc).meta.language).toBe('lt');
    expect(() => setBoardLanguage(doc, 'xx' as never, localOrigin('ana'))).toThrow(/one of: en, de, bg, lt, pl, es, fr/);
    const exported = JSON.parse(JSON.stringify(exportJson(boardView(doc), at))) as { board: { language: unknown } };
    expect(exported.board.language).toBe('lt');
    const parsed = parseBoardExport(exported);
    const copy = new Y.Doc();
    importRecords(copy, { ...parsed.board, notes: parsed.notes, themes: parsed.themes, links: parsed.links }, serverOrigin('template'));
    expect(boardView(copy).meta.language).toBe('lt');
    // An older file without a language imports as a board without one; a wrong one is refused.
    const { language: _language, ...older } = exported.board;
    expect(parseBoardExport({ ...exported, board: older }).board.language).toBeUndefined();
    expect(() => parseBoardExport({ ...exported, board: { ...exported.board, language: 'klingon' } })).toThrow(
      /^board\.language: must be one of en, de/,
    );
  });
});

function excite(): Y.Doc {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'EXCITE D1.4', template: 'excite-d1.4' }, serverOrigin('template'));
  return doc;
}
