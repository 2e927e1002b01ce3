/**
 * A statistic that is a smooth function of column means, T = f(x̄₁, …, x̄ⱼ): log loss, Brier,
 * MAE, RMSE, MAPE and R² all are. Both the row bootstrap and the normal (delta-method) interval
 * need only the columns, f and its gradient.
 */
export interface MeanStatistic {
  /** Per-row columns whose means feed `value`. */
  columns: readonly Float64Array[];
  /** f(means); NaN when undefined for those means. */
  value(means: ArrayLike<number>): number;
  /** ∇f(means), for the delta method. */
  gradient(means: ArrayLike<number>): number[];
}

/** A mean of one column: log loss, Brier, MAE, MAPE. */
export function meanOf(column: Float64Array): MeanStatistic {
  return { columns: [column], value: (means) => means[0] as number, gradient: () => [1] };
}

/** √(mean of squares): RMSE from squared errors. */
export function rootMeanOf(squares: Float64Array): MeanStatistic {
  return {
    columns: [squares],
    value: (means) => Math.sqrt(means[0] as number),
    gradient: (means) => [1 / (2 * Math.sqrt(means[0] as number))],
  };
}

/**
 * R² = 1 − m₀ / (m₂ − m₁²) from squared errors (m₀), the centred truth (m₁) and its square (m₂),
 * with scikit-learn's finite rule for a constant truth (1 when m₀ = 0, else 0).
 */
export function rSquaredOf(
  squaredErrors: Float64Array,
  centred: Float64Array,
  centredSquares: Float64Array,
): MeanStatistic {
  return {
    columns: [squaredErrors, centred, centredSquares],
    value: (means) => {
      const spread = (means[2] as number) - (means[1] as number) ** 2;
      if (spread <= 0) return means[0] === 0 ? 1 : 0;
      return 1 - (means[0] as number) / spread;
    },
    gradient: (means) => {
      const m0 = means[0] as number;
      const m1 = means[1] as number;
      const spread = (means[2] as number) - m1 ** 2;
      return [-1 / spread, (-2 * m1 * m0) / spread ** 2, m0 / spread ** 2];
    },
  };
}

/** Column means with Neumaier summation. */
export function columnMeans(columns: readonly Float64Array[]): Float64Array {
  const means = new Float64Array(columns.length);
  columns.forEach((column, c) => {
    let sum = 0;
    let compensation = 0;
    for (let i = 0; i < column.length; i++) {
      const value = column[i] as number;
      const next = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
      sum = next;
    }
    means[c] = (sum + compensation) / column.length;
  });
  return means;
}
