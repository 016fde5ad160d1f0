/** The suggestion benchmark keeps running (its figures live in docs/PERFORMANCE.md, not here). */
import { describe, expect, it } from 'vitest';
import { generatedBoard, suggest } from '../../bench/suggest';

describe('npm run bench -- suggest --smoke', () => {
  it('[SG3] [SG4] indexes a generated board in the seven languages and measures every column', async () => {
    const lines: string[] = [];
    const result = await suggest.run({
      smoke: true,
      servers: [],
      serverNodeArgs: [],
      logDir: '',
      log: (line) => lines.push(line),
      seconds: null,
      earlier: new Map(),
    });
    expect(result.rows).toHaveLength(1);
    for (const value of result.rows[0]?.values ?? []) expect(typeof value === 'number' && Number.isFinite(value), String(value)).toBe(true);
    expect(result.rows[0]?.values).toHaveLength(result.columns.length);
    expect(lines.join('\n')).toMatch(/indexed 300 notes/);
    // The generated board is the same each time, so runs compare.
    expect(generatedBoard(50)).toEqual(generatedBoard(50));
  });
});
