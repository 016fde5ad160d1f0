/**
 * The order in which a server stops (SIGTERM, or a test's close()), each phase logged as it
 * begins, so an operator reading the logs of a stuck shutdown sees where it stuck:
 *
 *  1. not ready       /readyz answers 503 at once; the process keeps serving for the drain time,
 *                     so a load balancer stops sending new people here before anyone is refused.
 *  2. stop accepting  the listener closes; an upgrade on a kept-alive connection gets 503.
 *  3. close sockets   every board socket closes with 4503 "Server restarting": providers retry
 *                     later (on another instance, or on this one once it is back).
 *  4. flush boards    every loaded document stores what is pending and is compacted.
 *  5. close storage
 */
import type { Logger } from '../log';

export const SHUTDOWN_PHASES = ['not ready', 'stop accepting', 'close sockets', 'flush boards', 'close storage'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

export type ShutdownState = { kind: 'serving' } | { kind: 'stopping'; phase: ShutdownPhase } | { kind: 'stopped' };

export class Shutdown {
  private state: ShutdownState = { kind: 'serving' };
  private running: Promise<void> | null = null;

  constructor(private readonly log: Logger) {}

  get current(): ShutdownState {
    return this.state;
  }

  /** False from the moment shutdown begins: /readyz answers 503. */
  get ready(): boolean {
    return this.state.kind === 'serving';
  }

  /** Whether new connections and upgrades are still taken (true while draining). */
  get accepting(): boolean {
    switch (this.state.kind) {
      case 'serving':
        return true;
      case 'stopping':
        return this.state.phase === 'not ready';
      case 'stopped':
        return false;
    }
  }

  /** Runs every phase in order, once: later calls get the first call's promise. */
  run(steps: Record<ShutdownPhase, () => void | Promise<void>>): Promise<void> {
    this.running ??= (async () => {
      const started = Date.now();
      for (const phase of SHUTDOWN_PHASES) {
        this.state = { kind: 'stopping', phase };
        this.log.info('shutdown phase', { phase, elapsedMs: Date.now() - started });
        await steps[phase]();
      }
      this.state = { kind: 'stopped' };
      this.log.info('shutdown complete', { elapsedMs: Date.now() - started });
    })();
    return this.running;
  }
}
