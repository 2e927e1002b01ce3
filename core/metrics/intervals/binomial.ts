import type { Random } from "./prng.ts";

/** Below this mean, inversion is cheaper than BTPE (the switch numpy uses too). */
const INVERSION_MAX_MEAN = 30;

/**
 * A Binomial(n, p) variate, exact: inversion (sequential search of the CDF) when n·min(p, 1−p)
 * ≤ 30, else BTPE (Kachitvichyanukul & Schmeiser 1988, "Binomial random variate generation",
 * CACM 31(2), doi:10.1145/42372.42381). Expected O(1) per draw for large n.
 * Example: `binomial(random, 10, 0)` → 0; the mean of many `binomial(random, 1e6, 0.3)` is 3e5.
 */
export function binomial(random: Random, n: number, p: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const flip = p > 0.5;
  const r = flip ? 1 - p : p;
  const draw = n * r <= INVERSION_MAX_MEAN ? binomialInversion(random, n, r) : binomialBtpe(random, n, r);
  return flip ? n - draw : draw;
}

function binomialInversion(random: Random, n: number, p: number): number {
  const q = 1 - p;
  const start = Math.exp(n * Math.log(q));
  const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * q + 1));
  for (;;) {
    let x = 0;
    let px = start;
    let u = random.nextDouble();
    while (u > px) {
      x++;
      if (x > bound) break;
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
    if (x <= bound) return x;
  }
}

/** BTPE setup: the triangle, parallelograms and exponential tails of the majorizing function. */
function btpeSetup(n: number, p: number) {
  const q = 1 - p;
  const fm = n * p + p;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * p * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * p);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  return { q, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4, npq: n * p * q };
}

function binomialBtpe(random: Random, n: number, p: number): number {
  const s = btpeSetup(n, p);
  for (;;) {
    const u = random.nextDouble() * s.p4;
    let v = random.nextDouble();
    let y: number;
    if (u <= s.p1) return Math.floor(s.xm - s.p1 * v + u);
    if (u <= s.p2) {
      const x = s.xl + (u - s.p1) / s.c;
      v = v * s.c + 1 - Math.abs(s.m - x + 0.5) / s.p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= s.p3) {
      y = Math.floor(s.xl + Math.log(v) / s.laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - s.p2) * s.laml;
    } else {
      y = Math.floor(s.xr - Math.log(v) / s.lamr);
      if (y > n || v === 0) continue;
      v = v * (u - s.p3) * s.lamr;
    }
    if (btpeAccept(n, p, s, y, v)) return y;
  }
}

/** The acceptance test: explicit pmf ratio near the mode, else the squeeze and Stirling bound. */
function btpeAccept(n: number, p: number, s: ReturnType<typeof btpeSetup>, y: number, v: number): boolean {
  const k = Math.abs(y - s.m);
  if (k <= 20 || k >= s.npq / 2 - 1) {
    const ratio = p / s.q;
    const a = ratio * (n + 1);
    let f = 1;
    if (s.m < y) for (let i = s.m + 1; i <= y; i++) f *= a / i - ratio;
    else if (s.m > y) for (let i = y + 1; i <= s.m; i++) f /= a / i - ratio;
    return v <= f;
  }
  const rho = (k / s.npq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / s.npq + 0.5);
  const t = (-k * k) / (2 * s.npq);
  const logV = Math.log(v);
  if (logV < t - rho) return true;
  if (logV > t + rho) return false;
  const x1 = y + 1;
  const f1 = s.m + 1;
  const z = n + 1 - s.m;
  const w = n - y + 1;
  const bound =
    s.xm * Math.log(f1 / x1) +
    (n - s.m + 0.5) * Math.log(z / w) +
    (y - s.m) * Math.log((w * p) / (x1 * s.q)) +
    stirlingCorrection(f1) +
    stirlingCorrection(z) +
    stirlingCorrection(x1) +
    stirlingCorrection(w);
  return logV <= bound;
}

/** The Stirling-series term BTPE adds per factorial: (13860 − (462 − (132 − (99 − 140/x²)/x²)/x²)/x²)/x/166320. */
function stirlingCorrection(x: number): number {
  const x2 = x * x;
  return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}
