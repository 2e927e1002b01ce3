/**
 * Trains the penguin species classifier under Almanac's environment contract (docs/training.md):
 * a random forest (ml-random-forest) on four body measurements. Writes the forest as
 * ALMANAC_MODEL_DIR/model.json (the versioned artifact) and ALMANAC_OUTPUT/predictions.csv with one
 * probability column per species, scored from the saved forest exactly as predict.ts scores.
 * Run it through `almanac train penguin-species`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RandomForestClassifier } from "ml-random-forest";
import {
  columnMeans,
  modelDirectory,
  numericRows,
  readTrainingInputs,
  writeCsv,
} from "../../core/train/contract-inputs.ts";
import { predictRows, type SavedModel } from "./predictor.ts";

const { features, target, classes, seed, train, test, output, ...inputs } = readTrainingInputs();
const params = inputs.params as { trees?: number; max_features?: number };
// Missing measurements are imputed with the training mean of the column.
const means = columnMeans(features, train);

// Each tree sees a random subset of the features drawn without replacement: the package's default
// (with replacement) can give a tree the same feature twice and fewer distinct ones.
const trees = params.trees ?? 50;
const forest = new RandomForestClassifier({
  nEstimators: trees,
  maxFeatures: params.max_features ?? 1,
  replacement: false,
  seed,
  noOOB: true,
});
forest.train(
  numericRows(features, means)(train),
  train.map((row) => classes.indexOf(row[target] as string)),
);

const text = JSON.stringify({ classes, features, means, trees, forest: forest.toJSON() } satisfies SavedModel);
writeFileSync(join(modelDirectory(), "model.json"), text);
const scored = predictRows(JSON.parse(text) as SavedModel, test);
writeCsv(
  output,
  "predictions.csv",
  ["row_id", "prediction", ...classes.map((label) => `p_${label}`)],
  test.map((row, i) => [row.row_id, ...(scored[i] as unknown[])]),
);
console.log(`random forest of ${trees} trees trained on ${train.length} birds; predicted ${test.length}`);
