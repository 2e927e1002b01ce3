/** Largest n whose factorial is a finite double. */
const MAX_EXACT_FACTORIAL = 170;
/** Stirling series coefficients B_2j / (2j (2j − 1)) for j = 8 … 1 (scipy's _ksstats.py), as doubles. */
export const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953,
  0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];
const LOG_2PI = Math.log(2 * Math.PI);

let table: number[] | undefined;

function logFactorialTable(): number[] {
  if (table) return table;
  const values = [0];
  let factorial = 1;
  for (let k = 1; k <= MAX_EXACT_FACTORIAL; k++) {
    factorial *= k;
    values.push(Math.log(factorial));
  }
  table = values;
  return values;
}

/** Horner evaluation of a polynomial with coefficients from the highest degree down, as numpy.polyval. */
export function polyval(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

/**
 * ln(k!) for an integer k ≥ 0: the log of the exact product up to 170, the Stirling series
 * beyond (absolute error below 1e-13). Example: `logFactorial(5)` → 4.787491742782046.
 */
export function logFactorial(k: number): number {
  if (k <= MAX_EXACT_FACTORIAL) return logFactorialTable()[k] as number;
  const z = k + 1;
  const r = 1 / z;
  return (z - 0.5) * Math.log(z) - z + LOG_2PI / 2 + r * polyval(STIRLING_COEFFICIENTS, r * r);
}

/** ln C(n, k), the log binomial coefficient. */
export function logBinomial(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * ln(n! / nⁿ) by Stirling's series with n·ln(n) removed up front (no cancellation), as
 * scipy's `_log_nfactorial_div_n_pow_n`.
 */
export function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * polyval(STIRLING_COEFFICIENTS, rn / n);
}
