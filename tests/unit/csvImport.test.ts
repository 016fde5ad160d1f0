import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { problemSentence } from '../../shared/errors';
import { attributionWords } from '../../shared/i18n/attribution';
import { loadMessages } from '../../shared/i18n/catalogue';
import { createTranslator } from '../../shared/i18n/translate';
import { importNotesCsv, parseCsvRows } from '../../shared/import/csv';
import { addNote } from '../../shared/model/mutations/notes';
import { renderCsv } from '../../shared/report/csv';
import { boardView } from '../../shared/view/boardView';
import { aliceOrigin } from './support';

describe('CSV import', () => {
  it('[I1] reads quoted cells with commas, quotes and line breaks, a BOM and CRLF', () => {
    const rows = parseCsvRows('\uFEFFa,b\r\n"x, ""y""","line one\nline two"\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', 'line one\nline two'] },
    ]);
  });

  it('[I1] imports good lines and reports bad ones by line number and reason', () => {
    const csv = [
      'Dimension,Kind,Text,Cluster,Author',
      'Cluster strategy,Challenge,Weak KPIs,GAIA,Ana',
      '2,best practices needed,A light CRM,,',
      'Cluster operational organisation,Good practices,Working groups by competence,Mazovia Cluster ICT,Piotr',
      'Finance,Challenge,Not a dimension,,',
      'Cluster strategy,Idea,Not a kind,,',
      'Cluster strategy,Challenge,,,',
      'communication and reputation,good practice,"Meetings, formal and informal",DTI Cluster,',
      'Cluster structure,Challenge,From elsewhere,Acme Cluster,Zoe',
    ].join('\n');
    const { notes, problems } = importNotesCsv(csv);
    expect(problems).toMatchObject([
      { line: 5, reason: 'Unknown dimension "Finance".' },
      { line: 6, reason: 'Unknown kind "Idea" (use Challenge, Best practice needed or Good practice).' },
      { line: 7, reason: 'The text is empty.' },
    ]);
    expect(notes.map((n) => [n.line, n.dimension, n.kind, n.text, n.cluster, n.author])).toEqual([
      [2, 'strategy', 'challenge', 'Weak KPIs', 'gaia', 'Ana'],
      [3, 'strategy', 'need', 'A light CRM', null, 'CSV import'],
      [4, 'organisation', 'good-practice', 'Working groups by competence', 'mazovia', 'Piotr'],
      [8, 'communication', 'good-practice', 'Meetings, formal and informal', 'dti', 'CSV import'],
      [9, 'structure', 'challenge', 'From elsewhere', 'other:Acme Cluster', 'Zoe'],
    ]);
  });

  it('[I1] accepts semicolon-separated files and refuses a file without the needed columns', () => {
    expect(importNotesCsv('dimension;kind;text\nstrategy;challenge;A; B').notes.map((n) => n.text)).toEqual(['A']);
    expect(importNotesCsv('name,comment\nx,y').problems[0]?.reason).toMatch(/no column "dimension", "kind", "text"/);
    expect(importNotesCsv('').problems).toMatchObject([{ line: 1, reason: 'The file is empty.' }]);
  });

  it('[I2] a CSV exported in German imports as it is: German headers, kinds and "kein Cluster"; its problems read in German', async () => {
    const german = createTranslator('de', await loadMessages('de'), await loadMessages('en'));
    const doc = new Y.Doc();
    addNote(doc, { text: 'Schwache KPIs', dimension: 'strategy', kind: 'challenge', author: { id: 'a', name: 'Ana', cluster: 'gaia' } }, aliceOrigin);
    addNote(
      doc,
      { text: 'Ein leichtes CRM', dimension: 'organisation', kind: 'need', author: { id: 'f', name: 'Fiona', cluster: null } },
      aliceOrigin,
    );
    addNote(
      doc,
      { text: 'Messestand', dimension: 'business-model', kind: 'good-practice', author: { id: 'z', name: 'Zoe', cluster: 'other:Acme' } },
      aliceOrigin,
    );
    const people = new Map([
      ['a', { name: 'Ana', cluster: 'gaia' }],
      ['f', { name: 'Fiona', cluster: null }],
      ['z', { name: 'Zoe', cluster: 'other:Acme' }],
    ]);
    const exported = renderCsv(boardView(doc, people, attributionWords(german)), german, new Map());
    expect(exported).toContain('kein Cluster');
    const { notes, problems } = importNotesCsv(exported);
    expect(problems).toEqual([]);
    expect(notes.map((n) => [n.dimension, n.kind, n.text, n.cluster]).sort()).toEqual(
      [
        ['strategy', 'challenge', 'Schwache KPIs', 'gaia'],
        ['organisation', 'need', 'Ein leichtes CRM', null],
        ['business-model', 'good-practice', 'Messestand', 'other:Acme'],
      ].sort(),
    );
    const [unknown] = importNotesCsv('Dimension;Art;Text\nFinanzen;Herausforderung;x').problems;
    expect(problemSentence(german.t, unknown!)).toBe('Unbekannte Dimension „Finanzen“.');
  });
});
