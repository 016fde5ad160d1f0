/**
 * When a room may be unloaded: [K6] when it was last used (eviction takes the oldest), which other
 * rooms hold it loaded (a board holds its control document), and the timer that unloads it once
 * it has been empty for a while.
 */
export interface IdleClockOptions {
  afterMs: number;
  /** Nobody is connected to the room. */
  empty(): boolean;
  /** [M4] Updates that wait for storage keep the room loaded: nobody else may hold them. */
  waitsForStorage(): boolean;
  unload(): void;
}

export class IdleClock {
  /** When a peer last joined or left, or the room was last acquired. */
  private usedAt = Date.now();
  private holds = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: IdleClockOptions) {}

  get lastUsed(): number {
    return this.usedAt;
  }

  touch(): void {
    this.usedAt = Date.now();
  }

  get held(): boolean {
    return this.holds > 0;
  }

  hold(): void {
    this.holds++;
    this.cancel();
  }

  release(): void {
    this.holds--;
    if (this.holds === 0 && this.options.empty()) this.schedule();
  }

  /** Unloads the room after `afterMs`, unless it is used or held again meanwhile. */
  schedule(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.options.waitsForStorage()) this.schedule();
      else if (this.options.empty() && this.holds === 0) this.options.unload();
    }, this.options.afterMs);
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
