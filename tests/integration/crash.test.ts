/** The server killed with SIGKILL in the middle of an edit storm (SPEC D7); the harness is tests/helpers/crash.ts. */
import { describe, expect, it } from 'vitest';
import { runCrashRounds } from '../helpers/crash';
import { randomSeed } from '../helpers/random';

describe('crash durability', () => {
  it('[D7] a server killed with SIGKILL 5 times during a 50-client edit storm loses nothing any client has seen, and every client converges', async () => {
    const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomSeed();
    // Printed up front, so a run that times out still names its seed.
    console.log(`[D7] crash seed ${seed} (CRASH_SEED=${seed} repeats its choices)`);
    const lines: string[] = [];
    const report = await runCrashRounds({ rounds: 5, clients: 50, seed, log: (line) => lines.push(line) });
    console.log(lines.join('\n'));

    expect(report.problems, `seed ${seed}`).toEqual([]);
    // The storm did work: every round ended in a kill, clients wrote and received notes between kills.
    expect(report.kills).toHaveLength(5);
    expect(report.edits.add).toBeGreaterThan(50);
    expect(report.edits.edit + report.edits.move + report.edits.delete).toBeGreaterThan(50);
    expect(report.kills.filter((kill) => kill.notesReceived > 0).length).toBeGreaterThanOrEqual(3);
    expect(report.notesAtEnd).toBeGreaterThan(0);
  }, 120_000);
});
