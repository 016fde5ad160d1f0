/**
 * Latency histograms that several load processes fill and the coordinator merges: fixed 0.05 ms
 * buckets up to 10 s (exact enough for p99 of a few milliseconds, cheap to record and to send
 * over IPC as sparse pairs), and the exact maximum.
 */

const BUCKET_MS = 0.05;
const BUCKETS = 200_000;

export interface HistogramData {
  /** [bucket index, count] pairs, only the non-empty buckets. */
  buckets: [number, number][];
  count: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const index = Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  merge(data: HistogramData): void {
    for (const [index, count] of data.buckets) this.counts[index] = (this.counts[index] ?? 0) + count;
    this.count += data.count;
    this.max = Math.max(this.max, data.max);
  }

  /** The upper edge of the bucket holding the `p`th percentile (0 when empty). */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, (i + 1) * BUCKET_MS);
    }
    return this.max;
  }

  toJSON(): HistogramData {
    const buckets: [number, number][] = [];
    this.counts.forEach((count, index) => {
      if (count > 0) buckets.push([index, count]);
    });
    return { buckets, count: this.count, max: this.max };
  }

  static from(parts: readonly HistogramData[]): Histogram {
    const histogram = new Histogram();
    for (const part of parts) histogram.merge(part);
    return histogram;
  }
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export function percentiles(histogram: Histogram): Percentiles {
  return {
    p50: histogram.percentile(50),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    max: histogram.max,
    count: histogram.count,
  };
}

/** The `p`th percentile of plain numbers (nearest rank). */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
