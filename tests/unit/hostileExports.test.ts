/**
 * Every export shows participant text as text (SPEC E1 Markdown, E2 CSV, E3 Word), tested with
 * the corpus of hostile texts in every field a participant controls.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../server/reports/docx';
import { parseCsvRows } from '../../shared/import/csv';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { exportView } from '../../shared/report/bounds';
import { renderCsv } from '../../shared/report/csv';
import { escapeMarkdown, renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { HOSTILE_TEXTS, hostileTexts } from '../helpers/hostileTexts';
import { rawBoard, type RawRecord } from '../helpers/rawBoard';

/** The reports' words in English, the language of these expectations. */
const en = await reportTranslator('en');

const at = new Date('2026-03-14T09:30:00Z');
/** A character XML 1.0 forbids, or half a surrogate pair. */
const INVALID_XML_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One note per hostile text in every cell, each in a theme titled with it, by an author named with it. */
function hostileBoard(title: string) {
  const notes: Record<string, RawRecord> = {};
  const themes: Record<string, RawRecord> = {};
  const links: Record<string, RawRecord> = {};
  hostileTexts().forEach((text, i) => {
    const dimension = DIMENSION_IDS[i % DIMENSION_IDS.length];
    const kind = KIND_IDS[i % KIND_IDS.length];
    themes[`t${i}`] = {
      title: { $text: text.slice(0, 120) },
      statement: { $text: text.slice(0, 1000) },
      dimension,
      kind,
      order: `a${i}`,
      createdAt: at.getTime(),
    };
    notes[`n${i}`] = {
      text: { $text: text.slice(0, 2000) },
      dimension,
      kind,
      themeId: i % 2 === 0 ? `t${i}` : null,
      order: `a${i}`,
      colour: null,
      authorId: `p${i}`,
      authorName: text.slice(0, 60),
      cluster: `other:${text.slice(0, 80)}`,
      createdAt: at.getTime() - i * 60_000,
      updatedAt: at.getTime(),
      carriedFrom: i % 3 === 0 ? { boardId: 'b', boardTitle: text.slice(0, 200), noteId: 'x' } : null,
    };
  });
  // Needs linked to good practices: the matchmaking section quotes both.
  hostileTexts().forEach((_, i) => {
    if (KIND_IDS[i % KIND_IDS.length] === 'need')
      links[`l${i}`] = { needId: `n${i}`, practiceId: `n${i + 1}`, createdBy: 'p', createdAt: at.getTime() };
  });
  const doc = rawBoard({ meta: { title, template: null, schemaVersion: 1, createdAt: at.getTime() - 3_600_000 }, notes, themes, links });
  const view = exportView(doc, at.getTime());
  return { view, report: buildReport(view, { generatedAt: at }), noteCount: hostileTexts().length };
}

