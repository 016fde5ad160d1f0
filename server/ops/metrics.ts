/**
 * Prometheus metrics of one server, served at GET /metrics. Every metric lives in this object's
 * own registry, never prom-client's global one: tests run several servers in one process, and
 * each must count only its own sockets and boards.
 *
 * Other subsystems add their metrics here too, named `clusterboard_<subsystem>_<what>`:
 *
 *   const published = metrics.counter('bus_published_total', 'Updates sent to the bus.');
 *   metrics.gauge('bus_connected', 'Whether the bus connection is up (1) or not (0).', () => (bus.up ? 1 : 0));
 *
 * or, for anything else prom-client offers, `new Histogram({ ..., registers: [metrics.registry] })`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EventLoopDelay } from './eventLoop';

export const METRIC_PREFIX = 'clusterboard_';

/** What the running server reports, read on each scrape. */
export interface ServerReadings {
  connections(): number;
  /** Loaded boards (their control and private documents not counted). */
  boardsOpen(): number;
  /** Loaded documents of every kind. */
  documentsOpen(): number;
}

export type PersistOperation = 'append' | 'compact';

export interface MetricsOptions {
  /**
   * prom-client's process metrics (`process_*`, `nodejs_*`, among them `nodejs_eventloop_lag_*`).
   * They describe the whole process and keep a sampler and a GC observer for its lifetime, so
   * only the process's own server turns them on (server/main.ts), not each test server.
   */
  processMetrics?: boolean;
}

export class Metrics {
  readonly registry = new Registry();
  private readings: ServerReadings | null = null;
  private readonly loop = new EventLoopDelay();
  /** Appends handed to storage and not yet durable (read by the gauge, and by a forced shutdown). */
  appendsInFlight = 0;

  private readonly updates: Counter;
  private readonly persistSeconds: Histogram<'operation'>;
  private readonly persistFailures: Counter<'operation'>;

  constructor(options: MetricsOptions = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    this.gauge('connections', 'Open board sockets.', () => this.readings?.connections() ?? 0);
    this.gauge('boards_open', 'Boards loaded in memory.', () => this.readings?.boardsOpen() ?? 0);
    this.gauge(
      'documents_open',
      'Documents loaded in memory: boards, their control and private documents.',
      () => this.readings?.documentsOpen() ?? 0,
    );
    this.updates = this.counter('updates_total', 'Updates applied to any document (edits, from every socket and the API).');
    this.persistSeconds = new Histogram({
      name: `${METRIC_PREFIX}persist_seconds`,
      help: 'Time for storage to make a write durable: an update is broadcast only after its append.',
      labelNames: ['operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.gauge(
      'persist_pending',
      'Appends handed to storage and not yet durable (at most one per document: each writes in order).',
      () => this.appendsInFlight,
    );
    this.persistFailures = this.counter('persist_failures_total', 'Storage writes that failed (the document is closed with 4503).', ['operation']);
    // Every operation's series exists from the start, so a dashboard reads 0, not "no data".
    for (const operation of ['append', 'compact'] as const) {
      this.persistSeconds.zero({ operation });
      this.persistFailures.inc({ operation }, 0);
    }
    this.gauge('event_loop_delay_p99_seconds', '99th percentile of event-loop delay since the previous scrape.', () => this.loop.read().p99Ms / 1000);
  }

  /** A counter named `clusterboard_<name>` in this registry. */
  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name: METRIC_PREFIX + name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge named `clusterboard_<name>`; with `read`, its value is read on each scrape. */
  gauge(name: string, help: string, read?: () => number): Gauge {
    return new Gauge({
      name: METRIC_PREFIX + name,
      help,
      registers: [this.registry],
      ...(read
        ? {
            collect() {
              this.set(read());
            },
          }
        : {}),
    });
  }

  /** Connects the gauges that read the running server. */
  watch(readings: ServerReadings): void {
    this.readings = readings;
  }

  updateApplied(): void {
    this.updates.inc();
  }

  /** Times one storage write; `write` is what the store does. */
  async persist<T>(operation: PersistOperation, write: () => Promise<T>): Promise<T> {
    const done = this.persistSeconds.startTimer({ operation });
    if (operation === 'append') this.appendsInFlight++;
    try {
      const result = await write();
      done();
      return result;
    } catch (error) {
      this.persistFailures.inc({ operation });
      throw error;
    } finally {
      if (operation === 'append') this.appendsInFlight--;
    }
  }

  /** The exposition text, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Stops the event-loop sampler (the server calls it as it closes). */
  close(): void {
    this.loop.stop();
  }
}
