/**
 * BASELINE training entry point written by `almanac new model`: replace it with a real model.
 *
 * It follows Almanac's training contract (docs/training.md):
 *   ALMANAC_TRAIN     CSV of the train rows: the key column `row_id`, the features and the target
 *   ALMANAC_TEST      CSV of the test rows: `row_id` and the features (no target)
 *   ALMANAC_OUTPUT    directory to write predictions.csv into
 *   ALMANAC_MODEL_DIR directory for the model itself: the baseline goes to baseline.json there, the
 *                     version's artifact, which predict.mts reads (`almanac predict <model>`)
 *   ALMANAC_TARGET    name of the target column
 *   ALMANAC_TASK      binary-classification | multiclass-classification | regression
 *   ALMANAC_CLASSES   JSON array of the sorted class labels (classification)
 *   ALMANAC_FEATURES  comma-separated feature columns; ALMANAC_PARAMS (JSON) and ALMANAC_SEED also arrive
 *   ALMANAC_WEIGHTS   CSV row_id,weight of every train row, only when the card asks for a bias
 *                     mitigation (fairness.mitigation: reweighing): use them as sample weights
 *
 * The baseline ignores the features: it predicts the most frequent class (with the class shares
 * as probabilities) or the mean of the target, each weighted by ALMANAC_WEIGHTS when given. Any real model should beat it; keep it as the
 * yardstick in your evaluation notes. It uses only Node's standard library, so it runs anywhere.
 * The test rows are scored from the saved model by baseline.mts's `scoreRows`, the code predict.mts
 * runs: when you replace the model, keep what training saves and what predict reads in step.
 *
 * The `.mts` extension makes Node run it as an ES module whatever the nearest package.json says
 * (`npm init -y` writes "type": "commonjs", where a `.ts` file with `import` fails), so add your
 * own `import` lines freely.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Baseline, fail, KEY, parseCsv, requireEnv, scoreRows } from "./baseline.mts";

const train = parseCsv(readFileSync(requireEnv("ALMANAC_TRAIN"), "utf8"));
const test = parseCsv(readFileSync(requireEnv("ALMANAC_TEST"), "utf8"));
const target = requireEnv("ALMANAC_TARGET");
const task = requireEnv("ALMANAC_TASK");
const output = join(requireEnv("ALMANAC_OUTPUT"), "predictions.csv");
const labelled = train.filter((row) => (row[target] ?? "") !== "");
const labels = labelled.map((row) => row[target] as string);
if (labels.length === 0) fail(`the train split has no values in target column "${target}"`);
const weightOf = readWeights(process.env.ALMANAC_WEIGHTS);
const weights = labelled.map((row) => weightOf(row[KEY] ?? ""));
const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);

/** Sample weights by row_id from ALMANAC_WEIGHTS (CSV row_id,weight); every row weighs 1 without it. */
function readWeights(path: string | undefined): (id: string) => number {
  if (!path) return () => 1;
  const byId = new Map(parseCsv(readFileSync(path, "utf8")).map((row) => [row.row_id ?? "", Number(row.weight)]));
  return (id) => byId.get(id) ?? fail(`ALMANAC_WEIGHTS has no weight for row_id ${id}`);
}

let baseline: Baseline;
if (task === "regression") {
  const mean = labels.reduce((sum, label, i) => sum + Number(label) * (weights[i] as number), 0) / totalWeight;
  baseline = { task, mean };
} else {
  const counts = new Map<string, number>();
  labels.forEach((label, i) => {
    counts.set(label, (counts.get(label) ?? 0) + (weights[i] as number));
  });
  const declared = (JSON.parse(process.env.ALMANAC_CLASSES ?? "[]") as unknown[]).map(String);
  const classes = declared.length > 0 ? declared : [...counts.keys()].sort();
  const majority = classes.reduce((best, label) => ((counts.get(label) ?? 0) > (counts.get(best) ?? 0) ? label : best));
  const shares = classes.map((label) => (counts.get(label) ?? 0) / totalWeight);
  baseline = { task, prediction: majority, classes, shares };
}
// The model itself, written only when Almanac asks (the artifact): no timestamps, so training twice
// gives the same bytes. Scoring from its JSON round trip is what predict.mts does.
const saved = `${JSON.stringify(baseline, null, 2)}\n`;
const modelDir = process.env.ALMANAC_MODEL_DIR;
if (modelDir) writeFileSync(join(modelDir, "baseline.json"), saved);
scoreRows(JSON.parse(saved) as Baseline, test, output);
console.log(`baseline (${task}) trained on ${labels.length} rows; wrote ${test.length} predictions to ${output}`);
