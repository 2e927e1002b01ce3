/**
 * Trains the fuel-economy regressor under Almanac's environment contract (docs/training.md): a
 * multivariate linear regression (ml-regression-multivariate-linear) of mpg on six engine and
 * body figures. Writes the model as ALMANAC_MODEL_DIR/model.json (the versioned artifact) and
 * ALMANAC_OUTPUT/predictions.csv (row_id,prediction), scored from the saved model exactly as
 * predict.ts scores. Run it through `almanac train car-mpg`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import MultivariateLinearRegression from "ml-regression-multivariate-linear";
import {
  columnMeans,
  modelDirectory,
  numericRows,
  readTrainingInputs,
  writeCsv,
} from "../../core/train/contract-inputs.ts";
import { predictRows, type SavedModel } from "./predictor.ts";

const { features, target, train, test, output, ...inputs } = readTrainingInputs();
const params = inputs.params as { intercept?: boolean };
// Six cars lack horsepower: missing values are imputed with the training mean of the column.
const means = columnMeans(features, train);

const regression = new MultivariateLinearRegression(
  numericRows(features, means)(train),
  train.map((row) => [Number(row[target])]),
  { intercept: params.intercept ?? true },
);
const text = JSON.stringify({ features, means, regression: regression.toJSON() } satisfies SavedModel);
writeFileSync(join(modelDirectory(), "model.json"), text);
const predicted = predictRows(JSON.parse(text) as SavedModel, test);
writeCsv(
  output,
  "predictions.csv",
  ["row_id", "prediction"],
  test.map((row, i) => [row.row_id, predicted[i]]),
);
console.log(
  `linear regression on ${features.length} features fitted to ${train.length} cars; predicted ${test.length}`,
);
