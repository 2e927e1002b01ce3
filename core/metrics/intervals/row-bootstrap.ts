import type { MeanStatistic } from "./mean-statistic.ts";
import type { Random } from "./prng.ts";

/**
 * Row bootstrap replicates of mean statistics: each replicate draws n row indices uniformly with
 * replacement and evaluates every statistic on the resampled column means. All statistics share
 * the draws (one pass over the rows per replicate). O(B · n · columns).
 * Returns one Float64Array of B replicates per statistic.
 */
export function bootstrapRows(statistics: readonly MeanStatistic[], resamples: number, random: Random): Float64Array[] {
  const columns = [...new Set(statistics.flatMap((statistic) => statistic.columns))];
  const n = columns[0]?.length ?? 0;
  const positions = statistics.map((statistic) => statistic.columns.map((column) => columns.indexOf(column)));
  const replicates = statistics.map(() => new Float64Array(resamples));
  const sums = new Float64Array(columns.length);
  for (let b = 0; b < resamples; b++) {
    sums.fill(0);
    for (let draw = 0; draw < n; draw++) {
      const row = random.nextIndex(n);
      for (let c = 0; c < columns.length; c++)
        sums[c] = (sums[c] as number) + ((columns[c] as Float64Array)[row] as number);
    }
    statistics.forEach((statistic, s) => {
      const means = (positions[s] as number[]).map((position) => (sums[position] as number) / n);
      (replicates[s] as Float64Array)[b] = statistic.value(means);
    });
  }
  return replicates;
}
