/** How confidence intervals are computed; from the card's `evaluation.bootstrap`. */
export interface IntervalSettings {
  /** Bootstrap resamples B. */
  resamples: number;
  /** Seed of the resampling generator. */
  seed: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
}

/** The card schema's defaults: 1000 resamples, seed 42, 95 %. */
export const DEFAULT_INTERVALS: IntervalSettings = { resamples: 1000, seed: 42, confidence: 0.95 };

/**
 * Row draws (n · B) above which mean metrics (log loss, Brier, MAE, RMSE, R², MAPE) get a
 * delta-method normal interval instead of a row bootstrap: 20 million draws take about a
 * second here, and past 20,000 rows (with B = 1000) the bootstrap distribution of a mean is
 * normal to within its own Monte Carlo error.
 */
export const ROW_BOOTSTRAP_MAX_DRAWS = 20_000_000;

/** Independent generator streams, so one family's resamples never shift another's. */
export const STREAM_CONFUSION = 1;
export const STREAM_ROWS = 2;
