/** Rescale by 2^128 whenever an intermediate leaves this range, and keep the exponent apart. */
export const SCALE_EXPONENT = 128;
export const SCALE_UP = 2 ** SCALE_EXPONENT;
export const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

/** value · 2^exponent without overflowing or underflowing the intermediate power of two. */
export function ldexp(value: number, exponent: number): number {
  let result = value;
  let rest = exponent;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

type Matrix = Float64Array[];

function identity(m: number): Matrix {
  return Array.from({ length: m }, (_, i) => {
    const row = new Float64Array(m);
    row[i] = 1;
    return row;
  });
}

function multiply(a: Matrix, b: Matrix): Matrix {
  const m = a.length;
  const out = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    const ai = a[i] as Float64Array;
    const oi = out[i] as Float64Array;
    for (let k = 0; k < m; k++) {
      const aik = ai[k] as number;
      if (aik === 0) continue;
      const bk = b[k] as Float64Array;
      for (let j = 0; j < m; j++) oi[j] = (oi[j] as number) + aik * (bk[j] as number);
    }
  }
  return out;
}

/** Durbin's matrix H for d = (k − h)/n (Marsaglia, Tsang & Wang 2003, §2). */
function durbinMatrix(k: number, h: number): Matrix {
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tail = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tail) * factorial;
  const H = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) (H[r] as Float64Array)[i] = w[r - i + 1] as number;
  for (let r = 0; r < m; r++) (H[r] as Float64Array)[0] = v[r] as number;
  for (let c = 0; c < m; c++) (H[m - 1] as Float64Array)[c] = v[m - 1 - c] as number;
  return H;
}

/**
 * Pr(Dₙ ≤ d) for the two-sided one-sample Kolmogorov–Smirnov statistic by Durbin's matrix
 * algorithm as Marsaglia, Tsang & Wang compute it (J. Stat. Softw. 8(18), 2003): the k-th
 * diagonal entry of (n!/nⁿ) Hⁿ with H of size 2k − 1, k = ⌈nd⌉, scaling by 2^128 as it goes.
 * O(m³ log n) for m = 2⌈nd⌉ − 1; a port of scipy's `_kolmogn_DMTW`.
 */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  let H = durbinMatrix(k, k - nd);
  let power = identity(H.length);
  let exponent = 0;
  let hExponent = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) {
      power = multiply(power, H);
      exponent += hExponent;
    }
    H = multiply(H, H);
    hExponent *= 2;
    if (Math.abs((H[k - 1] as Float64Array)[k - 1] as number) > SCALE_UP) {
      for (const row of H) for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) / SCALE_UP;
      hExponent += SCALE_EXPONENT;
    }
  }
  let p = (power[k - 1] as Float64Array)[k - 1] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return Math.min(1, Math.max(0, p));
}
