/**
 * [RG8] The printable report's stylesheet. On paper: A4 with 18 mm margins, page numbers in the
 * footer (the page adds the translated words), each main section on a new page, and no break
 * inside a note, a call-out, a table row or a chart. On screen: a sheet on a grey desk, or the
 * full width of a phone.
 */
export const PRINT_STYLES = `
@page { size: A4; margin: 18mm 18mm 20mm; }
@page { @bottom-center { font: 9pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; } }
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
h4 { font-size: 10.5pt; margin: 10pt 0 4pt; overflow-wrap: anywhere; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, li, blockquote { overflow-wrap: anywhere; }
ul { margin: 0 0 8pt; padding-left: 16pt; }
li { margin: 2pt 0; }
.note, .callout, .tandem, tr, figure, blockquote { break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0 0 6pt; padding: 2pt 0 2pt 9pt; border-left: 2pt solid #9aa3ad; color: #333; font-style: italic; }
.lead { color: #333; }
.hint { margin-top: 12pt; padding: 6pt 9pt; background: #fff7e0; border: 1px solid #f2b134; border-radius: 4px; }
.votes, .meta { color: #555; font-size: 9pt; }
.empty { color: #555; font-style: italic; }
.callout {
  margin: 6pt 0; padding: 7pt 10pt; background: #e8f3ec; border-left: 4pt solid #2a8a52; border-radius: 2pt;
}
.callout p { margin: 0; }
.callout-from { font-size: 8.5pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.03em; color: #1d5e38; margin-bottom: 3pt !important; }
.tandem { margin: 0 0 10pt; padding: 6pt 0; border-bottom: 1px solid #ddd; }
.tandem p { margin: 0 0 3pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 6pt; font-size: 9.5pt; }
th, td { border: 1px solid #c9ced4; padding: 3pt 5pt; text-align: left; }
thead th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 14pt 0 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
section { margin-top: 18pt; }
@media screen and (max-width: 640px) {
  main { margin: 0; padding: 16px; box-shadow: none; }
  body { background: #fff; }
  table { display: block; overflow-x: auto; }
}
@media print {
  body { background: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .screen-only { display: none; }
  section { margin-top: 0; }
  section.main { break-before: page; page-break-before: always; }
  .title + section { margin-top: 14pt; }
}
`;
