/**
 * [RD12] "Me too" voices in the report: counted per note from the board's records, shown beside the
 * votes in Markdown, Word and the printable page ("+2 me too", only when there is one), and
 * breaking ties between needs and good practices with equal votes. Counted by hand below.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDocx } from '../../server/reports/docx';
import { initBoard } from '../../shared/model/mutations/meta';
import { addMeToo } from '../../shared/model/mutations/meToo';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import type { AddNoteInput } from '../../shared/model/schema';
import { renderHtml } from '../../shared/report/html';
import { renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { boardView } from '../../shared/view/boardView';

const en = await reportTranslator('en');
const de = await reportTranslator('de');
const at = new Date('2026-03-14T10:00:00Z');

const ANA = { id: 'ana', name: 'Ana', cluster: 'gaia' };
const JAN = { id: 'jan', name: 'Jan', cluster: 'silicon-saxony' };
const MIA = { id: 'mia', name: 'Mia', cluster: 'mazovia' };
const LEA = { id: 'lea', name: 'Lea', cluster: 'dti' };

function input(text: string, kind: AddNoteInput['kind'], author: typeof ANA): AddNoteInput {
  return { text, dimension: 'strategy', kind, author };
}

/**
 * Hand count. Needs (strategy): "Shared CRM" by Ana, 2 votes, me too from Jan and Mia = 2;
 * "KPI template" by Jan, 2 votes, me too from Ana, Mia and Lea = 3; "Mentor pool" by Mia, 0 votes,
 * no voice. Good practice "Member days" by Lea, 1 vote, me too from Ana = 1. Jan saying it twice
 * is one voice; Ana's own "me too" on her note is refused by the mutation.
 */
function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Me too board', template: null }, serverOrigin('template'));
  const crm = addNote(doc, input('Shared CRM', 'need', ANA), localOrigin(ANA.id));
  const kpi = addNote(doc, input('KPI template', 'need', JAN), localOrigin(JAN.id));
  addNote(doc, input('Mentor pool', 'need', MIA), localOrigin(MIA.id));
  const days = addNote(doc, input('Member days', 'good-practice', LEA), localOrigin(LEA.id));
  const voice = (noteId: string, person: typeof ANA) => addMeToo(doc, noteId, person.id, localOrigin(person.id));
  voice(crm, JAN);
  voice(crm, JAN);
  voice(crm, MIA);
  voice(kpi, ANA);
  voice(kpi, MIA);
  voice(kpi, LEA);
  voice(days, ANA);
  expect(() => voice(crm, ANA)).toThrow();
  const votes = new Map([
    [crm, 2],
    [kpi, 2],
    [days, 1],
  ]);
  return buildReport(boardView(doc), { generatedAt: at, votes, people: [ANA, JAN, MIA, LEA] });
}

describe('"me too" in the report (RD12)', () => {
  it('[RD12] each note carries its hand-counted voices, and equal votes are ranked by them', () => {
    const strategy = board().dimensions[1];
    expect(strategy?.needs.map((n) => [n.text, n.votes, n.meToo])).toEqual([
      ['KPI template', 2, 3],
      ['Shared CRM', 2, 2],
      ['Mentor pool', 0, 0],
    ]);
    expect(strategy?.practices.map((n) => [n.text, n.meToo])).toEqual([['Member days', 1]]);
  });

  it('[RD12] Markdown, Word and the printable page show "+N me too" beside the votes, and nothing without a voice', async () => {
    const report = board();
    const md = renderMarkdown(report, en);
    expect(md).toContain('- KPI template (2 votes) +3 me too');
    expect(md).toContain('- Shared CRM (2 votes) +2 me too');
    expect(md).toMatch(/^- Mentor pool$/m);
    expect(md).toContain('Member days (1 vote) +1 me too');

    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocx(report, en)))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('<w:t xml:space="preserve"> +3 me too</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve"> +2 me too</w:t>');

    const html = renderHtml(report, en, []);
    expect(html).toContain('<li class="note">KPI template <span class="votes">(2 votes)</span> <span class="votes metoo">+3 me too</span></li>');
    expect(html).toContain('<li class="note">Mentor pool</li>');
    expect(renderMarkdown(report, de)).toContain('+3 ich auch');
  });
});
