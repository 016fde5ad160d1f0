/**
 * [RG7] Participant text made safe for the printable page: escaped once, wherever it lands (an
 * element or a quoted attribute), so it reads as itself and never as markup.
 */
import type { Translator } from '../i18n/translate';
import type { ReportNote } from './report';

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** [RG7] Text that reads as itself in an element or a quoted attribute, never as markup. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROLS, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Escaped, its line breaks kept as breaks. */
export function lines(text: string): string {
  return escapeHtml(text.trim())
    .split(/\r\n?|\n|\u2028|\u2029/)
    .join('<br>');
}

/** A paragraph of generated text (a sentence holding participant text): escaped as a whole. */
export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
}

/** A table: header cells and rows of already escaped cells; `numeric` columns align right. */
export function htmlTable(header: readonly string[], rows: readonly string[][], numeric: (column: number) => boolean = () => false): string {
  const head = header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => (numeric(i) ? `<td class="num">${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`);
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** A count beside a note or theme: its votes, then [RD12] its "me too" voices; nothing when zero. */
export function counts(words: Translator, votes: number, meToo = 0): string {
  const parts = [
    ...(votes > 0 ? [` <span class="votes">${escapeHtml(words.t('report.votes', { count: votes }))}</span>`] : []),
    ...(meToo > 0 ? [` <span class="votes metoo">${escapeHtml(words.t('report.meToo', { count: meToo }))}</span>`] : []),
  ];
  return parts.join('');
}

/** What follows a note's text: its votes and "me too", where it was carried from, who brought it in. */
export function noteMeta(words: Translator, note: ReportNote): string {
  const carried = note.carriedFrom ? ` <span class="meta">${escapeHtml(words.t('report.carriedFrom', { board: note.carriedFrom }))}</span>` : '';
  const source = note.source ? ` <span class="meta">(${escapeHtml(note.source)})</span>` : '';
  return `${counts(words, note.votes, note.meToo)}${carried}${source}`;
}
