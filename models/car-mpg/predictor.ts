/**
 * The fuel-economy regressor as saved in its artifact (model.json) and how it scores rows: shared by
 * train.ts (which scores the test split through a JSON round trip of the saved model) and
 * predict.ts, so `almanac predict` reproduces the evaluated predictions exactly.
 */
import MultivariateLinearRegression from "ml-regression-multivariate-linear";
import { type CsvRecord, numericRows } from "../../core/train/contract-inputs.ts";

/** model.json: the regression, the feature order and the training means used to impute empty cells. */
export interface SavedModel {
  features: string[];
  means: number[];
  regression: ReturnType<MultivariateLinearRegression["toJSON"]>;
}

/** Predicted mpg of each row. */
export function predictRows(saved: SavedModel, rows: readonly CsvRecord[]): number[] {
  const regression = MultivariateLinearRegression.load(saved.regression);
  return regression.predict(numericRows(saved.features, saved.means)(rows)).map((row) => row[0] as number);
}
