/** What every scenario is given, and small helpers they share. */
import type { ServerKind } from '../servers';
import type { ScenarioResult } from '../table';

export interface ScenarioContext {
  /** Tiny parameters: checks that the scenario runs, in seconds. */
  smoke: boolean;
  servers: readonly ServerKind[];
  /** Node flags for the servers (e.g. --cpu-prof). */
  serverNodeArgs: string[];
  /** Folder for logs of the child processes. */
  logDir: string;
  log(line: string): void;
  /** Overrides each scenario's measuring time (quick checks while optimising); null: the scenario's own. */
  seconds: number | null;
  /** Results of scenarios already run in this invocation. */
  earlier: ReadonlyMap<string, ScenarioResult>;
}

export interface Scenario {
  name: string;
  summary: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

export const MiB = 1024 * 1024;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The scenario's measuring time: its own for a full or smoke run, unless `--seconds` says otherwise. */
export function durationMs(context: ScenarioContext, full: number, smoke: number): number {
  if (context.seconds !== null) return context.seconds * 1000;
  return context.smoke ? smoke : full;
}

/** A pause for traffic to die down (joins' presence, deliveries in flight): shorter in a smoke run. */
export function pauseMs(context: ScenarioContext): number {
  return context.smoke ? 200 : 1000;
}
