/**
 * Latency without clock skew: a writer puts a unique marker (`~bm` and nine digits) into each
 * edit, and observers in the same process find markers in the raw frames they receive
 * (Buffer.indexOf, no decoding) and record arrival minus send time.
 */
import { performance } from 'node:perf_hooks';
import { Histogram } from '../stats';

const PREFIX = Buffer.from('~bm');
const DIGITS = 9;

export class Markers {
  private readonly sentAt = new Map<number, number>();
  private nextId: number;
  readonly latency = new Histogram();
  /** Markers seen by observers, from any process's writers: (updates x observers) delivered. */
  delivered = 0;
  /** How many times this process's markers arrived, per marker (each observer counts once). */
  sent = 0;

  /** `base` keeps ids of several load processes apart. */
  constructor(base: number) {
    this.nextId = base;
  }

  /** A fresh marker, stamped now. */
  next(): string {
    const id = this.nextId++;
    this.sent++;
    this.sentAt.set(id, performance.now());
    return `~bm${String(id).padStart(DIGITS, '0')}`;
  }

  /** Records every marker in `frame`. */
  scan(frame: Buffer): void {
    const now = performance.now();
    let at = frame.indexOf(PREFIX);
    while (at >= 0) {
      let id = 0;
      for (let i = at + PREFIX.length; i < at + PREFIX.length + DIGITS; i++) id = id * 10 + ((frame[i] ?? 48) - 48);
      this.delivered++;
      const sent = this.sentAt.get(id);
      if (sent !== undefined) this.latency.record(now - sent);
      at = frame.indexOf(PREFIX, at + PREFIX.length + DIGITS);
    }
  }
}
