/** The checks `npm test` runs besides the tests: lint rules for tests and imports, and Prettier (TH2). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function ruleIds(source: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('lint and formatting', () => {
  it('[TH2] lint refuses a focused test and imports out of order, and accepts them sorted', async () => {
    const focused = ["import { describe, it } from 'vitest';", '', "describe.only('a', () => it('b', () => undefined));", ''].join('\n');
    expect(await ruleIds(focused, 'tests/unit/focused.test.ts')).toEqual(['no-only-tests/no-only-tests']);

    const unsorted = [
      "import { b } from './b';",
      "import { join } from 'node:path';",
      "import * as Y from 'yjs';",
      '',
      'export const all = [b, join, Y];',
      '',
    ];
    expect(await ruleIds(unsorted.join('\n'), 'server/sample.ts')).toEqual(['simple-import-sort/imports']);
    const sorted = [unsorted[1], unsorted[2], unsorted[0], ...unsorted.slice(3)];
    expect(await ruleIds(sorted.join('\n'), 'server/sample.ts')).toEqual([]);
  }, 60_000);

  it('lint keeps Yjs and the mutations out of React components (client/**/*.tsx), and server code out of all of client/', async () => {
    const component = (line: string) => [line, '', 'export const used = [x];', ''].join('\n');
    const yjs = component("import * as x from 'yjs';");
    expect(await ruleIds(yjs, 'client/board/Sample.tsx')).toEqual(['no-restricted-imports']);
    expect(await ruleIds(yjs, 'client/board/sample.ts')).toEqual([]);
    expect(await ruleIds(component("import { WebsocketProvider as x } from 'y-websocket';"), 'client/board/Sample.tsx')).toEqual([
      'no-restricted-imports',
    ]);
    const mutation = component("import { addNote as x } from '../../shared/model/mutations/notes';");
    expect(await ruleIds(mutation, 'client/board/Sample.tsx')).toEqual(['no-restricted-imports']);
    expect(await ruleIds(component("import { x } from '../../server/app';"), 'client/board/Sample.tsx')).toEqual(['no-restricted-imports']);
    expect(await ruleIds(component("import { x } from '../../shared/view/boardView';"), 'client/board/Sample.tsx')).toEqual([]);
  }, 60_000);

  it("[TH2] Prettier's settings keep this repository's style: single quotes, trailing commas, lines up to 150", async () => {
    const options = { ...(await prettier.resolveConfig(`${root}/shared/sample.ts`)), filepath: `${root}/shared/sample.ts` };
    const long = `export const words = ['${'a'.repeat(60)}', '${'b'.repeat(60)}'];\n`;
    expect(long.length).toBeGreaterThan(120);
    expect(await prettier.format(long, options)).toBe(long);
    expect(await prettier.format('export const x = {a: "1", b: [1,2]}\n', options)).toBe("export const x = { a: '1', b: [1, 2] };\n");
    const tooLong = `export const words = ['${'a'.repeat(80)}', '${'b'.repeat(80)}'];\n`;
    expect(await prettier.format(tooLong, options)).toBe(`export const words = [\n  '${'a'.repeat(80)}',\n  '${'b'.repeat(80)}',\n];\n`);
    // Golden files and the docs are left as they are.
    const ignored = readFileSync(`${root}/.prettierignore`, 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['tests/unit/golden/', '*.md']));
  });
});
