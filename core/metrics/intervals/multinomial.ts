import { binomial } from "./binomial.ts";
import type { Random } from "./prng.ts";

/**
 * Draws counts ~ Multinomial(total, weights / Σweights) into `out` by conditional binomials:
 * cell i gets Binomial(remaining, wᵢ / Σ_{j≥i} wⱼ). Exact; O(cells) binomial draws.
 * Precondition: weights non-negative with a positive sum; `out.length === weights.length`.
 * Example: weights [0, 5, 0] → out [0, total, 0].
 */
export function multinomial(random: Random, total: number, weights: Float64Array, out: Float64Array): void {
  let rest = 0;
  for (const weight of weights) rest += weight;
  let remaining = total;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] as number;
    if (remaining === 0 || weight === 0) {
      out[i] = 0;
    } else if (weight >= rest) {
      out[i] = remaining;
      remaining = 0;
    } else {
      const draw = binomial(random, remaining, weight / rest);
      out[i] = draw;
      remaining -= draw;
    }
    rest -= weight;
  }
}
