/**
 * `npm run fuzz -- --frames 100000 [--seed N] [--concurrency N]`: the WebSocket fuzzer (SPEC Z1,
 * tests/helpers/fuzz.ts) against the real server in this process. Prints the seed first (rerun
 * with `--seed` to replay the same sockets and frames), then how sockets ended, every failed check
 * and one summary line. Exits non-zero if any check failed.
 *
 * `npm run fuzz -- --exports 5000 [--seed N]`: the property test of views, reports and exports
 * over hostile boards (SPEC E7, tests/helpers/exportChecks.ts) with that many boards instead.
 */
import fc from 'fast-check';
import { checkHostileBoard } from '../tests/helpers/exportChecks';
import { closesTable, runFuzz, summaryLine } from '../tests/helpers/fuzz';
import { hostileBoardArb } from '../tests/helpers/hostileBoards';
import { randomSeed } from '../tests/helpers/random';

function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number.`);
    process.exit(2);
  }
  return value;
}

const seed = option('seed') ?? randomSeed();

const exportRuns = option('exports');
if (exportRuns !== undefined) {
  console.log(`fuzz exports: seed ${seed} (replay with --exports ${exportRuns} --seed ${seed}), ${exportRuns} boards`);
  const started = Date.now();
  let largest = 0;
  const result = await fc.check(
    fc.asyncProperty(hostileBoardArb, async (board) => {
      largest = Math.max(largest, (await checkHostileBoard(board)).records);
    }),
    { seed, numRuns: exportRuns },
  );
  if (result.failed) {
    console.log(`FAILED after ${result.numRuns} boards: ${String(result.errorInstance)}`);
    console.log(`counterexample: ${fc.stringify(result.counterexample)}`);
    console.log(`replay: --exports ${exportRuns} --seed ${seed} (path ${result.counterexamplePath ?? ''})`);
    process.exit(1);
  }
  console.log(
    `fuzz exports: ${result.numRuns} boards (up to ${largest} records) in ${((Date.now() - started) / 1000).toFixed(1)} s, every check held`,
  );
  process.exit(0);
}

const frames = option('frames') ?? 100_000;
const concurrency = option('concurrency');
console.log(`fuzz: seed ${seed} (replay with --seed ${seed}), ${frames} frames`);

const report = await runFuzz({
  frames,
  seed,
  ...(concurrency === undefined ? {} : { concurrency }),
  log: (line) => console.log(`fuzz: ${line}`),
});
console.log(`\n${closesTable(report)}\n`);
const kinds = Object.entries(report.framesByKind).sort(([, a], [, b]) => b - a);
console.log(`frames by kind: ${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
console.log(
  `memory: RSS ${report.memory.rssStartMb} MB at start, ${report.memory.rssBaselineMb} MB after warm-up, ${report.memory.rssEndMb} MB at the end (forced GC)`,
);
for (const failure of report.failures) console.log(`FAILED: ${failure}`);
console.log(summaryLine(report));
process.exit(report.failures.length === 0 ? 0 : 1);
