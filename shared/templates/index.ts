import type * as Y from 'yjs';
import { initBoard } from '../model/mutations/meta';
import { addNote } from '../model/mutations/notes';
import { writeReportSource } from '../model/mutations/report';
import type { ServerOrigin } from '../model/origin';
import { EXCITE_D14, EXCITE_D14_PROFILES, EXCITE_D14_SETTINGS, EXCITE_D14_SOURCE } from './excite-d14';

export const TEMPLATES = [
  { id: 'blank', label: 'Blank board' },
  { id: 'excite-d1.4', label: 'EXCITE D1.4' },
  /** Needs a source board: see carryOver.ts and `POST /api/boards` with `from`. */
  { id: 'previous-board', label: 'From a previous board' },
] as const;

export type TemplateId = (typeof TEMPLATES)[number]['id'];
/** Templates that need nothing but a title (not "From a previous board", which needs a source). */
export type StandaloneTemplateId = Exclude<TemplateId, 'previous-board'>;

/** [AT1] The template's notes are the report's, never a participant's: no author id, a source. */
const TEMPLATE_AUTHOR = { id: '', name: EXCITE_D14_SOURCE };
const TEMPLATE_SOURCE = { kind: 'template', label: EXCITE_D14_SOURCE } as const;

/** Fills a brand-new board: meta, then the template's notes in one transaction. */
export function createBoardContent(doc: Y.Doc, board: { title: string; template: TemplateId }, origin: ServerOrigin): void {
  doc.transact(() => {
    initBoard(doc, { title: board.title, template: board.template === 'blank' ? null : board.template }, origin);
    if (board.template !== 'excite-d1.4') return;
    // [RC7] The report's cover and cluster profiles as D1.4's; the facilitator writes the texts.
    writeReportSource(doc, { settings: EXCITE_D14_SETTINGS, profiles: EXCITE_D14_PROFILES, introduction: '', conclusion: '' }, origin);
    for (const section of EXCITE_D14) {
      const { dimension } = section;
      for (const text of section.challenges) {
        addNote(doc, { text, dimension, kind: 'challenge', author: { ...TEMPLATE_AUTHOR, cluster: null }, source: TEMPLATE_SOURCE }, origin);
      }
      for (const text of section.needs) {
        addNote(doc, { text, dimension, kind: 'need', author: { ...TEMPLATE_AUTHOR, cluster: null }, source: TEMPLATE_SOURCE }, origin);
      }
      for (const practice of section.goodPractices) {
        addNote(
          doc,
          {
            text: practice.text,
            dimension,
            kind: 'good-practice',
            author: { ...TEMPLATE_AUTHOR, cluster: practice.cluster },
            source: TEMPLATE_SOURCE,
          },
          origin,
        );
      }
    }
  }, origin);
}
