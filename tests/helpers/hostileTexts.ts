/**
 * Texts a hostile participant writes into a note, a theme, a name, a cluster or a board title,
 * to turn an export into something other than text (SPEC E1 Markdown, E2 CSV, E3 Word). Every
 * format's tests run every one of them through every field.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  // Markdown block syntax at the start of a line [E1].
  '# Injected heading',
  '###### Six deep',
  '1. x',
  '1) x',
  '123456789. long ordered marker',
  '- bullet',
  '* bullet',
  '+ bullet',
  '> quoted',
  '---',
  '***',
  '___',
  '- - -',
  'Title\n===',
  'Title\n---',
  '```\ncode fence\n```',
  '~~~js\nalert(1)\n~~~',
  '    indented code',
  '\tindented with a tab',
  '| a | b |\n|---|---|\n| c | d |',
  '<div onclick="alert(1)">html block</div>',
  '<!-- comment -->',
  '[ref]: https://evil.example "title"',
  'line one\n\n# heading after a blank line\n- and a bullet',
  'ends with a backslash\\',
  // Markdown inline syntax [E1].
  '*emphasis* _emphasis_ **strong** __strong__ ~~strike~~',
  '`code` ``double``',
  '[link](https://evil.example) ![image](https://evil.example/x.png)',
  '<https://evil.example> <mailto:a@b.c>',
  '<img src=x onerror=alert(1)> <script>alert(1)</script>',
  '&amp; &#42; &lt;not a tag&gt;',
  '\\*already escaped\\* \\\\',
  'title with closing hashes ##',
  '[^footnote] and [x][y]',
  // Spreadsheet formulas, at the start and after a separator [E2].
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  'x;=1+1;y',
  'x,=1+1,y',
  'x\t=1+1\ty',
  'x\n=1+1',
  'x\r\n@SUM(A1)',
  'a; "=HYPERLINK(""http://evil.example"")"',
  "=cmd|' /C calc'!A0",
  '＝1+1',
  '"quoted", with, commas',
  // Word fields and XML [E3].
  '{ DDE "cmd" "/c calc" }',
  '{ DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc" }',
  '{ HYPERLINK "https://evil.example" }',
  '<w:fldSimple w:instr="DDE cmd"/><w:r><w:t>x</w:t></w:r>',
  '</w:t></w:r><w:hyperlink r:id="rId1"><w:r><w:t>click</w:t></w:r></w:hyperlink><w:r><w:t>',
  '<![CDATA[x]]> & " \' < >',
  'control \u0000\u0001\u0007\u000B\u000C\u001B\u007F\u0085 characters',
  'lone \uD800 surrogate and \uDC00 another, and \uFFFE\uFFFF',
  'bidi \u202Eevil\u202C and zero\u200Bwidth',
  'emoji 👩🏽‍💻 and accents Łódź, Vilnius, São',
  '',
  '   ',
];

/** Every hostile text, and all of them in one (multi-line, long) text. */
export function hostileTexts(): string[] {
  return [...HOSTILE_TEXTS, HOSTILE_TEXTS.join('\n')];
}
