/**
 * Readiness (GET /readyz): whether this process should be sent traffic now. Each check is a
 * dependency (storage, the update bus) that must answer; liveness (/healthz) never runs them, so a
 * storage outage takes the process out of rotation without getting it restarted.
 */
export interface ReadinessCheck {
  name: string;
  /** Resolves if the dependency answers now; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  /** Each check's name with "ok" or the reason it failed. */
  checks: Record<string, string>;
}

/** A hung dependency reads as not ready, rather than as a probe that never answers. */
export const CHECK_TIMEOUT_MS = 2000;

async function outcome(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      // Via then(): a check that throws instead of rejecting is a failed check, not a failed probe.
      Promise.resolve()
        .then(() => check.check())
        .then(
          () => 'ok',
          (error: unknown) => (error instanceof Error ? error.message : String(error)) || 'failed',
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once. */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const results = await Promise.all(checks.map(async (check) => [check.name, await outcome(check, timeoutMs)] as const));
  return { ready: results.every(([, result]) => result === 'ok'), checks: Object.fromEntries(results) };
}
