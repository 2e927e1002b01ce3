import { logBinomial } from "./log-factorial.ts";

/** exp() of anything below this underflows to zero. */
const MIN_LOG = -745;
/** ln C(n, j) is updated incrementally and recomputed exactly this often, so rounding cannot drift. */
const RESYNC_EVERY = 1024;

/**
 * The exact one-sided Smirnov survival function Pr(Dₙ⁺ ≥ x), as `scipy.special.smirnov(n, x)`,
 * by the Birnbaum–Tingey formula
 * `x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (x + j/n)^(j−1) (1 − x − j/n)^(n−j)`,
 * each term in log space so no factor overflows (https://doi.org/10.1214/aoms/1177729550).
 * O(n). Example: `smirnovSurvival(1, 0.3)` → 0.7.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  let logChoose = 0;
  for (let j = 0; j <= last; j++) {
    if (j % RESYNC_EVERY === 0) logChoose = logBinomial(n, j);
    else logChoose += Math.log((n - j + 1) / j);
    const at = x + j / n;
    const rest = 1 - at;
    // (1 − x − j/n)^(n−j) is 0 at the corner: j < n there, since x > 0.
    if (rest <= 0) continue;
    const logTerm = logChoose + (j - 1) * Math.log(at) + (n - j) * Math.log(rest);
    if (logTerm > MIN_LOG) sum += Math.exp(logTerm);
  }
  return Math.min(1, Math.max(0, sum * x));
}
