/**
 * The one counting function (SPEC AT3-AT5), checked against a board counted by hand, in every
 * format that shows a figure: engagement itself, Markdown, CSV, the Word document's text and JSON.
 */
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { renderDocx } from '../../server/reports/docx';
import { parseCsvRows } from '../../shared/import/csv';
import { notesMap } from '../../shared/model/doc';
import { initBoard } from '../../shared/model/mutations/meta';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin, type MutationOrigin, serverOrigin } from '../../shared/model/origin';
import type { AddNoteInput } from '../../shared/model/schema';
import { renderCsv } from '../../shared/report/csv';
import { engagement, MAX_TIME_BUCKETS, timeChart } from '../../shared/report/engagement';
import { exportJson } from '../../shared/report/json';
import { renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { type BoardPeople, boardView } from '../../shared/view/boardView';

/** The reports' words in English, the language of these expectations. */
const en = await reportTranslator('en');

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-14T09:00:00Z');
const NOW = new Date(T0 + 60 * MINUTE);
const YEAR = 365 * 1440 * MINUTE;

/** Who joined the hand-counted board. Mia joined and wrote nothing; Fay (facilitator) has no cluster. */
const PEOPLE = [
  { id: 'ana', name: 'Ana', cluster: 'gaia' },
  { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' },
  { id: 'fay', name: 'Fay', cluster: null },
  { id: 'mia', name: 'Mia', cluster: 'mazovia' },
];
const peopleIndex = (people: typeof PEOPLE): BoardPeople => new Map(people.map((p) => [p.id, { name: p.name, cluster: p.cluster }]));

/**
 * The board, with each note's hand count in its comment. Dimensions: D1 structure, D2 strategy,
 * D3 organisation, D4 business model, D5 communication.
 */
function handCountedBoard(): { doc: Y.Doc; ids: Record<string, string> } {
  vi.setSystemTime(T0);
  const doc = new Y.Doc();
  const server = serverOrigin('template');
  initBoard(doc, { title: 'Hand-counted board', template: null }, server);
  const ids: Record<string, string> = {};
  const at = (minutes: number, key: string, input: AddNoteInput, origin: MutationOrigin = server) => {
    vi.setSystemTime(T0 + minutes * MINUTE);
    ids[key] = addNote(doc, input, origin);
  };
  const template = { kind: 'template', label: 'EXCITE D1.4 report' } as const;
  const nobody = (name: string, cluster: string | null) => ({ id: '', name, cluster });
  // Not counted: the template's two notes, a carried-over note, a REST note without a seat, a note
  // by someone who never joined this board.
  at(1, 'templateChallenge', {
    text: 'Template challenge',
    dimension: 'strategy',
    kind: 'challenge',
    author: nobody('EXCITE D1.4 report', null),
    source: template,
  });
  at(1, 'templatePractice', {
    text: 'Template practice',
    dimension: 'structure',
    kind: 'good-practice',
    author: nobody('EXCITE D1.4 report', 'gaia'),
    source: template,
  });
  at(2, 'carried', {
    text: 'Carried practice',
    dimension: 'strategy',
    kind: 'good-practice',
    author: nobody('Olga', 'dti'),
    source: { kind: 'carried', label: 'Carried over from Sofia workshop' },
    carriedFrom: { boardId: 'old', boardTitle: 'Sofia workshop', noteId: 'n1' },
  });
  at(3, 'api', {
    text: 'From the CRM',
    dimension: 'strategy',
    kind: 'need',
    author: nobody('CRM bot', 'gaia'),
    source: { kind: 'api', label: 'API' },
  });
  at(
    4,
    'ghost',
    { text: 'Ghost note', dimension: 'business-model', kind: 'challenge', author: { id: 'ghost', name: 'Ghost', cluster: 'scs' } },
    localOrigin('ghost'),
  );
  // Counted. Ana's copies claim another name and cluster: the view shows her record.
  const fakeAna = { id: 'ana', name: 'Fake name', cluster: 'dti' };
  at(10, 'anaChallenge', { text: 'Ana challenge', dimension: 'strategy', kind: 'challenge', author: fakeAna }, localOrigin('ana'));
  at(20, 'anaNeed', { text: 'Ana need', dimension: 'structure', kind: 'need', author: fakeAna }, localOrigin('ana'));
  at(21, 'anaFuture', { text: 'Ana from the far future', dimension: 'business-model', kind: 'good-practice', author: fakeAna }, localOrigin('ana'));
  at(
    25,
    'janPractice',
    { text: 'Jan practice', dimension: 'communication', kind: 'good-practice', author: { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' } },
    localOrigin('jan'),
  );
  // Jan's note posted over REST with his seat: his own note, counted once.
  at(
    40,
    'janRest',
    { text: 'Jan over REST', dimension: 'structure', kind: 'challenge', author: { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' } },
    serverOrigin('api'),
  );
  at(
    30,
    'fayNeed',
    { text: 'Fay need', dimension: 'organisation', kind: 'need', author: { id: 'fay', name: 'Fay', cluster: null } },
    localOrigin('fay'),
  );
  // Times a client once wrote: a laptop a year behind, and a time no date can hold.
  const raw = (key: string) => notesMap(doc).get(ids[key] ?? '') as Y.Map<unknown>;
  raw('fayNeed').set('createdAt', T0 + 30 * MINUTE - YEAR);
  raw('anaFuture').set('createdAt', 1e300);
  vi.setSystemTime(NOW);
  return { doc, ids };
}

function votesOf(ids: Record<string, string>): Map<string, number> {
  return new Map([
    [ids.anaChallenge ?? '', 3],
    [ids.api ?? '', 2],
    [ids.janPractice ?? '', 1],
    [ids.templateChallenge ?? '', 4],
  ]);
}

/** The hand count. Cluster order: the partners' order, then any other label. */
const ROWS = [
  { cluster: 'Silicon Saxony', participants: 1, notes: [1, 0, 0, 0, 1], total: 2, votes: 1 },
  { cluster: 'Mazovia Cluster ICT', participants: 1, notes: [0, 0, 0, 0, 0], total: 0, votes: 0 },
  { cluster: 'GAIA', participants: 1, notes: [1, 1, 0, 1, 0], total: 3, votes: 3 },
  { cluster: 'no cluster', participants: 1, notes: [0, 0, 1, 0, 0], total: 1, votes: 0 },
];
/** Five-minute bars from 09:00 (Fay's year-old note, clamped to the board's creation) to 10:00 (Ana's 1e300, clamped to now). */
const OVER_TIME: [string, number][] = [
  ['09:00', 1],
  ['09:05', 0],
  ['09:10', 1],
  ['09:15', 0],
  ['09:20', 1],
  ['09:25', 1],
  ['09:30', 0],
  ['09:35', 0],
  ['09:40', 1],
  ['09:45', 0],
  ['09:50', 0],
  ['09:55', 0],
  ['10:00', 1],
];
const PER_DIMENSION = [
  { notes: 3, votes: 0 },
  { notes: 4, votes: 9 },
  { notes: 1, votes: 0 },
  { notes: 2, votes: 0 },
  { notes: 1, votes: 1 },
];
const TOTALS = { participants: 4, contributions: 6, notes: 11, themes: 0, links: 0, votes: 10 };

describe('engagement, counted by hand', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('[AT3, AT4, AT5] counts only the people who joined, each note once, sourced notes never', () => {
    const { doc, ids } = handCountedBoard();
    const figures = engagement({ view: boardView(doc, peopleIndex(PEOPLE)), people: PEOPLE, votes: votesOf(ids), now: NOW.getTime() });
    expect(figures.rows).toEqual(ROWS);
    expect(figures.participantsByCluster).toEqual([
      { cluster: 'Silicon Saxony', names: ['Jan'] },
      { cluster: 'Mazovia Cluster ICT', names: ['Mia'] },
      { cluster: 'GAIA', names: ['Ana'] },
      { cluster: 'no cluster', names: ['Fay'] },
    ]);
    expect(figures.bucketMinutes).toBe(5);
    expect(figures.overTime.map((b) => [b.label, b.notes])).toEqual(OVER_TIME);
    expect(figures.perDimension).toEqual(PER_DIMENSION);
    expect(figures.totals).toEqual(TOTALS);
  });

  it('[AT3] the same figures whether or not the view was resolved with the people (the copies on notes never count)', () => {
    const { doc, ids } = handCountedBoard();
    const figures = engagement({ view: boardView(doc), people: PEOPLE, votes: votesOf(ids), now: NOW.getTime() });
    expect(figures.rows).toEqual(ROWS);
  });

  it("[AT2, AT3, AT5, RD4, RD8, RD10] Markdown, CSV, Word and JSON show the hand count, the people's current names and clusters", async () => {
    const { doc, ids } = handCountedBoard();
    const votes = votesOf(ids);
    const view = boardView(doc, peopleIndex(PEOPLE));
    const report = buildReport(view, { generatedAt: NOW, votes, people: PEOPLE });

    const markdown = renderMarkdown(report, en);
    expect(markdown).toContain('- **Silicon Saxony**: Jan\n- **Mazovia Cluster ICT**: Mia\n- **GAIA**: Ana\n- **no cluster**: Fay\n');
    const table = ROWS.map((r) => `| ${[r.cluster, r.participants, ...r.notes, r.total, r.votes].join(' | ')} |`).join('\n');
    expect(markdown).toContain(
      `| Cluster | Participants | D1 | D2 | D3 | D4 | D5 | Notes | Votes received |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${table}\n`,
    );
    expect(markdown).toContain(`Notes written per 5 minutes (UTC):\n\n${OVER_TIME.map(([label, n]) => `- ${label}: ${n}`).join('\n')}\n`);
    expect(markdown).toContain('11 notes, 0 themes, 0 matchmaking links, 10 votes');
    expect(markdown).not.toContain('Fake name');
    expect(markdown).not.toContain('SCS Cluster');

    // CSV: one row per note; author and cluster as the board shows them.
    const rows = parseCsvRows(renderCsv(view, en, votes)).map((r) => r.cells);
    const header = rows[0] ?? [];
    const column = (name: string) => header.indexOf(name);
    const byText = new Map(rows.slice(1).map((r) => [r[column('Text')], r]));
    expect(rows.length - 1).toBe(TOTALS.notes);
    const shown = (text: string) => {
      const row = byText.get(text) ?? [];
      return [row[column('Author')], row[column('Cluster')], row[column('Votes')]];
    };
    expect(shown('Ana challenge')).toEqual(['Ana', 'GAIA', '3']);
    expect(shown('Ana need')).toEqual(['Ana', 'GAIA', '0']);
    expect(shown('Fay need')).toEqual(['Fay', 'no cluster', '0']);
    expect(shown('Jan over REST')).toEqual(['Jan', 'Silicon Saxony', '0']);
    expect(shown('From the CRM')).toEqual(['CRM bot (API)', 'GAIA', '2']);
    expect(shown('Template challenge')).toEqual(['EXCITE D1.4 report', 'EXCITE consortium', '4']);
    expect(shown('Carried practice')).toEqual(['Olga', 'DTI Cluster', '0']);
    expect(byText.get('Ana from the far future')?.[column('Created')]).toBe('');
    const votesColumn = rows.slice(1).reduce((sum, r) => sum + Number(r[column('Votes')]), 0);
    expect(votesColumn).toBe(TOTALS.votes);

    // Word: the engagement table's rows and the time chart's, cell by cell.
    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocx(report, en)))['word/document.xml'] ?? new Uint8Array());
    const tableRows = xml
      .split('<w:tr>')
      .slice(1)
      .map((tr) =>
        (tr.split('</w:tr>')[0] ?? '')
          .split('</w:tc>')
          .map((tc) => tc.replace(/<[^>]+>/g, ''))
          .filter((t) => t !== ''),
      );
    for (const row of ROWS) expect(tableRows).toContainEqual([row.cluster, ...[row.participants, ...row.notes, row.total, row.votes].map(String)]);
    const wordText = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(wordText).not.toContain('Fake name');
    // [RD4, RD10] The methodology, the narratives, the clusters and the annex say the same figures.
    for (const text of [markdown, wordText.replace(/&apos;/g, "'")]) {
      expect(text).toContain('4 people from 3 clusters took part, 1 of them without a cluster.');
      expect(text).toContain('The contributions were written on 2026-03-14.');
      expect(text).toContain(
        'Regarding Cluster strategy, 2 common challenges were recorded. 1 best practice needed was named; 1 good practice was shared, by DTI Cluster.',
      );
      expect(text).toContain(
        'Regarding Cluster organisation, no common challenge was recorded. 1 best practice needed was named; no good practice was shared.',
      );
      expect(text).toContain('11 notes, 0 themes, 0 matchmaking links, 10 votes');
      expect(text).not.toContain('1 themes');
    }
    // The annex: one row per note (and a header per dimension), each with its author and cluster as the board shows them.
    const annex = tableRows.slice(tableRows.findIndex((r) => r[0] === 'Kind'));
    expect(annex.filter((r) => r[0] !== 'Kind')).toHaveLength(TOTALS.notes);
    expect(annex).toContainEqual(['Best practice needed', 'Fay need', 'Fay', 'no cluster', '0']);
    expect(annex).toContainEqual(['Best practice needed', 'From the CRM', 'CRM bot (API)', 'GAIA', '2']);
    expect(annex).toContainEqual(['Good practice', 'Carried practice', 'Olga', 'DTI Cluster', '0']);
    // "no cluster" is counted, but is not a cluster of "1. The clusters".
    expect(markdown).toContain('### Silicon Saxony\n\n- **Took part in this workshop**: Jan\n');
    expect(markdown).toContain('### Mazovia Cluster ICT\n\n- **Took part in this workshop**: Mia\n');
    expect(markdown).not.toContain('### no cluster');

    // JSON: the same figures, and the notes carry the people's current names.
    const json = JSON.parse(JSON.stringify(exportJson(view, NOW, votes, PEOPLE))) as ReturnType<typeof exportJson>;
    expect(json.engagement.rows).toEqual(ROWS);
    expect(json.engagement.totals).toEqual(TOTALS);
    expect(json.engagement.days).toEqual(['2026-03-14']);
    expect(json.notes.find((n) => n.text === 'Ana need')).toMatchObject({ authorName: 'Ana', cluster: 'gaia', authorId: 'ana', source: null });
  });

  it('[AT2] a rename shows on every note and in every figure at once', () => {
    const { doc, ids } = handCountedBoard();
    const renamed = PEOPLE.map((p) => (p.id === 'ana' ? { ...p, name: 'Ana Ruiz', cluster: 'scs' } : p));
    const view = boardView(doc, peopleIndex(renamed));
    expect(view.notesById.get(ids.anaNeed ?? '')).toMatchObject({
      authorName: 'Ana Ruiz',
      byline: 'Ana Ruiz',
      cluster: 'scs',
      clusterLabel: 'SCS Cluster',
    });
    const markdown = renderMarkdown(buildReport(view, { generatedAt: NOW, votes: votesOf(ids), people: renamed }), en);
    expect(markdown).toContain('| SCS Cluster | 1 | 1 | 1 | 0 | 1 | 0 | 3 | 3 |');
    expect(markdown).not.toMatch(/\| GAIA \|/);
  });
});

describe('[AT4] the time chart never allocates by the data', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('[AT4] a board whose stored times are 1e300, 9e15, negative, NaN and a year back renders every format with at most 48 bars', async () => {
    vi.setSystemTime(T0);
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Hostile times', template: null }, serverOrigin('template'));
    const hostile = [1e300, 9e15, -5, Number.NaN, Number.POSITIVE_INFINITY, T0 - YEAR, T0 + 5 * MINUTE];
    hostile.forEach((time, i) => {
      const id = addNote(
        doc,
        { text: `note ${i}`, dimension: 'strategy', kind: 'need', author: { id: 'ana', name: 'Ana', cluster: 'gaia' } },
        localOrigin('ana'),
      );
      (notesMap(doc).get(id) as Y.Map<unknown>).set('createdAt', time);
    });
    doc.getMap('meta').set('createdAt', 1e300);
    vi.setSystemTime(NOW);
    const people = [{ id: 'ana', name: 'Ana', cluster: 'gaia' }];
    const view = boardView(doc, peopleIndex(people));
    const report = buildReport(view, { generatedAt: NOW, people });
    expect(report.engagement.overTime.length).toBeLessThanOrEqual(MAX_TIME_BUCKETS);
    expect(report.engagement.overTime.reduce((sum, b) => sum + b.notes, 0)).toBe(hostile.length);
    expect(renderMarkdown(report, en).length).toBeLessThan(10_000);
    expect(renderCsv(view, en).split('\r\n')).toHaveLength(hostile.length + 2);
    expect((await renderDocx(report, en)).length).toBeLessThan(100_000);
    expect(() => JSON.stringify(exportJson(view, NOW, new Map(), people))).not.toThrow();
  });

  it('[AT4] a year-behind clock does not make a row per day: the bars span the year in at most 48, labelled with dates', () => {
    const { overTime, bucketMinutes } = timeChart([T0 - YEAR, T0 + 10 * MINUTE], T0 - 2 * YEAR, T0 + 60 * MINUTE);
    expect(overTime.length).toBeLessThanOrEqual(MAX_TIME_BUCKETS);
    expect(bucketMinutes).toBeGreaterThanOrEqual(1440 * 30);
    expect(overTime[0]?.label).toMatch(/^2025-\d\d-\d\d \d\d:\d\d$/);
    expect(new Set(overTime.map((b) => b.label)).size).toBe(overTime.length);
  });

  it('[AT4] property: any times, any creation time, any clock: at most 48 bars, every note in one of them', () => {
    const time = fc.oneof(
      fc.double(),
      fc.integer({ min: -1e6, max: 1e6 }).map((m) => T0 + m * MINUTE),
      fc.constantFrom(1e300, 9e15, -9e15, Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(time, { maxLength: 60 }), time, time, (times, createdAt, now) => {
        const { overTime } = timeChart(times, createdAt, now);
        expect(overTime.length).toBeLessThanOrEqual(MAX_TIME_BUCKETS);
        expect(overTime.reduce((sum, b) => sum + b.notes, 0)).toBe(times.length);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe('[AT4] times a browser writes', () => {
  it("[AT4] a person's notes are dated by their session's server-corrected clock, not the laptop's", () => {
    const doc = new Y.Doc();
    const serverNow = T0;
    const laptopBehind = localOrigin('ana', () => serverNow);
    const id = addNote(doc, { text: 'x', dimension: 'strategy', kind: 'need', author: { id: 'ana', name: 'Ana', cluster: 'gaia' } }, laptopBehind);
    expect(boardView(doc).notesById.get(id)).toMatchObject({ createdAt: T0, updatedAt: T0 });
  });
});

describe('[AT3] property: every format agrees with one count', () => {
  it('[AT3, AT4] random boards (people in and out of clusters, strangers, sources, hostile times, votes): figures match a direct count in engagement, Markdown and JSON', () => {
    const ids = ['p1', 'p2', 'p3', 'stranger', ''];
    const cluster = fc.constantFrom(null, 'gaia', 'dti', 'other:Acme');
    const hostileTime = fc.oneof(
      fc.double(),
      fc.constantFrom(1e300, 9e15, -1, Number.NaN),
      fc.integer({ min: -500, max: 500 }).map((m) => T0 + m * MINUTE),
    );
    const noteArb = fc.record({
      authorId: fc.constantFrom(...ids),
      sourced: fc.boolean(),
      cluster,
      dimension: fc.constantFrom('structure', 'strategy', 'organisation', 'business-model', 'communication'),
      createdAt: hostileTime,
      votes: fc.nat({ max: 5 }),
    });
    const personArb = fc.record({ id: fc.constantFrom('p1', 'p2', 'p3'), name: fc.constantFrom('Ana', 'Jan', 'Fay'), cluster });
    fc.assert(
      fc.property(
        fc.array(noteArb, { maxLength: 25 }),
        fc.uniqueArray(personArb, { selector: (p) => p.id, maxLength: 3 }),
        hostileTime,
        (notes, people, createdAt) => {
          const doc = new Y.Doc();
          initBoard(doc, { title: 'Random', template: null }, serverOrigin('template'));
          doc.getMap('meta').set('createdAt', createdAt);
          const votes = new Map<string, number>();
          for (const n of notes) {
            const id = addNote(
              doc,
              {
                text: 'x',
                dimension: n.dimension as AddNoteInput['dimension'],
                kind: 'need',
                author: { id: n.authorId || 'nobody', name: 'Claimed', cluster: 'scs' },
                ...(n.sourced || n.authorId === '' ? { source: { kind: 'api', label: 'API' } as const } : {}),
              },
              serverOrigin('api'),
            );
            (notesMap(doc).get(id) as Y.Map<unknown>).set('createdAt', n.createdAt);
            votes.set(id, n.votes);
          }
          const view = boardView(doc, peopleIndex(people));
          const figures = engagement({ view, people, votes, now: NOW.getTime() });
          const joined = new Set<string>(people.map((p) => p.id));
          const counted = notes.filter((n) => !n.sourced && n.authorId !== '' && joined.has(n.authorId));
          expect(figures.totals.contributions).toBe(counted.length);
          expect(figures.rows.reduce((sum, r) => sum + r.total, 0)).toBe(counted.length);
          expect(figures.rows.reduce((sum, r) => sum + r.participants, 0)).toBe(people.length);
          expect(figures.rows.reduce((sum, r) => sum + r.votes, 0)).toBe(counted.reduce((sum, n) => sum + n.votes, 0));
          expect(figures.overTime.length).toBeLessThanOrEqual(MAX_TIME_BUCKETS);
          expect(figures.overTime.reduce((sum, b) => sum + b.notes, 0)).toBe(counted.length);
          const markdown = renderMarkdown(buildReport(view, { generatedAt: NOW, votes, people }), en);
          for (const row of figures.rows)
            expect(markdown).toContain(`| ${row.cluster} | ${row.participants} | ${row.notes.join(' | ')} | ${row.total} |`);
          expect(exportJson(view, NOW, votes, people).engagement).toEqual(figures);
          expect(() => renderCsv(view, en, votes)).not.toThrow();
        },
      ),
      { seed: 1313, numRuns: 200 },
    );
  });
});
