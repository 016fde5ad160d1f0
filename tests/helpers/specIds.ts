/**
 * Rule ids of docs/SPEC.md and docs/UX.md, and the test names that cite them (TH1).
 *
 * A rule is defined by a list item or heading that starts with its id in bold (`- **P3** ...`);
 * an id is one to three capitals and a number. A test cites rules in its name, in brackets at any
 * place: `[P3]`, `[AT1, AT3]`, `[SE4][M5]`. Names are read with the TypeScript parser, so a
 * citation counts only in the title of an `it`/`test`/`describe` call (with `.each(...)`,
 * `.skipIf(...)`, `test.describe` and the like), never in a comment or an ordinary string.
 */
import ts from 'typescript';

export interface Definition {
  id: string;
  file: string;
  line: number;
}

export interface Citation {
  id: string;
  file: string;
  line: number;
  title: string;
}

const ID = '[A-Z]{1,3}[0-9]+';
const DEFINITION = new RegExp(`^\\s*(?:[-*+]|#{1,6})\\s+\\*\\*(${ID})\\*\\*`);
const CITATION_GROUP = new RegExp(`\\[(${ID}(?:\\s*,\\s*${ID})*)\\]`, 'g');
const TEST_FUNCTIONS = new Set(['it', 'test', 'describe']);

export function definedIds(markdown: string, file: string): Definition[] {
  const found: Definition[] = [];
  markdown.split('\n').forEach((text, index) => {
    const id = DEFINITION.exec(text)?.[1];
    if (id !== undefined) found.push({ id, file, line: index + 1 });
  });
  return found;
}

/** The ids a test title cites: `[P5, P6] ...` cites P5 and P6. */
export function idsInTitle(title: string): string[] {
  const ids: string[] = [];
  for (const match of title.matchAll(CITATION_GROUP)) ids.push(...(match[1] ?? '').split(/\s*,\s*/));
  return ids;
}

/** True for `it`, `test.describe`, `it.each(rows)`, `describe.skipIf(x)` and so on. */
function isTestFunction(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return TEST_FUNCTIONS.has(callee.text);
  if (ts.isPropertyAccessExpression(callee)) return isTestFunction(callee.expression);
  if (ts.isCallExpression(callee)) return isTestFunction(callee.expression);
  return false;
}

/** The literal text of a title; a template's `${...}` parts are left out. */
function titleText(node: ts.Expression | undefined): string | null {
  if (node === undefined) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return null;
}

export function citedIds(source: string, file: string): Citation[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Citation[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isTestFunction(node.expression)) {
      const title = titleText(node.arguments[0]);
      if (title !== null) {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        for (const id of idsInTitle(title)) found.push({ id, file, line, title });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** One sentence per problem: an id defined twice, a rule no test cites, a test citing no rule. */
export function specProblems(definitions: Definition[], citations: Citation[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Definition[]>();
  for (const definition of definitions) byId.set(definition.id, [...(byId.get(definition.id) ?? []), definition]);
  const cited = new Set(citations.map((citation) => citation.id));
  for (const [id, places] of byId) {
    if (places.length > 1) problems.push(`${id} is defined ${places.length} times: ${places.map((p) => `${p.file}:${p.line}`).join(', ')}`);
    if (!cited.has(id)) problems.push(`${id} (${places[0]?.file}:${places[0]?.line}) is cited by no test name`);
  }
  for (const citation of citations) {
    if (!byId.has(citation.id)) problems.push(`${citation.file}:${citation.line} cites ${citation.id}, which no rule defines`);
  }
  return problems;
}
