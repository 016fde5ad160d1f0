/**
 * `npm run test:crash [-- --rounds 20 --clients 50 --seed 123 --edit-every 1000]`: the D7 crash
 * storm (tests/helpers/crash.ts) at full length. Exits 1 if anything seen was lost or clients
 * did not converge.
 */
import { parseArgs } from 'node:util';
import { runCrashRounds } from '../tests/helpers/crash';
import { randomSeed } from '../tests/helpers/random';

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    process.stderr.write(`--${name} must be a whole number; got "${value}".\n`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    clients: { type: 'string' },
    seed: { type: 'string' },
    'edit-every': { type: 'string' },
  },
});

const report = await runCrashRounds({
  rounds: whole('rounds', values.rounds, 20),
  clients: whole('clients', values.clients, 50),
  seed: whole('seed', values.seed ?? process.env.CRASH_SEED, randomSeed()),
  editEveryMs: whole('edit-every', values['edit-every'], 1000),
  log: (line) => process.stdout.write(`${line}\n`),
});
process.exit(report.problems.length === 0 ? 0 : 1);