/** A line of escaped text that would open a block if it started one (CommonMark and GFM). */
const BLOCK_START = /^(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|([-*_]\s*){3,}$|=+\s*$|```|~~~|\s|<|\||\[[^\]]*\]:)/;
/** Characters interpreted inline, when not escaped by an odd run of backslashes. */
const UNESCAPED_INLINE = /(^|[^\\])(\\\\)*[`*_[\]<>|~&#!]/;

describe('Markdown export escapes block and inline syntax', () => {
  it('[E1] every hostile text escapes to lines that can open no block and hold no live inline syntax, and reads back as itself', () => {
    for (const text of hostileTexts()) {
      const escaped = escapeMarkdown(text, '  ');
      const lines = escaped.split('\n').map((line, i) => (i === 0 ? line : line.slice(2)).replace(/\\$/, ''));
      for (const line of lines) {
        expect(line, JSON.stringify(text)).not.toMatch(BLOCK_START);
        expect(line, JSON.stringify(text)).not.toMatch(UNESCAPED_INLINE);
      }
      // Unescaping gives the text back: nothing is lost but control characters and blank lines.
      const unescaped = lines.map((line) => line.replace(/\\(.)/g, '$1')).join('\n');
      const expected = text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
        .split(/\r\n?|\n|\u2028|\u2029/)
        .map((line) => line.replace(/\t/g, ' ').trim())
        .filter(Boolean)
        .join('\n');
      expect(unescaped).toBe(expected);
    }
  });

  it('[E1] a report full of hostile text keeps its own structure: one title, its headings, one list item per note', () => {
    // The block-syntax texts as titles (the title is a heading of its own); all of them in every other field.
    for (const title of HOSTILE_TEXTS.slice(0, 25)) {
      const { report, noteCount } = hostileBoard(title);
      const markdown = renderMarkdown(report, en);
      const lines = markdown.split('\n');
      expect(lines.filter((l) => /^# /.test(l))).toHaveLength(1);
      expect(lines.filter((l) => /^## /.test(l))).toEqual([
        '## Revision history',
        '## Contents',
        '## Methodology',
        '## 1. The clusters',
        '## 2. Challenges assessment for best practices collection',
        '## 3. Learning tandems and exchange proposals',
        '## 4. Engagement',
        '## Annex: every note',
      ]);
      expect(lines.filter((l) => /^### 2\.\d /.test(l))).toHaveLength(5);
      // [RD8] The annex lists every note once.
      const annex = markdown.slice(markdown.indexOf('## Annex'));
      expect(annex.split('\n').filter((l) => /^- /.test(l))).toHaveLength(noteCount);
      const dimensions = markdown.slice(markdown.indexOf('## 2. '), markdown.indexOf('## 3. '));
      // Inside a list item or a quote, participant text opens no block of its own (`- # x` is a heading in an item).
      for (const line of dimensions.split('\n').filter((l) => /^(- |> )/.test(l))) expect(line.slice(2), line).not.toMatch(BLOCK_START);
      // Every line is one of ours: a continuation line only ever follows a hard break.
      lines.forEach((line, i) => {
        if (/^( {2}| {4})/.test(line) && !/^ {2}- /.test(line)) expect(lines[i - 1], line).toMatch(/\\$/);
        if (/^> /.test(line)) expect(lines[i - 1], line).toMatch(/^$|^> .*\\$/);
        expect(line).not.toMatch(/^(```|~~~|<|\s{5})/);
        // We write no thematic break; an empty label between `**` would make one.
        expect(line).not.toMatch(/^ {0,3}([-*_])(\s*\1){2,}\s*$/);
      });
    }
  });
});

/** How Excel in a locale whose list separator is `sep` splits a line: on every `sep`, quotes or not. */
function naiveFragments(csv: string, sep: string): string[] {
  return csv.split(/\r\n|\n|\r/).flatMap((line) => line.split(sep));
}

describe('CSV export neutralises formulas wherever a cell can be split', () => {
  it('[E2] no cell, and no piece of a line split on a comma, semicolon, tab or line break, starts a formula', () => {
    const csv = renderCsv(hostileBoard('Board').view, en);
    for (const sep of [',', ';', '\t']) {
      for (const fragment of naiveFragments(csv.replace(/^\uFEFF/, ''), sep)) {
        expect(fragment, `split on ${JSON.stringify(sep)}`).not.toMatch(/^[\s"]*[=+\-@＝]/);
      }
    }
    const rows = parseCsvRows(csv);
    expect(rows).toHaveLength(hostileTexts().length + 1);
    for (const { cells } of rows) for (const cell of cells) expect(cell).not.toMatch(/^[\s"]*[=+\-@＝]/);
  });

  it('[E2] the text survives: only apostrophes are added', () => {
    const rows = parseCsvRows(renderCsv(hostileBoard('Board').view, en)).slice(1);
    const texts = rows.map(({ cells }) => (cells[4] ?? '').replace(/'/g, ''));
    for (const text of hostileTexts().filter((t) => t.trim() !== '')) {
      expect(texts, JSON.stringify(text)).toContain(text.slice(0, 2000).replace(/'/g, ''));
    }
  });
});

describe('Word export', () => {
  it('[E3] no hostile text becomes a field, hyperlink, instruction or invalid XML; each is shown as its characters', async () => {
    const { report } = hostileBoard('{ DDE "cmd" "/c calc" } <w:fldSimple w:instr="x"/>\u0001');
    const files = unzipSync(new Uint8Array(await renderDocx(report, en)));
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('.xml')) continue;
      expect(strFromU8(bytes), name).not.toMatch(INVALID_XML_CHARACTER);
    }
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    for (const element of ['<w:fldSimple', 'w:dde']) expect(xml.split(element).length - 1, element).toBe(0);
    // [RD2] The only fields are the document's own contents and its page references to its own headings.
    const instructions = [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1] ?? '');
    expect(instructions.length).toBeGreaterThan(0);
    for (const instruction of instructions) expect(instruction).toMatch(/^(TOC \\h \\o &quot;1-2&quot;|PAGEREF _Toc\d+ \\h)$/);
    for (const [tag] of xml.matchAll(/<w:hyperlink\b[^>]*>/g)) expect(tag).toMatch(/^<w:hyperlink w:history="1" w:anchor="_Toc\d+">$/);
    expect(xml.split(/<w:t[ >]/).length).toBe(xml.split('</w:t>').length);
    // The text nodes hold no markup of their own: every `<` inside one was escaped.
    for (const node of xml.match(/<w:t(?: [^>]*)?>[^]*?<\/w:t>/g) ?? []) expect(node.replace(/^<w:t[^>]*>|<\/w:t>$/g, '')).not.toContain('<');
    expect(xml).toContain('&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:hyperlink');
    expect(xml).toContain('{ DDE');
  });
});
