/** The "From a previous board" template (SPEC T2). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLink } from '../../shared/model/mutations/links';
import { addNote, addNotes } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { carryOverNotes } from '../../shared/templates/carryOver';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';

/** The reports' words in English, the language of these expectations. */
const en = await reportTranslator('en');

const origin = serverOrigin('template');
const author = (name: string, cluster: string | null) => ({ id: name.toLowerCase(), name, cluster });

function previousBoard(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'Dresden workshop', template: 'blank' }, origin);
  const ids = {
    challenge: addNote(doc, { text: 'Members do not come', dimension: 'strategy', kind: 'challenge', author: author('Ann', 'gaia') }, origin),
    openNeed: addNote(doc, { text: 'A member survey tool', dimension: 'strategy', kind: 'need', author: author('Bo', 'dti') }, origin),
    answeredNeed: addNote(doc, { text: 'A pricing model', dimension: 'business-model', kind: 'need', author: author('Cy', 'scs') }, origin),
    practice: addNote(
      doc,
      { text: 'Yearly price list', dimension: 'business-model', kind: 'good-practice', author: author('Di', 'mazovia') },
      origin,
    ),
    empty: addNote(doc, { text: ' ', dimension: 'structure', kind: 'good-practice', author: author('Ed', null) }, origin),
  };
  addLink(doc, ids.answeredNeed, ids.practice, 'cy', origin);
  return { doc, ids };
}

describe('carrying a board into the next workshop', () => {
  it('[T2] carries every good practice and every need no practice answers, each with its source, and leaves challenges behind', () => {
    const { doc, ids } = previousBoard();
    const carried = carryOverNotes(boardView(doc), { boardId: 'prevboard123', title: 'Dresden workshop' });
    expect(carried.map((n) => n.text).sort()).toEqual(['A member survey tool', 'Yearly price list']);
    const need = carried.find((n) => n.text === 'A member survey tool');
    expect(need).toMatchObject({ dimension: 'strategy', kind: 'need', author: { name: 'Bo', cluster: 'dti' } });
    expect(need?.carriedFrom).toEqual({ boardId: 'prevboard123', boardTitle: 'Dresden workshop', noteId: ids.openNeed });

    // On the new board the reference stays with the note, and the report names the source.
    const next = new Y.Doc();
    createBoardContent(next, { title: 'Vilnius workshop', template: 'previous-board' }, origin);
    addNotes(next, carried, origin);
    const view = boardView(next);
    const practice = [...view.notesById.values()].find((n) => n.text === 'Yearly price list');
    expect(practice?.carriedFrom?.noteId).toBe(ids.practice);
    const markdown = renderMarkdown(buildReport(view, { generatedAt: new Date('2026-11-27T10:00:00Z') }), en);
    expect(markdown).toContain('- Yearly price list — *Mazovia Cluster ICT* *(from “Dresden workshop”)*');
  });
});
