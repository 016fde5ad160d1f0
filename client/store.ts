/**
 * State that lives outside React and that components read with `useSyncExternalStore`: the
 * screen's local UI state, a drag in progress, the note dialog that is open. `subscribe` and `get`
 * are bound, so they are passed to `useSyncExternalStore` as they are; every change goes through
 * `set`, which tells the subscribers. Whoever keeps several snapshots of their own (BoardSession,
 * Workshop) uses `Listeners` alone.
 */
export type Listener = () => void;

/** Who to tell when something changed. */
export class Listeners {
  private readonly listeners = new Set<Listener>();

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };
}

/** One value and its subscribers. Invariant: `get()` returns the same object until `set` changes it. */
export class Store<T> {
  private readonly listeners = new Listeners();
  private state: T;

  constructor(initial: T) {
    this.state = initial;
  }

  readonly subscribe = this.listeners.subscribe;

  readonly get = (): T => this.state;

  /** Replaces the value and tells the subscribers; setting the value it holds tells nobody. */
  set(next: T): void {
    if (Object.is(next, this.state)) return;
    this.state = next;
    this.listeners.notify();
  }
}
