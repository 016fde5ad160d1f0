/** Server instances in one process for the multi-instance tests: one PostgreSQL schema, one bus. */
import { type RunningServer, startServer } from '../../server/app';
import type { UpdateBus } from '../../server/bus/bus';
import { createLogger } from '../../server/log';
import { PostgresStore } from '../../server/storage/postgres';
import type { Defer } from './support';

export interface Instance {
  server: RunningServer;
  store: PostgresStore;
  bus: UpdateBus;
}

export async function instance(
  defer: Defer,
  options: { url: string; schema: string; bus: UpdateBus; outageBufferBytes?: number },
): Promise<Instance> {
  const store = await PostgresStore.open(options.url, { schema: options.schema });
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store,
    log: createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
    clientDir: '/nonexistent-clusterboard-client',
    bus: options.bus,
    outageBufferBytes: options.outageBufferBytes ?? 32 * 1024 * 1024,
    heartbeatMs: 60_000,
  });
  defer(() => server.close());
  return { server, store, bus: options.bus };
}
