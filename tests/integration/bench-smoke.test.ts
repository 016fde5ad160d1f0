/**
 * The server benchmarks (`npm run bench`, bench/run.ts) keep running: every scenario, with tiny
 * parameters, against our server and the reference, each in its own process. This checks that
 * each printed its table with both servers' rows and that the real providers converged; the
 * figures themselves are for docs/PERFORMANCE.md, never asserted here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../bench/table';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'clusterboard-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run bench -- --smoke <scenarios>`; resolves with its output and JSON results. */
function bench(name: string, scenarios: string[]): Promise<{ code: number | null; output: string; results: ScenarioResult[] }> {
  const json = join(dir, `${name}.json`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--json', json, ...scenarios], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      let results: ScenarioResult[] = [];
      try {
        results = JSON.parse(readFileSync(json, 'utf8')) as ScenarioResult[];
      } catch {
        // Reported through the exit code and output below.
      }
      resolve({ code, output, results });
    });
  });
}

describe('npm run bench -- --smoke', () => {
  it('runs every scenario against both servers, prints each table and the providers converge', async () => {
    // Two invocations side by side: each scenario mostly waits for processes to start and sockets to open.
    const runs = await Promise.all([bench('a', ['fanout', 'presence', 'storage', 'abuse']), bench('b', ['boards', 'storm', 'adversarial'])]);
    for (const run of runs) expect(run.code, run.output).toBe(0);
    const output = runs.map((r) => r.output).join('\n');
    const results = runs.flatMap((r) => r.results);
    expect(results.map((r) => r.scenario).sort()).toEqual(['abuse', 'adversarial', 'boards', 'fanout', 'presence', 'storage', 'storm']);
    for (const result of results) {
      expect(output, result.scenario).toContain(`### ${result.title}`);
      const servers = result.rows.map((row) => row.server);
      if (result.scenario === 'storage') {
        expect(
          servers.some((s) => s.startsWith('SQLite')),
          output,
        ).toBe(true);
      } else if (result.scenario === 'abuse') {
        // One row per attack, on our server only (the reference has no HTTP API), quiet first.
        expect(servers[0], output).toMatch(/^quiet/);
        expect(servers.length, output).toBe(6);
      } else {
        expect(servers, `${result.scenario}\n${output}`).toEqual(['ours', 'reference']);
        expect(output).toContain('| ours / reference |');
      }
      expect(result.converged, `${result.scenario}\n${output}`).not.toBe(false);
      // Every cell was measured (a dash marks a figure that could not be).
      for (const row of result.rows) expect(row.values.length, result.scenario).toBe(result.columns.length);
    }
  }, 120_000);
});
