/**
 * Limits that keep one client from taking the server from everyone else. Each has a close code
 * the client explains: 4429 (too many), 4413 (too large), 4503 (server busy, retry later).
 */

export interface Limits {
  /** Messages a connection may send per second, sustained; `burst` more at once. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Bytes a connection may send per second, sustained; `byteBurst` more at once (a reconnect's backlog). */
  bytesPerSecond: number;
  byteBurst: number;
  /** Open sockets from one address. A workshop behind one office NAT needs many. */
  connectionsPerAddress: number;
  /** [K8] Open sockets in this process, from everywhere: past it, newcomers retry later (4503). */
  connectionsTotal: number;
  /** Boards loaded at once in this process; past it the least recently used idle one is unloaded (K6). */
  boardsLoaded: number;
  /**
   * [K4] Sync requests (step 1) a connection may send per minute, sustained, `syncRequestBurst` at
   * once. Each is answered with an encode of the board; an honest provider sends one per socket.
   */
  syncRequestsPerMinute: number;
  syncRequestBurst: number;
  /**
   * [K2] New presence client ids one connection may take per minute (as many at once), and ids
   * present in one room at once.
   */
  presenceIdsPerMinute: number;
  presencePerRoom: number;
  /** [K3] How long the clock of a client who left is remembered (presence.ts). */
  presenceForgetMs: number;
  /** A board's stored size (snapshot plus log) past which its writers are refused. */
  boardBytes: number;
  /**
   * Bytes queued for a socket (it reads slower than the board changes) past which presence is no
   * longer sent to it: presence is a state, the next change brings it up to date.
   */
  presenceBacklogBytes: number;
  /** ...and past which the socket is closed (4503): it resyncs on reconnect instead of filling memory. */
  sendBacklogBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  // The stock provider re-sends every presence change it sees: on a board of 300 that is about 20
  // messages a second per client before it writes anything.
  messagesPerSecond: 300,
  messageBurst: 1000,
  bytesPerSecond: 512 * 1024,
  byteBurst: 8 * 1024 * 1024,
  connectionsPerAddress: 1000,
  // Enough for a few thousand people across workshops; well below the usual 20,000 file
  // descriptors, so the HTTP side and storage keep theirs when someone holds sockets open.
  connectionsTotal: 10_000,
  boardsLoaded: 2000,
  syncRequestsPerMinute: 6,
  syncRequestBurst: 4,
  // The client uses one id per document and takes a new one after each refused write: a handful
  // when a lock comes down as someone types, never dozens a minute.
  presenceIdsPerMinute: 60,
  presencePerRoom: 1000,
  presenceForgetMs: 30_000,
  boardBytes: 64 * 1024 * 1024,
  presenceBacklogBytes: 1024 * 1024,
  // Room for a large board's sync answer on top of a busy workshop's stream.
  sendBacklogBytes: 64 * 1024 * 1024,
};

/** A token bucket: `take` answers whether `amount` fits now. */
export class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(amount: number, now = Date.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/** Open sockets per remote address. */
export class AddressCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more socket from `address`; false (and not counted) when it would pass the limit. */
  enter(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  leave(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}
