import { compensatedSum } from "../metrics/sum.ts";
import type { ProfileMoments } from "../schemas/profile.ts";

/** The mean from moments (null for no values). */
export function meanOf(moments: ProfileMoments): number | null {
  return moments.count === 0 ? null : moments.sum / moments.count;
}

/** The population standard deviation from moments, √(M2 / n) (null for no values). */
export function stdOf(moments: ProfileMoments): number | null {
  return moments.count === 0 ? null : Math.sqrt(moments.m2 / moments.count);
}

/**
 * Merges moments of disjoint samples exactly (Chan, Golub & LeVeque's pairwise update,
 * https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Parallel_algorithm):
 * n = Σnᵢ, sum = Σ sumᵢ (compensated), M2 = Σ M2ᵢ + Σ nᵢ (meanᵢ − mean)², the last form being the
 * pairwise update applied to all parts at once. Example: merging {1, 2} and {3} gives n 3, sum 6, M2 2.
 */
export function mergeMoments(parts: readonly ProfileMoments[]): ProfileMoments {
  const nonEmpty = parts.filter((part) => part.count > 0);
  const count = nonEmpty.reduce((total, part) => total + part.count, 0);
  if (count === 0) return { count: 0, sum: 0, m2: 0 };
  const sum = compensatedSum(nonEmpty.map((part) => part.sum));
  const mean = sum / count;
  const m2 = compensatedSum(nonEmpty.flatMap((part) => [part.m2, part.count * (part.sum / part.count - mean) ** 2]));
  return { count, sum, m2 };
}
