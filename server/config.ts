import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_SEAT_LIMITS } from './access/people';
import { CREATE_POLICIES, type CreatePolicy } from './http/quotas';
import type { LogLevel } from './log';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  idleUnloadMs: number;
  /** The address people use to reach this server (behind a proxy or TLS); links are built on it. */
  publicUrl: string | null;
  /** This process's name among several (in every log line); null: pid and hostname tell them apart. */
  instanceId: string | null;
  /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | null;
  /** After SIGTERM, /readyz answers 503 this long before connections are refused. */
  shutdownDrainMs: number;
  /** A shutdown still running after this long is abandoned: the process exits with 1. */
  shutdownTimeoutMs: number;
  /** PostgreSQL instead of the embedded SQLite file (several instances share it). */
  databaseUrl: string | null;
  /** The PostgreSQL schema the tables live in (null: the connection's default, normally public). */
  databaseSchema: string | null;
  /** The update bus between instances; without it this process is the only one serving a board. */
  redisUrl: string | null;
  /** Redis keys start with this: several deployments may share one Redis. */
  redisPrefix: string;
  /** Reverse proxies (nginx) whose X-Forwarded-For names the client, for per-address limits. */
  trustProxy: string[];
  /**
   * With PostgreSQL: bytes of updates each document keeps in memory while the database is away
   * (OUTAGE_BUFFER_MB, or OUTAGE_BUFFER_BYTES for tests).
   */
  outageBufferBytes: number;
  /** [Q4] Who may create and import boards: anyone (open), anyone within quotas (limited), or only with adminToken. */
  createPolicy: CreatePolicy;
  /** ADMIN_TOKEN: with it in `Authorization: Bearer`, board creation is allowed and unmetered. */
  adminToken: string | null;
  /** Boards created or imported per hour, per client address and for the whole instance (policy limited). */
  createsPerAddressPerHour: number;
  createsPerInstancePerHour: number;
  /** Seats (people) one link may create on one board (SEATS_PER_LINK); see server/people.ts. */
  seatsPerLink: number;
  /** Seats people from one address may create on one board (SEATS_PER_ADDRESS); a venue's NAT must fit. */
  seatsPerAddress: number;
  /** [K7-K8, K6] Socket and board limits (SPEC K rules, SECURITY.md "Connections and presence"). */
  connections: ConnectionConfig;
}

export interface ConnectionConfig {
  /** Upgrade headers, login and the client's first message must all be done this soon. */
  handshakeTimeoutMs: number;
  /** A socket that sends nothing, not even a pong, for this long is dropped. */
  idleTimeoutMs: number;
  /** Open sockets from one address (one office NAT may hold a whole workshop). */
  perAddress: number;
  /** Open sockets in this process. */
  total: number;
  /** Boards loaded at once; past it the least recently used board nobody is in is unloaded. */
  boardsLoaded: number;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return parsed;
}

function publicUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://board.example.org; got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('PUBLIC_URL must start with http:// or https://.');
  return url.origin;
}

/** A name for logs and keys: letters, digits, dots, dashes, underscores. */
function shortName(name: string, value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new Error(`${name} must be 1 to 64 letters, digits, dots, dashes or underscores; got "${value}".`);
  return value;
}

function metricsToken(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[\x21-\x7e]{16,256}$/.test(value)) throw new Error('METRICS_TOKEN must be 16 to 256 printable characters without spaces.');
  return value;
}

function secret(name: string, value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[\x21-\x7e]{16,256}$/.test(value)) throw new Error(`${name} must be 16 to 256 printable characters without spaces.`);
  return value;
}

function createPolicy(value: string | undefined, adminToken: string | null): CreatePolicy {
  const policy = (value || 'limited') as CreatePolicy;
  if (!CREATE_POLICIES.includes(policy)) throw new Error(`CREATE_POLICY must be one of ${CREATE_POLICIES.join(', ')}; got "${value}".`);
  if (policy === 'token' && !adminToken) throw new Error('CREATE_POLICY=token needs ADMIN_TOKEN: only a request bearing it may create boards.');
  return policy;
}

