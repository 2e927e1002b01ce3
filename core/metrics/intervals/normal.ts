/** Past this |x|, erfc uses its continued fraction instead of the erf series. */
const SERIES_LIMIT = 3;
const MAX_TERMS = 500;

/**
 * The complementary error function erfc(x) = 1 − erf(x): Maclaurin series of erf for |x| < 3
 * (relative error ~1e-15 there), Lentz's continued fraction beyond. O(terms).
 * Example: erfc(0) → 1.
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) {
    let term = x;
    let sum = x;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))) evaluated with modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < MAX_TERMS; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal CDF Φ(z) = erfc(−z/√2)/2. Example: normalCdf(0) → 0.5. */
export function normalCdf(z: number): number {
  return erfc(-z / Math.SQRT2) / 2;
}

/** Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4): the starting point for Newton's method. */
function abramowitzStegunQuantile(p: number): number {
  const tail = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(tail));
  const z =
    t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3);
  return p < 0.5 ? -z : z;
}

/**
 * Standard normal quantile Φ⁻¹(p), by Newton's method on {@link normalCdf} from the
 * Abramowitz–Stegun approximation; accurate to ~1e-14 for 1e-10 < p < 1 − 1e-10. Example: normalQuantile(0.975) → 1.959963984540054.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  let z = abramowitzStegunQuantile(p);
  for (let i = 0; i < 100; i++) {
    const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    const step = (normalCdf(z) - p) / density;
    z -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/** The two-sided normal interval value ± z·se for a confidence level, or null when se is not finite. */
export function normalInterval(value: number, se: number, confidence: number): [number, number] | null {
  if (!Number.isFinite(se) || !Number.isFinite(value)) return null;
  const z = normalQuantile((1 + confidence) / 2);
  return [value - z * se, value + z * se];
}
