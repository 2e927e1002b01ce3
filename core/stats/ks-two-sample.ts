import { kolmogorovSurvival } from "./kolmogorov.ts";

/** scipy's `MAX_AUTO_N`: method "auto" tries the exact distribution while both samples are at most this size. */
export const KS_EXACT_MAX_N = 10_000;

/** Result of the two-sample Kolmogorov–Smirnov test, two-sided. */
export interface KsTwoSampleResult {
  /** D = sup |F₁ − F₂|; on the exact path rounded to a multiple of 1/lcm(n₁, n₂), as scipy. */
  statistic: number;
  pValue: number;
  /** Which distribution gave the p-value. */
  method: "exact" | "asymptotic";
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Round half to even, as numpy.round. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Pr(D_{n,n} ≥ h/n) for equal sample sizes: 2 Σ_k (−1)^(k+1) C(2n, n − kh) / C(2n, n), in the
 * Horner-like nested form of scipy's `_compute_prob_outside_square` that avoids cancellation.
 */
export function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * The share of lattice paths from (0, 0) to (m, n) that leave the band |x/m − y/n| < h/lcm(m, n),
 * computed directly as 1 − (inside share) by Viehmann's recursion (arXiv:2102.08037) on a
 * sliding column window, after Hodges (Ark. Mat. 3, 1958). A port of scipy's
 * `_compute_outer_prob_inside_method`. O(m · window).
 */
export function probabilityOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastMinj = minj;
    const lastLen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = ((a[jj + minj - lastMinj] as number) * i + value * j) / (i + j);
      a[jj] = value;
    }
    curlen = maxj - minj;
    if (lastLen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastLen - curlen));
  }
  return a[maxj - minj - 1] as number;
}

/** scipy's `_attempt_exact_2kssamp` (two-sided): undefined when the computation fails. */
function exactTwoSided(n1: number, n2: number, d: number): KsTwoSampleResult | undefined {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1, method: "exact" };
  const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
  if (!(p >= 0 && p <= 1)) return undefined;
  return { statistic, pValue: p, method: "exact" };
}

/**
 * The p-value of the two-sided two-sample Kolmogorov–Smirnov statistic D for samples of n₁ and
 * n₂ values, exactly as `scipy.stats.ks_2samp(method="auto")` (scipy 1.10): the exact
 * distribution when max(n₁, n₂) ≤ 10 000 (falling back when it fails numerically), else
 * `kstwo.sf(D, round(n₁n₂/(n₁+n₂)))`. https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html
 * Example: `ksTwoSample(0.5, 4, 4)` → { statistic: 0.5, pValue: 0.7714285714285715, method: "exact" }.
 */
export function ksTwoSample(d: number, n1: number, n2: number): KsTwoSampleResult {
  if (!(n1 > 0 && n2 > 0)) throw new RangeError("ks_2samp needs two non-empty samples");
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const exact = exactTwoSided(n1, n2, d);
    if (exact) return exact;
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  const pValue = Math.min(1, Math.max(0, kolmogorovSurvival(roundHalfEven(en), d)));
  return { statistic: d, pValue, method: "asymptotic" };
}
