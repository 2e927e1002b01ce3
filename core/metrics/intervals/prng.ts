/** A seeded pseudo-random generator: same seed and stream, same numbers, on every machine. */
export interface Random {
  /** Uniform integer in [0, 2³²). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number;
  /** Uniform integer in [0, n) by multiply-shift (bias below n / 2³², negligible for n ≪ 2³²). */
  nextIndex(n: number): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** SplitMix32 step, used only to spread the seed over the generator's 128-bit state. */
function splitMix32(state: { value: number }): number {
  state.value = (state.value + 0x9e3779b9) | 0;
  let z = state.value;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c): 32-bit
 * operations only, fast in JavaScript, period 2¹²⁸ − 1. The state is seeded with SplitMix32 from
 * `seed` and `stream`, so independent quantities (each metric family's resamples) use separate
 * streams and adding a metric never shifts another's interval.
 * Example: `createRandom(42, 0).nextUint32()` is the same number on every run.
 */
export function createRandom(seed: number, stream = 0): Random {
  const mix = { value: (Math.imul(seed >>> 0, 0x2545f491) ^ Math.imul(stream + 1, 0x9e3779b1)) | 0 };
  let a = splitMix32(mix);
  let b = splitMix32(mix);
  let c = splitMix32(mix);
  let d = splitMix32(mix);
  if ((a | b | c | d) === 0) a = 1;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    nextUint32,
    nextDouble: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / TWO_POW_53,
    nextIndex: (n) => Math.floor((nextUint32() * n) / TWO_POW_32),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
