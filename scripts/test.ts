/**
 * `npm test`: the one gate. Runs, in order, the type check, lint (with the import-boundary,
 * circular-import, import-order and no-`.only` rules), the formatting check (Prettier), Vitest
 * (unit, fuzz, integration) and Playwright (e2e), then prints one line
 * `tests: N passed, N failed, N skipped` counting every test plus the type check, lint and
 * formatting as one check each. Every step runs even if an earlier one failed, so one run shows
 * everything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, NO_CHROMIUM_HINT } from './chromium';

const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const check = (ok: boolean) => (ok ? total.passed++ : total.failed++);
const npx = 'npx';

check(run('types', npx, ['tsc', '-p', 'tsconfig.json']));
check(run('lint', 'npm', ['run', '--silent', 'lint']));
// One check: files Prettier would change. `npm run format` rewrites them (after `eslint --fix`,
// whose sorted imports Prettier then lays out).
check(run('formatting', 'npm', ['run', '--silent', 'format:check']));

const vitestFile = join(OUT, 'vitest.json');
const vitestOk = run('unit and integration', npx, ['vitest', 'run'], { VITEST_JSON: vitestFile });
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestFile);
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  total.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
// A runner that failed without reporting a failed test (crash, bad config) still fails the gate.
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) total.failed++;

// Without any browser (another OS with none installed) the e2e step fails once, with what to
// install, instead of once per test.
const chromium = findChromium();
if (chromium) {
  process.stdout.write(`\n=== end-to-end browser (${chromium.source}): ${chromium.path}\n`);
} else {
  process.stdout.write(`\n=== end-to-end: ${NO_CHROMIUM_HINT}\n`);
  check(false);
}
const playwrightFile = join(OUT, 'playwright.json');
const playwrightOk = chromium ? run('end-to-end', npx, ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile }) : true;
const playwright = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(playwrightFile);
if (playwright) {
  total.passed += playwright.stats.expected + playwright.stats.flaky;
  total.failed += playwright.stats.unexpected;
  total.skipped += playwright.stats.skipped;
}
if (!playwrightOk && (!playwright || playwright.stats.unexpected === 0)) total.failed++;

process.stdout.write(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed > 0 ? 1 : 0);
