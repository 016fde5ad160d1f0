/**
 * The introduction and conclusion as the facilitator types them, and as the report reads them.
 *
 * The text is plain lines, so a textarea can edit it collaboratively like a note (a Y.Text with
 * character diffs) and it reads the same in the export file:
 *   - every line that is not blank is one block; blank lines are only spacing (a textarea shows
 *     each line where it is, so each line is what the person sees as a paragraph);
 *   - a line starting "- " (or "* ", "• ") is an item of a bulleted list;
 *   - a line starting with a number and "." or ")" and a space ("1. ", "12) ") is an item of a
 *     numbered list: the report numbers the items itself, so the figure typed is not kept.
 * [RC4] Parsing never throws, and its work and result are bounded whatever the string.
 */
import type { TextBlock } from './content';

/** Characters of one introduction or conclusion (about seven pages of a deliverable). */
export const REPORT_TEXT_MAX = 20_000;
/** Blocks read from one text: a text of blank-separated one-letter lines stops here. */
export const REPORT_BLOCKS_MAX = 1_000;

// A marker ends in white space, or is the whole line (an item being started).
const BULLET = /^[-*•](?:\s+|$)/;
const NUMBERED = /^\d{1,3}[.)](?:\s+|$)/;
/** C0 controls but tab: no report format can hold them (XML refuses them outright). */
// eslint-disable-next-line no-control-regex -- the controls are what this removes
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A text as one line of plain characters: controls dropped, runs of white space kept as typed. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

export function parseTextBlocks(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const raw of source.slice(0, REPORT_TEXT_MAX).split(/\r\n|\r|\n/)) {
    const line = withoutControls(raw).trim();
    if (line === '') continue;
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const marker = bullet ?? numbered;
    const text = marker ? line.slice(marker[0].length).trim() : line;
    // A marker alone ("- ") is an item being started: nothing to print yet.
    if (text === '') continue;
    blocks.push({ kind: bullet ? 'bullet' : numbered ? 'numbered' : 'paragraph', text });
    if (blocks.length >= REPORT_BLOCKS_MAX) break;
  }
  return blocks;
}

/** The blocks written back as lines the parser reads as the same blocks (numbered from 1). */
export function formatTextBlocks(blocks: readonly TextBlock[]): string {
  let number = 0;
  return blocks
    .map((block) => {
      if (block.kind !== 'numbered') number = 0;
      if (block.kind === 'bullet') return `- ${block.text}`;
      if (block.kind === 'numbered') return `${++number}. ${block.text}`;
      return block.text;
    })
    .join('\n');
}

export type LineKind = TextBlock['kind'];

function kindOfLine(line: string): LineKind {
  if (BULLET.test(line.trimStart())) return 'bullet';
  if (NUMBERED.test(line.trimStart())) return 'numbered';
  return 'paragraph';
}

function bareLine(line: string): string {
  const trimmed = line.trimStart();
  const marker = BULLET.exec(trimmed) ?? NUMBERED.exec(trimmed);
  return marker ? trimmed.slice(marker[0].length) : line;
}

/**
 * [RC5] The editor's list buttons: the lines the selection touches become items of `kind`, or
 * plain paragraphs again when they all are that kind already (the button toggles). Numbered items
 * are numbered from 1 in the selection. The selection is kept on the same lines.
 */
export function toggleLines(
  text: string,
  selectionStart: number,
  selectionEnd: number,
  kind: Exclude<LineKind, 'paragraph'>,
): { text: string; selectionStart: number; selectionEnd: number } {
  const start = Math.max(0, Math.min(selectionStart, selectionEnd, text.length));
  const end = Math.min(text.length, Math.max(selectionStart, selectionEnd));
  const first = text.lastIndexOf('\n', start - 1) + 1;
  const lastBreak = text.indexOf('\n', end);
  const last = lastBreak === -1 ? text.length : lastBreak;
  const lines = text.slice(first, last).split('\n');
  const filled = lines.filter((line) => line.trim() !== '');
  const removing = filled.length > 0 && filled.every((line) => kindOfLine(line) === kind);
  let number = 0;
  const changed = lines.map((line) => {
    if (line.trim() === '' && lines.length > 1) return line;
    const bare = bareLine(line);
    if (removing) return bare;
    return kind === 'bullet' ? `- ${bare}` : `${++number}. ${bare}`;
  });
  const replaced = changed.join('\n');
  const next = text.slice(0, first) + replaced + text.slice(last);
  // A caret stays a caret (at the end of its line); a selection covers the lines it touched.
  const lineEnd = first + replaced.length;
  return { text: next, selectionStart: start === end ? lineEnd : first, selectionEnd: lineEnd };
}
