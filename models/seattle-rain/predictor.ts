/**
 * The Seattle rain-day logistic regression as saved in its artifact (model.json) and how it scores
 * rows: shared by train.ts (which scores the test split through a JSON round trip of the saved
 * model) and predict.ts, so `almanac predict` reproduces the evaluated predictions exactly.
 */
import { Matrix } from "ml-matrix";
import type { CsvRecord } from "../../core/train/contract-inputs.ts";

/** model.json: standardisation, the weights (intercept first) and the two classes. */
export interface SavedModel {
  centre: number[];
  scale: number[];
  weights: number[][];
  positive: string;
  negative: string;
}

/** Raw engineered features: temperatures, their range, wind, and the month on a circle. */
export function engineered(row: CsvRecord): number[] {
  const high = Number(row.temp_max);
  const low = Number(row.temp_min);
  const angle = ((Number(row.month) - 1) / 12) * 2 * Math.PI;
  return [high, low, high - low, Number(row.wind), Math.sin(angle), Math.cos(angle)];
}

/** Standardised features with a leading 1 (the package fits no intercept of its own). */
export function design(rows: number[][], centre: readonly number[], scale: readonly number[]): Matrix {
  return new Matrix(
    rows.map((x) => [1, ...x.map((value, f) => (value - (centre[f] as number)) / (scale[f] as number))]),
  );
}

/** P(positive) of each row: the logistic of x·w, computed as ml-logistic-regression's testScores. */
export function scoreRows(saved: SavedModel, rows: readonly CsvRecord[]): number[] {
  const scores = design(rows.map(engineered), saved.centre, saved.scale).mmul(new Matrix(saved.weights).transpose());
  return scores.to1DArray().map((s) => 1 / (1 + Math.exp(-s)));
}

/** Each row's predicted class and P(positive). */
export function predictRows(saved: SavedModel, rows: readonly CsvRecord[]): Array<[string, number]> {
  return scoreRows(saved, rows).map((p) => [p >= 0.5 ? saved.positive : saved.negative, p]);
}
