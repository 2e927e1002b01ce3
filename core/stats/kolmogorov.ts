import { durbinCdf } from "./kolmogorov-durbin.ts";
import { pelzGoodCdf } from "./kolmogorov-pelz-good.ts";
import { pomeranzCdf } from "./kolmogorov-pomeranz.ts";
import { logFactorialOverPower } from "./log-factorial.ts";
import { smirnovSurvival } from "./smirnov.ts";

/** Sample sizes up to this use the exact small-n algorithms (Simard & L'Ecuyer 2011). */
const SMALL_N = 140;
/** Above this n the Durbin matrix is no longer worth its cost; Pelz–Good instead. */
const DURBIN_MAX_N = 100_000;
/** Survival cut-offs on n·x² from Simard & L'Ecuyer, as scipy's `_kolmogn`. */
const SF_ZERO_NX2 = 370;
const SF_SMIRNOV_NX2 = 2.2;
const CDF_ONE_NX2 = 18;
const SMALL_DURBIN_NX2 = 0.754693;
const SMALL_POMERANZ_NX2 = 4;
const DURBIN_MAX_NX15 = 1.4;

const clip = (p: number) => Math.min(1, Math.max(0, p));

/** Ruben–Gambino: Pr(Dₙ ≤ x) = n!/nⁿ (2nx − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n. */
function rubenGambinoCdf(n: number, t: number): number {
  if (n <= SMALL_N) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic, Pr(Dₙ ≥ x), as
 * `scipy.stats.kstwo.sf(x, n)`: Simard & L'Ecuyer's choice among exact and asymptotic methods
 * (J. Stat. Softw. 39(11), 2011; https://doi.org/10.18637/jss.v039.i11), ported from scipy's
 * `_kolmogn` (scipy/stats/_ksstats.py, scipy 1.10): Ruben–Gambino near the ends, twice the
 * exact one-sided Smirnov tail for large x, Durbin's matrix, Pomeranz's recursion or the
 * Pelz–Good expansion elsewhere. n ≥ 1 integer, 0 ≤ x ≤ 1.
 * Example: `kolmogorovSurvival(10, 0.4)` → 0.06284796154694496.
 */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) return t <= 0.5 ? 1 : clip(1 - rubenGambinoCdf(n, t));
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= SMALL_N) {
    if (nx2 <= SMALL_DURBIN_NX2) return clip(1 - durbinCdf(n, x));
    if (nx2 <= SMALL_POMERANZ_NX2) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= SF_ZERO_NX2) return 0;
  if (nx2 >= SF_SMIRNOV_NX2) return clip(2 * smirnovSurvival(n, x));
  let cdf: number;
  if (nx2 >= CDF_ONE_NX2) cdf = 1;
  else if (n <= DURBIN_MAX_N && n * x ** 1.5 <= DURBIN_MAX_NX15) cdf = durbinCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
