/** A small seeded pseudo-random generator, so a generated repository is the same on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** `count` distinct elements in their original order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * Mulberry32 (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): 32-bit
 * state, period 2^32, good enough for synthetic data and fast.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (p) => next() < p,
    sample: (items, count) => {
      const indices = items.map((_, index) => index);
      for (let i = indices.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
      }
      const chosen = new Set(indices.slice(0, count));
      return items.filter((_, index) => chosen.has(index));
    },
  };
  return random;
}

/**
 * A seed for one named part (e.g. dataset 17) derived from the run seed with FNV-1a, so
 * each dataset and model is stable when the counts change.
 */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of parts.join("/")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
