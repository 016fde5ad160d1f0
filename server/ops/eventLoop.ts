/**
 * Event-loop delay since the previous read: how long a ready callback waited for the loop, the
 * figure that turns into sluggish sync when it grows.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

export interface LoopDelayFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class EventLoopDelay {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.histogram.enable();
  }

  /** Figures since the previous read (or the start); each read starts a new window. */
  read(): LoopDelayFigures {
    // The histogram's samples include its own sampling interval: an idle loop reads 10 ms.
    const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
    const figures = { p50Ms: ms(this.histogram.percentile(50)), p99Ms: ms(this.histogram.percentile(99)), maxMs: ms(this.histogram.max) };
    this.histogram.reset();
    return figures;
  }

  stop(): void {
    this.histogram.disable();
  }
}
