/**
 * Trains the penguin species classifier under Almanac's environment contract (docs/training.md):
 * a random forest (ml-random-forest) on four body measurements. Reads ALMANAC_TRAIN / ALMANAC_TEST,
 * writes ALMANAC_OUTPUT/predictions.csv with one probability column per species, and the forest
 * as ALMANAC_OUTPUT/model.json. Run it through `almanac train penguin-species`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RandomForestClassifier } from "ml-random-forest";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set: run this through \`almanac train penguin-species\``);
  return value;
}

/** Parses a CSV with a header (RFC 4180 quoting) into records of strings; empty cells are "". */
function readCsv(path: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const text = readFileSync(path, "utf8");
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== "," && char !== "\n" && char !== "\r")) {
      cell += char;
    } else if (char !== "\r") {
      row.push(cell);
      cell = "";
      if (char === "\n") {
        rows.push(row);
        row = [];
      }
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, c) => [name, cells[c] ?? ""])));
}

const features = env("ALMANAC_FEATURES").split(",");
const target = env("ALMANAC_TARGET");
const classes = JSON.parse(env("ALMANAC_CLASSES")) as string[];
const params = JSON.parse(env("ALMANAC_PARAMS")) as { trees?: number; max_features?: number };
const seed = Number(env("ALMANAC_SEED"));
const train = readCsv(env("ALMANAC_TRAIN"));
const test = readCsv(env("ALMANAC_TEST"));

// Missing measurements are imputed with the training mean of the column.
const means = features.map((feature) => {
  const values = train
    .map((row) => row[feature])
    .filter((value) => value !== "" && value !== undefined)
    .map(Number);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
});
const matrix = (rows: Record<string, string>[]) =>
  rows.map((row) => features.map((feature, f) => (row[feature] === "" ? (means[f] as number) : Number(row[feature]))));

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
const lines = [["row_id", "prediction", ...classes.map((label) => `p_${label}`)].join(",")];
test.forEach((row, i) => {
  const counts = classes.map(() => 0);
  for (const vote of votes.getRow(i)) counts[vote] = (counts[vote] as number) + 1;
  const best = counts.indexOf(Math.max(...counts));
  const probabilities = counts.map((count) => (count + 1) / (trees + classes.length));
  lines.push([row.row_id, classes[best], ...probabilities].join(","));
});
const output = env("ALMANAC_OUTPUT");
writeFileSync(join(output, "predictions.csv"), `${lines.join("\n")}\n`);
writeFileSync(join(output, "model.json"), JSON.stringify(forest.toJSON()));
console.log(`random forest of ${trees} trees trained on ${train.length} birds; predicted ${test.length}`);
