import { columnMeans, type MeanStatistic } from "./mean-statistic.ts";

/**
 * Standard error of a mean statistic by the delta method: with the per-row influence
 * IFᵢ = ∇f(x̄) · (xᵢ − x̄), se = √(Σ IFᵢ²) / n (the plug-in variance of the linearised
 * statistic). O(n · columns). Used instead of the row bootstrap when n · B would exceed the
 * draw budget; at that size the bootstrap distribution of a mean is normal to within its own
 * Monte Carlo error.
 */
export function deltaMethodStandardError(statistic: MeanStatistic): number {
  const means = columnMeans(statistic.columns);
  const gradient = statistic.gradient(means);
  const n = statistic.columns[0]?.length ?? 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    let influence = 0;
    for (let c = 0; c < statistic.columns.length; c++)
      influence +=
        (gradient[c] as number) * (((statistic.columns[c] as Float64Array)[i] as number) - (means[c] as number));
    squares += influence * influence;
  }
  return Math.sqrt(squares) / n;
}
