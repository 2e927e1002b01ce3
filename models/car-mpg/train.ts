/**
 * Trains the fuel-economy regressor under Almanac's environment contract (docs/training.md): a
 * multivariate linear regression (ml-regression-multivariate-linear) of mpg on six engine and
 * body figures. Writes ALMANAC_OUTPUT/predictions.csv (row_id,prediction) and the weights as
 * ALMANAC_OUTPUT/model.json. Run it through `almanac train car-mpg`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import MultivariateLinearRegression from "ml-regression-multivariate-linear";
import { numericMatrix, readTrainingInputs, writeCsv } from "../../core/train/contract-inputs.ts";

const { features, target, train, test, output, ...inputs } = readTrainingInputs();
const params = inputs.params as { intercept?: boolean };
// Six cars lack horsepower: missing values are imputed with the training mean of the column.
const matrix = numericMatrix(features, train);

const regression = new MultivariateLinearRegression(
  matrix(train),
  train.map((row) => [Number(row[target])]),
  { intercept: params.intercept ?? true },
);
const predicted = regression.predict(matrix(test));
writeCsv(
  output,
  "predictions.csv",
  ["row_id", "prediction"],
  test.map((row, i) => [row.row_id, predicted[i]?.[0]]),
);
writeFileSync(join(output, "model.json"), JSON.stringify(regression.toJSON()));
console.log(
  `linear regression on ${features.length} features fitted to ${train.length} cars; predicted ${test.length}`,
);
