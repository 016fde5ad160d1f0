/**
 * The one seeded PRNG of the tests, fuzzers and soak runs (mulberry32: small, fast, and good
 * enough to choose edits and frames). A seed replays a run exactly; print it on failure.
 */
export interface Rng {
  /** A number in [0, 1). */
  float(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
  /** A generator seeded from this one. */
  fork(): Rng;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const float = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(float() * n);
  return {
    float,
    int,
    chance: (p) => float() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('Cannot pick from an empty list.');
      return item;
    },
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = int(256);
      return out;
    },
    fork: () => createRng(int(2 ** 32)),
  };
}

/** A fresh seed for a run that is not replaying one (the only unseeded randomness). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
