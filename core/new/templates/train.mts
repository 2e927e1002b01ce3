/**
 * BASELINE training entry point written by `almanac new model`: replace it with a real model.
 *
 * It follows Almanac's training contract (docs/training.md):
 *   ALMANAC_TRAIN     CSV of the train rows: the key column `row_id`, the features and the target
 *   ALMANAC_TEST      CSV of the test rows: `row_id` and the features (no target)
 *   ALMANAC_OUTPUT    directory to write predictions.csv into
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
 *
 * The `.mts` extension makes Node run it as an ES module whatever the nearest package.json says
 * (`npm init -y` writes "type": "commonjs", where a `.ts` file with `import` fails), so add your
 * own `import` lines freely.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEY = "row_id";

function fail(message: string): never {
  console.error(`train.mts: ${message}`);
  process.exit(2);
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) fail(`${name} is not set: run this through \`almanac train <model>\``);
  return value;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into records keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== "," && char !== "\n" && char !== "\r")) {
      field += char;
    } else if (char === ",") {
      endField();
    } else {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""])));
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(path: string, header: string[], rows: (string | number)[][]): void {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(","));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

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

if (task === "regression") {
  const mean = labels.reduce((sum, label, i) => sum + Number(label) * (weights[i] as number), 0) / totalWeight;
  writeCsv(
    output,
    [KEY, "prediction"],
    test.map((row) => [row[KEY] ?? "", mean]),
  );
} else {
  const counts = new Map<string, number>();
  labels.forEach((label, i) => {
    counts.set(label, (counts.get(label) ?? 0) + (weights[i] as number));
  });
  const declared = (JSON.parse(process.env.ALMANAC_CLASSES ?? "[]") as unknown[]).map(String);
  const classes = declared.length > 0 ? declared : [...counts.keys()].sort();
  const majority = classes.reduce((best, label) => ((counts.get(label) ?? 0) > (counts.get(best) ?? 0) ? label : best));
  const shares = classes.map((label) => (counts.get(label) ?? 0) / totalWeight);
  writeCsv(
    output,
    [KEY, "prediction", ...classes.map((label) => `p_${label}`)],
    test.map((row) => [row[KEY] ?? "", majority, ...shares]),
  );
}
console.log(`baseline (${task}) trained on ${labels.length} rows; wrote ${test.length} predictions to ${output}`);
