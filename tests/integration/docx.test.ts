/** The Word report (SPEC R7): a real .docx whose document.xml holds the headings and every note. */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDocx } from '../../server/reports/docx';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { EXCITE_D14 } from '../../shared/templates/excite-d14';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';

/** The reports' words in English, the language of these expectations. */
const en = await reportTranslator('en');

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('DOCX report', () => {
  it('[R7, RD1] is a Word document with the report headings and every challenge, need and good practice of the seed', async () => {
    const doc = new Y.Doc();
    createBoardContent(doc, { title: 'EXCITE <D1.4> & friends', template: 'excite-d1.4' }, serverOrigin('template'));
    // One note written in the workshop, so the report has contributions over time to chart.
    addNote(
      doc,
      { text: 'Written in the workshop', dimension: 'strategy', kind: 'need', author: { id: 'ann', name: 'Ann', cluster: 'gaia' } },
      localOrigin('ann'),
    );
    const buffer = await renderDocx(
      buildReport(boardView(doc), { generatedAt: new Date('2026-03-14T09:30:00Z'), people: [{ id: 'ann', name: 'Ann', cluster: 'gaia' }] }),
      en,
    );
    const files = unzipSync(new Uint8Array(buffer));
    expect(Object.keys(files)).toContain('word/document.xml');
    expect(Object.keys(files)).toContain('[Content_Types].xml');
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    // The document's text, with its XML runs joined (Word may split a sentence over runs).
    const text = xml.replace(/<[^>]+>/g, '');
    for (const heading of [
      'EXCITE &lt;D1.4&gt; &amp; friends',
      'Revision history',
      'Contents',
      'Methodology',
      '1. The clusters',
      '2.1 Cluster structure',
      '2.5 Communication, visibility &amp; reputation',
      'Common challenges',
      'Best practices needed',
      'Good practice',
      '3. Learning tandems and exchange proposals',
      '4. Engagement',
      'Annex: every note',
    ]) {
      expect(text, heading).toContain(heading);
    }
    for (const section of EXCITE_D14) {
      for (const note of [...section.challenges, ...section.needs, ...section.goodPractices.map((g) => g.text)]) {
        expect(text, note).toContain(xmlText(note).replace(/'/g, '&apos;').replace(/"/g, '&quot;'));
      }
    }
    expect(xml).toContain('w:pStyle w:val="Heading1"');
  });
});
