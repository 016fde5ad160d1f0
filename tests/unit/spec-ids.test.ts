/** Rule ids: each defined once in docs/SPEC.md or docs/UX.md and cited by a test name (TH1). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { citedIds, definedIds, idsInTitle, specProblems } from '../helpers/specIds';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE_FILES = ['docs/SPEC.md', 'docs/UX.md'];

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testSources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the rule-id checker', () => {
  it('[TH1] reads definitions from list items and headings that start with a bold id, not from ids mentioned in prose', () => {
    const markdown = [
      '# Rules',
      '- **P3** A viewer is read-only (see P2 and **P9** there).',
      '  - **AT12** Nested items count too.',
      '### **SE4** A heading counts.',
      'The **K6** in a sentence is a reference.',
      '| **Z9** | a table cell is not a rule |',
    ].join('\n');
    expect(definedIds(markdown, 'R.md')).toEqual([
      { id: 'P3', file: 'R.md', line: 2 },
      { id: 'AT12', file: 'R.md', line: 3 },
      { id: 'SE4', file: 'R.md', line: 4 },
    ]);
  });

  it('[TH1] reads citations from the titles of it, test and describe calls, in any form, and nowhere else', () => {
    const source = [
      '// [C9] a comment cites nothing',
      "const note = '[Q9] an ordinary string cites nothing';",
      "describe('[AT4] a describe title', () => {",
      "  it('[P5, P6] a list of two', () => {});",
      "  test.describe('[SE4][M5] two groups', () => {});",
      "  it.each([1, 2])('[V1] a table row %i', () => {});",
      "  it.skipIf(false)(`[N5] a template ${'with a part'}`, () => {});",
      '  test(',
      "    '[PS12] a title on its own line',",
      '    () => {},',
      '  );',
      "  it('no citation [T0 - YEAR] here', () => {});",
      '});',
    ].join('\n');
    expect(citedIds(source, 'x.test.ts').map(({ id, line }) => `${id}@${line}`)).toEqual([
      'AT4@3',
      'P5@4',
      'P6@4',
      'SE4@5',
      'M5@5',
      'V1@6',
      'N5@7',
      'PS12@8',
    ]);
    expect(idsInTitle('[K1, K2] and later [Z2]')).toEqual(['K1', 'K2', 'Z2']);
  });

  it('[TH1] names an id defined twice, a rule no test cites and a citation of a rule that does not exist', () => {
    const definitions = definedIds('- **M1** one\n- **M1** two\n- **D5** three\n- **P1** four', 'SPEC.md');
    const citations = citedIds("it('[M1] x', () => {}); it('[P1, X7] y', () => {});", 'a.test.ts');
    expect(specProblems(definitions, citations)).toEqual([
      'M1 is defined 2 times: SPEC.md:1, SPEC.md:2',
      'D5 (SPEC.md:3) is cited by no test name',
      'a.test.ts:1 cites X7, which no rule defines',
    ]);
    expect(specProblems([definitions[0]!, definitions[3]!], citations.slice(0, 2))).toEqual([]);
  });
});

describe('the rules of this repository', () => {
  it('[TH1] every rule id of docs/SPEC.md and docs/UX.md is defined once and cited by a test name, and every cited id is a rule', () => {
    const definitions = RULE_FILES.filter((file) => existsSync(join(root, file))).flatMap((file) =>
      definedIds(readFileSync(join(root, file), 'utf8'), file),
    );
    const citations = testSources(join(root, 'tests')).flatMap((path) => citedIds(readFileSync(path, 'utf8'), relative(root, path)));
    // The checker did work: SPEC.md alone defines well over a hundred rules.
    expect(definitions.length).toBeGreaterThan(100);
    expect(citations.length).toBeGreaterThan(definitions.length);
    expect(specProblems(definitions, citations)).toEqual([]);
  });
});