function serviceUrl(name: string, value: string | undefined, protocols: string[]): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL such as ${protocols[0]}//host:port; got something else.`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}.`);
  return value;
}

function trustProxy(value: string | undefined): string[] {
  if (!value) return [];
  const addresses = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = addresses.find((address) => isIP(address) === 0);
  if (bad !== undefined) throw new Error(`TRUST_PROXY is a comma-separated list of IP addresses (such as 127.0.0.1); "${bad}" is not one.`);
  return addresses;
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}.`);
  const adminToken = secret('ADMIN_TOKEN', env.ADMIN_TOKEN);
  return {
    port: integer('PORT', env.PORT, 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || 'data'),
    logLevel,
    idleUnloadMs: integer('IDLE_UNLOAD_MS', env.IDLE_UNLOAD_MS, 30_000, 100, 86_400_000),
    publicUrl: publicUrl(env.PUBLIC_URL),
    instanceId: shortName('INSTANCE_ID', env.INSTANCE_ID),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    shutdownDrainMs: integer('SHUTDOWN_DRAIN_MS', env.SHUTDOWN_DRAIN_MS, 0, 0, 600_000),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 20_000, 100, 600_000),
    databaseUrl: serviceUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    databaseSchema: env.DATABASE_SCHEMA || null,
    redisUrl: serviceUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    redisPrefix: shortName('REDIS_PREFIX', env.REDIS_PREFIX) ?? 'v1',
    trustProxy: trustProxy(env.TRUST_PROXY),
    // OUTAGE_BUFFER_BYTES is for tests, which fill a buffer smaller than a megabyte; it wins.
    outageBufferBytes: env.OUTAGE_BUFFER_BYTES
      ? integer('OUTAGE_BUFFER_BYTES', env.OUTAGE_BUFFER_BYTES, 0, 0, 4096 * 1024 * 1024)
      : integer('OUTAGE_BUFFER_MB', env.OUTAGE_BUFFER_MB, 32, 0, 4096) * 1024 * 1024,
    createPolicy: createPolicy(env.CREATE_POLICY, adminToken),
    adminToken,
    createsPerAddressPerHour: integer('CREATE_PER_ADDRESS_PER_HOUR', env.CREATE_PER_ADDRESS_PER_HOUR, 60, 1, 1_000_000),
    createsPerInstancePerHour: integer('CREATE_PER_INSTANCE_PER_HOUR', env.CREATE_PER_INSTANCE_PER_HOUR, 3600, 1, 10_000_000),
    seatsPerLink: integer('SEATS_PER_LINK', env.SEATS_PER_LINK, DEFAULT_SEAT_LIMITS.perLink, 1, 100_000),
    seatsPerAddress: integer('SEATS_PER_ADDRESS', env.SEATS_PER_ADDRESS, DEFAULT_SEAT_LIMITS.perAddress, 1, 100_000),
    connections: {
      handshakeTimeoutMs: integer('HANDSHAKE_TIMEOUT_MS', env.HANDSHAKE_TIMEOUT_MS, 10_000, 100, 600_000),
      idleTimeoutMs: integer('IDLE_TIMEOUT_MS', env.IDLE_TIMEOUT_MS, 60_000, 1000, 3_600_000),
      perAddress: integer('MAX_CONNECTIONS_PER_ADDRESS', env.MAX_CONNECTIONS_PER_ADDRESS, 1000, 1, 1_000_000),
      total: integer('MAX_CONNECTIONS', env.MAX_CONNECTIONS, 10_000, 1, 1_000_000),
      boardsLoaded: integer('MAX_BOARDS_LOADED', env.MAX_BOARDS_LOADED, 2000, 1, 1_000_000),
    },
  };
}
