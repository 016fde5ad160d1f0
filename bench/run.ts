/**
 * `npm run bench [-- <scenario>...] [--smoke] [--servers ours,reference] [--cpu-prof] [--seconds N]`: the server
 * benchmarks. Each scenario runs against our server and the reference y-websocket server, each in
 * its own process, with the load generated from other processes, and prints a Markdown table
 * (docs/PERFORMANCE.md keeps the figures). `--smoke` runs tiny parameters in seconds (the tests
 * use it to keep the suite from rotting); `--cpu-prof` writes the servers' CPU profiles to
 * a folder it names; `--seconds` shortens each scenario's measuring time for quick checks. `--json <file>`
 * also writes the results as JSON.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { abuse } from './scenarios/abuse';
import { adversarial } from './scenarios/adversarial';
import type { Scenario } from './scenarios/context';
import { fanout } from './scenarios/fanout';
import { joinStorm } from './scenarios/joinStorm';
import { manyBoards } from './scenarios/manyBoards';
import { presence } from './scenarios/presence';
import { storage } from './scenarios/storage';
import { SERVER_KINDS, type ServerKind } from './servers';
import { suggest } from './suggest';
import { renderTable, type ScenarioResult } from './table';

const SCENARIOS: Scenario[] = [fanout, manyBoards, presence, storage, joinStorm, adversarial, abuse, suggest];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    servers: { type: 'string', default: SERVER_KINDS.join(',') },
    'cpu-prof': { type: 'boolean', default: false },
    seconds: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('npm run bench [-- <scenario>...] [--smoke] [--servers ours,reference] [--cpu-prof] [--seconds N] [--json file]\n');
  for (const s of SCENARIOS) console.log(`  ${s.name.padEnd(12)} ${s.summary}`);
  process.exit(0);
}

const unknown = positionals.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}; there are ${SCENARIOS.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}
const chosen = positionals.length > 0 ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS;
const servers = values.servers.split(',').filter((s): s is ServerKind => (SERVER_KINDS as readonly string[]).includes(s));
const profileDir = join(tmpdir(), 'clusterboard-bench-profiles');
if (values['cpu-prof']) mkdirSync(profileDir, { recursive: true });
const logDir = mkdtempSync(join(tmpdir(), 'clusterboard-bench-logs-'));

async function main(): Promise<void> {
  // Hundreds of providers and sockets, each with its listeners.
  process.setMaxListeners(0);
  const started = Date.now();
  console.log(
    `# Server benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node}${values.smoke ? ' (smoke)' : ''}\n`,
  );
  const results = new Map<string, ScenarioResult>();
  let failed = false;
  for (const scenario of chosen) {
    const scenarioStarted = Date.now();
    try {
      const result = await scenario.run({
        smoke: values.smoke,
        servers,
        serverNodeArgs: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        logDir,
        log: (line) => console.log(`  ${line}`),
        earlier: results,
        seconds: values.seconds === undefined ? null : Number(values.seconds),
      });
      results.set(scenario.name, result);
      console.log(`\n${renderTable(result)}- took ${Math.round((Date.now() - scenarioStarted) / 1000)} s\n`);
    } catch (error) {
      failed = true;
      console.error(`\n${scenario.name} failed:`, error, `\n(logs in ${logDir})\n`);
    }
  }
  console.log(`bench: ${results.size} of ${chosen.length} scenarios in ${Math.round((Date.now() - started) / 1000)} s`);
  if (values['cpu-prof']) console.log(`CPU profiles of the servers: ${profileDir}`);
  if (values.json) writeFileSync(values.json, JSON.stringify([...results.values()], null, 2));
  if (!failed) rmSync(logDir, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

void main();
