import { ldexp, SCALE_DOWN, SCALE_EXPONENT, SCALE_UP } from "./kolmogorov-durbin.ts";

interface Grid {
  n: number;
  ll: number;
  ceilf: number;
  roundf: number;
}

/** The non-zero window [j1, j2] of row i of Pomeranz's recursion. */
function rowWindow(i: number, { n, ll, ceilf, roundf }: Grid): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Scaled Poisson-like weights (c/n)^m / m! for m < count. */
function powers(c: number, n: number, count: number): Float64Array {
  const out = new Float64Array(count);
  out[0] = 1;
  for (let m = 1; m < count; m++) out[m] = ((out[m - 1] as number) * c) / n / m;
  return out;
}

/** Entries [start, start + count) of the full convolution of a and b (as numpy.convolve, then sliced). */
function convolveSlice(a: Float64Array, b: Float64Array, start: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const index = start + t;
    let sum = 0;
    const lo = Math.max(0, index - b.length + 1);
    const hi = Math.min(index, a.length - 1);
    for (let i = lo; i <= hi; i++) sum += (a[i] as number) * (b[index - i] as number);
    out[t] = sum;
  }
  return out;
}

/**
 * Pr(Dₙ ≤ x) by Pomeranz's recursion (Comm. ACM 17(12), 1974), two rows at a time, each a
 * convolution of the previous row with one of three weight vectors, scaled by 2^128 against
 * underflow. A port of scipy's `_kolmogn_Pomeranz`; used for n ≤ 140 and 0.754693 < n·x² ≤ 4.
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const grid: Grid = { n, ll, ceilf: f > 0 ? 1 : 0, roundf: f > 0.5 ? 1 : 0 };
  const count = 2 * (ll + 1);
  const gPower = powers(g, n, count);
  const twoGPower = powers(2 * g, n, count);
  const oneMinusTwoGPower = powers(1 - 2 * g, n, count);
  let v0 = new Float64Array(count);
  let v1 = new Float64Array(count);
  v1[0] = 1;
  let v0Start = 0;
  let v1Start = 0;
  let exponent = 0;
  let [j1] = rowWindow(0, grid);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0Start, v1Start] = [v1Start, v0Start];
    v1.fill(0);
    const window = rowWindow(i, grid);
    j1 = window[0];
    const j2 = window[1];
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 === 1 ? twoGPower : oneMinusTwoGPower;
    const length = j2 - k1 + 1;
    if (length > 0) {
      const from = k1 - v0Start;
      const row = v0.subarray(from, Math.min(from + length, count));
      const conv = convolveSlice(row, weights.subarray(0, Math.min(length, count)), j1 - k1, j2 - j1 + 1);
      v1.set(conv.subarray(0, Math.min(conv.length, count)));
      let max = 0;
      for (const value of v1) if (value > max) max = value;
      if (max > 0 && max < SCALE_DOWN) {
        for (let j = 0; j < count; j++) v1[j] = (v1[j] as number) * SCALE_UP;
        exponent -= SCALE_EXPONENT;
      }
      v1Start = v0Start + j1 - k1;
    }
  }
  let answer = v1[n - v1Start] as number;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  if (exponent !== 0) answer = ldexp(answer, exponent);
  return Math.min(1, Math.max(0, answer));
}
