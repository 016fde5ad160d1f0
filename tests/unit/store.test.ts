import { describe, expect, it } from 'vitest';
import { Listeners, Store } from '../../client/store';

describe('the client store helper', () => {
  it('tells every subscriber of a new value, and keeps handing out the same snapshot until then', () => {
    const store = new Store({ count: 0 });
    const first = store.get();
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.get().count));
    store.subscribe(() => seen.push(store.get().count * 10));
    expect(store.get()).toBe(first);
    store.set({ count: 1 });
    expect(seen).toEqual([1, 10]);
    expect(store.get()).not.toBe(first);
    expect(store.get()).toBe(store.get());
  });

  it('tells nobody when the value set is the one it holds', () => {
    const value = { count: 0 };
    const store = new Store<{ count: number } | null>(value);
    let calls = 0;
    store.subscribe(() => calls++);
    store.set(value);
    expect(calls).toBe(0);
    store.set(null);
    store.set(null);
    expect(calls).toBe(1);
  });

  it('stops telling a subscriber that unsubscribed, also one that unsubscribes while being told', () => {
    const store = new Store(0);
    const calls: string[] = [];
    const stopA = store.subscribe(() => {
      calls.push('a');
      stopA();
    });
    const stopB = store.subscribe(() => calls.push('b'));
    store.set(1);
    stopB();
    store.set(2);
    expect(calls).toEqual(['a', 'b']);
  });

  it('passes its subscribe and get unbound, as useSyncExternalStore calls them', () => {
    const store = new Store('a');
    const { subscribe, get } = store;
    let calls = 0;
    subscribe(() => calls++);
    store.set('b');
    expect([get(), calls]).toEqual(['b', 1]);
  });

  it('lets an owner of several snapshots notify on its own', () => {
    const listeners = new Listeners();
    const { subscribe, notify } = listeners;
    let calls = 0;
    const stop = subscribe(() => calls++);
    notify();
    notify();
    stop();
    notify();
    expect(calls).toBe(2);
  });
});
