/**
 * Quotas for work anyone can ask for without a link (Q4, Q5): creating and importing boards, and
 * the budget of heavy reads (notes list, exports) per client (Q3). Token buckets per client
 * address (http/clientAddress.ts, so TRUST_PROXY applies) and, for board creation, one for the
 * whole instance. A refusal is a 429 with a sentence and Retry-After.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorCode, ErrorValues } from '../../shared/errors';
import { clientAddress, quotaKey } from './clientAddress';
import { HttpError } from './respond';

/** open: anyone may create boards, unmetered; limited: anyone, within quotas; token: only with ADMIN_TOKEN. */
export const CREATE_POLICIES = ['open', 'limited', 'token'] as const;
export type CreatePolicy = (typeof CREATE_POLICIES)[number];

export interface QuotaSettings {
  createPolicy: CreatePolicy;
  /** With it in `Authorization: Bearer`, creation is allowed under every policy and unmetered. */
  adminToken: string | null;
  /** Boards created or imported per client address: sustained per hour, and at once. */
  createsPerAddressPerHour: number;
  createBurstPerAddress: number;
  /** The same for the whole instance, whoever asks (a flood from many addresses fills one disk). */
  createsPerInstancePerHour: number;
  createBurstPerInstance: number;
  /**
   * Heavy reads per client address, counted in notes read: a computed notes list or export costs
   * the board's notes plus 100, an answer from the cache 10.
   */
  readNotesPerSecond: number;
  readNotesBurst: number;
}

export const DEFAULT_QUOTAS: QuotaSettings = {
  createPolicy: 'limited',
  adminToken: null,
  // A facilitator preparing a day of breakout boards needs a dozen; an office NAT a few dozen.
  createsPerAddressPerHour: 60,
  createBurstPerAddress: 20,
  createsPerInstancePerHour: 3600,
  createBurstPerInstance: 200,
  // About a fifth of one core for one address that keeps changing a 10,000-note board and exporting it.
  readNotesPerSecond: 2000,
  readNotesBurst: 40_000,
};

/** A 429: the client may try again after `retryAfterSeconds`. */
/** A 429: its sentence says when to try again (`wait`, in whole seconds, written as digits). */
export class RateLimitedError extends HttpError {
  constructor(
    code: ErrorCode,
    values: ErrorValues,
    readonly retryAfterSeconds: number,
  ) {
    super(429, { code, values: { ...values, wait: retryAfterSeconds, waitText: String(retryAfterSeconds) } });
  }
}

/** A token bucket that can say how long until `amount` fits. */
class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /** Seconds until `amount` fits (0: it fits now). A cost above the capacity waits for a full bucket. */
  wait(amount: number, now: number): number {
    this.refill(now);
    const needed = Math.min(amount, this.capacity) - this.tokens;
    return needed <= 0 ? 0 : this.perSecond > 0 ? Math.ceil(needed / this.perSecond) : 3600;
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.tokens -= Math.min(amount, this.capacity);
  }

  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}

/** Buckets by key, forgetting full ones once there are many (addresses come and go). */
class Buckets {
  private readonly byKey = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {}

  get(key: string, now: number): Bucket {
    let bucket = this.byKey.get(key);
    if (!bucket) {
      if (this.byKey.size >= 10_000) {
        for (const [k, b] of this.byKey) if (b.full(now)) this.byKey.delete(k);
      }
      bucket = new Bucket(this.perSecond, this.capacity, now);
      this.byKey.set(key, bucket);
    }
    return bucket;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class Quotas {
  private readonly createsByAddress: Buckets;
  private readonly createsOnInstance: Bucket;
  private readonly readsByAddress: Buckets;

  constructor(
    readonly settings: QuotaSettings,
    private readonly trustedProxies: ReadonlySet<string>,
    private readonly clock: () => number = Date.now,
  ) {
    const now = clock();
    this.createsByAddress = new Buckets(settings.createsPerAddressPerHour / 3600, settings.createBurstPerAddress);
    this.createsOnInstance = new Bucket(settings.createsPerInstancePerHour / 3600, settings.createBurstPerInstance, now);
    this.readsByAddress = new Buckets(settings.readNotesPerSecond, settings.readNotesBurst);
  }

  private key(req: IncomingMessage): string {
    return quotaKey(clientAddress(req, this.trustedProxies));
  }

  private isAdmin(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
    return this.settings.adminToken !== null && token !== null && sameSecret(token, this.settings.adminToken);
  }

  /**
   * [Q4, Q5] Admits one board creation or import (`what`: "create" or "import" boards), or throws
   * 401/403 (token policy) or 429 (past a quota). Counts it when admitted.
   */
  admitCreate(req: IncomingMessage, what: 'create' | 'import'): void {
    if (this.isAdmin(req)) return;
    const { createPolicy } = this.settings;
    switch (createPolicy) {
      case 'open':
        return;
      case 'token':
        if (!req.headers.authorization) throw new HttpError(401, { code: 'admin.tokenNeeded', values: { action: what } });
        throw new HttpError(403, { code: 'admin.tokenWrong', values: { action: what } });
      case 'limited':
        break;
    }
    const now = this.clock();
    const mine = this.createsByAddress.get(this.key(req), now);
    const mineWait = mine.wait(1, now);
    if (mineWait > 0) {
      throw new RateLimitedError(
        'quota.createsFromAddress',
        {
          burst: this.settings.createBurstPerAddress,
          burstText: String(this.settings.createBurstPerAddress),
          perHour: String(this.settings.createsPerAddressPerHour),
        },
        mineWait,
      );
    }
    const allWait = this.createsOnInstance.wait(1, now);
    if (allWait > 0) {
      throw new RateLimitedError('quota.createsOnServer', { perHour: String(this.settings.createsPerInstancePerHour) }, allWait);
    }
    mine.take(1, now);
    this.createsOnInstance.take(1, now);
  }

  /** [Q5] A CSV import into a board: metered like creation under the limited policy, whatever the token. */
  admitImportRows(req: IncomingMessage): void {
    if (this.settings.createPolicy !== 'limited' || this.isAdmin(req)) return;
    const now = this.clock();
    const mine = this.createsByAddress.get(this.key(req), now);
    const wait = mine.wait(1, now);
    if (wait > 0) {
      throw new RateLimitedError('quota.importsFromAddress', { perHour: String(this.settings.createsPerAddressPerHour) }, wait);
    }
    mine.take(1, now);
  }

  /** [Q3] Charges a heavy read of `cost` notes to the client, or throws 429 past its budget. */
  chargeRead(req: IncomingMessage, cost: number): void {
    const now = this.clock();
    const mine = this.readsByAddress.get(this.key(req), now);
    const wait = mine.wait(cost, now);
    if (wait > 0) {
      throw new RateLimitedError('quota.reads', {}, wait);
    }
    mine.take(cost, now);
  }
}
