/**
 * Trains the penguin species classifier under Almanac's environment contract (docs/training.md):
 * a random forest (ml-random-forest) on four body measurements. Reads ALMANAC_TRAIN / ALMANAC_TEST,
 * writes ALMANAC_OUTPUT/predictions.csv with one probability column per species, and the forest
 * as ALMANAC_OUTPUT/model.json. Run it through `almanac train penguin-species`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RandomForestClassifier } from "ml-random-forest";
import { numericMatrix, readTrainingInputs, writeCsv } from "../../core/train/contract-inputs.ts";

const { features, target, classes, seed, train, test, output, ...inputs } = readTrainingInputs();
const params = inputs.params as { trees?: number; max_features?: number };
// Missing measurements are imputed with the training mean of the column.
const matrix = numericMatrix(features, train);

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
  matrix(train),
  train.map((row) => classes.indexOf(row[target] as string)),
);

// Class probabilities are the trees' vote shares with Laplace smoothing ((votes + 1) / (trees + k)),
// so no class gets probability 0 from a finite forest; the prediction is the most voted class.
const votes = forest.predictionValues(matrix(test));
const lines: unknown[][] = [];
test.forEach((row, i) => {
  const counts = classes.map(() => 0);
  for (const vote of votes.getRow(i)) counts[vote] = (counts[vote] as number) + 1;
  const best = counts.indexOf(Math.max(...counts));
  const probabilities = counts.map((count) => (count + 1) / (trees + classes.length));
  lines.push([row.row_id, classes[best], ...probabilities]);
});
writeCsv(output, "predictions.csv", ["row_id", "prediction", ...classes.map((label) => `p_${label}`)], lines);
writeFileSync(join(output, "model.json"), JSON.stringify(forest.toJSON()));
console.log(`random forest of ${trees} trees trained on ${train.length} birds; predicted ${test.length}`);
