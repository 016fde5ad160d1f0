/**
 * [RG8] The printable report's stylesheet. On paper: A4 with 18 mm margins, page numbers in the
 * footer ("2 / 9": no words, so the sheet is the same in every language), each main section on a
 * new page (the cover, the contents, each chapter and each dimension after the first, as in the
 * Word report), and no break inside a note, a call-out, a table row or a chart. On screen: a sheet
 * on a grey desk, or the full width of a phone.
 *
 * The same text in every report, on purpose: the app's content security policy allows this one
 * inline sheet by its hash (server/http/headers.ts), which is what lets the page opened from the
 * board (a blob URL, which inherits the app's policy) be styled at all.
 */
export const PRINT_STYLES = `
@page { size: A4; margin: 18mm 18mm 20mm; }
@page {
  @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #e9ecef; color: #1b1b1b;
  font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
}
main { max-width: 210mm; margin: 24px auto; padding: 18mm; background: #fff; box-shadow: 0 1px 6px rgb(0 0 0 / 0.18); }
h1 { font-size: 22pt; line-height: 1.2; margin: 0 0 8pt; overflow-wrap: anywhere; }
h2 { font-size: 15pt; margin: 0 0 10pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #1a1446; overflow-wrap: anywhere; }
h3 { font-size: 12pt; margin: 14pt 0 6pt; color: #1a1446; }
h4 { font-size: 10pt; margin: 12pt 0 4pt; text-transform: uppercase; letter-spacing: 0.03em; color: #404040; }
h5 { font-size: 10.5pt; margin: 10pt 0 4pt; overflow-wrap: anywhere; }
h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
p, li, blockquote { overflow-wrap: anywhere; }
/* break-word, not anywhere: a cell's longest word still sets its column's least width. */
td, th { overflow-wrap: break-word; }
ul, ol { margin: 0 0 8pt; padding-left: 16pt; }
.cover { text-align: center; }
.cover h1 { font-size: 26pt; color: #1a1446; }
.cover .subtitle { font-style: italic; font-size: 13pt; margin: 4pt 0 0; }
.cover .deliverable { font-size: 15pt; margin: 12pt 0 24pt; }
.cover table.fields { width: auto; margin: 24pt auto; text-align: left; }
.cover .funding { font-style: italic; margin-top: 30pt; text-align: left; }
table.fields th { background: #eef0f3; width: 34%; }
.profile { break-inside: avoid; page-break-inside: avoid; }
.contents ul { list-style: none; padding-left: 0; }
.contents ul ul { padding-left: 16pt; margin: 0; }
.contents li { margin: 3pt 0; }
.contents a { color: #1a1446; text-decoration: none; }
.contents a:hover { text-decoration: underline; }
.narrative { margin: 0 0 8pt; }
.caption { font-weight: bold; margin: 10pt 0 4pt; }
.matches em { color: #444; }
.annex th:first-child { width: 60%; }
.annex th:nth-child(2) { width: 20%; }
li { margin: 2pt 0; }
.note, .callout, tr, figure, blockquote { break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0 0 6pt; padding: 2pt 0 2pt 9pt; border-left: 2pt solid #9aa3ad; color: #333; font-style: italic; }
.hint { margin: 0 0 24pt; text-align: left; padding: 6pt 9pt; background: #fff7e0; border: 1px solid #f2b134; border-radius: 4px; }
.votes, .meta { color: #555; font-size: 9pt; }
.empty { color: #555; font-style: italic; }
.callout {
  margin: 6pt 0; padding: 7pt 10pt; background: #e8f3ec; border-left: 4pt solid #2a8a52; border-radius: 2pt;
}
.callout p { margin: 0; }
.callout-from { font-size: 8.5pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.03em; color: #1d5e38; margin-bottom: 3pt !important; }
table { border-collapse: collapse; width: 100%; margin: 0 0 6pt; font-size: 9.5pt; }
th, td { border: 1px solid #c9ced4; padding: 3pt 5pt; text-align: left; }
thead th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 14pt 0 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
section, nav { margin-top: 18pt; }
section.dimension { margin-top: 22pt; }
@media screen and (max-width: 640px) {
  main { margin: 0; padding: 16px; box-shadow: none; }
  body { background: #fff; }
  table { display: block; overflow-x: auto; }
}
@media print {
  body { background: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .screen-only { display: none; }
  section, nav { margin-top: 0; }
  .cover { padding-top: 30mm; break-after: page; page-break-after: always; }
  nav.contents, section.main { break-before: page; page-break-before: always; }
  section.dimension + section.dimension { break-before: page; page-break-before: always; }
}
`;
