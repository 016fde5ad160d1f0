/** The coordinator's handle on its load-generating processes (bench/load/worker.ts). */
import { join } from 'node:path';
import { Child } from '../ipc';

export class LoadPool {
  private constructor(readonly workers: Child[]) {}

  static async start(count: number, logDir: string): Promise<LoadPool> {
    const workers = Array.from({ length: count }, (_, i) => Child.start(`load ${i}`, 'bench/load/worker.ts', {}, join(logDir, `load-${i}.log`)));
    await Promise.all(workers.map((w) => w.ready));
    return new LoadPool(workers);
  }

  /** Calls `command` on every worker, with `args(index)`. */
  all<T>(command: string, args: (index: number) => unknown = () => null): Promise<T[]> {
    return Promise.all(this.workers.map((worker, i) => worker.call<T>(command, args(i))));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
