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
 *
 * The baseline ignores the features: it predicts the most frequent class (with the class shares
 * as probabilities) or the mean of the target. Any real model should beat it; keep it as the
 * yardstick in your evaluation notes. It uses only Node's standard library, so it runs anywhere.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEY = "row_id";

function fail(message: string): never {
  console.error(`train.ts: ${message}`);
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
const labels = train.map((row) => row[target] ?? "").filter((label) => label !== "");
if (labels.length === 0) fail(`the train split has no values in target column "${target}"`);

if (task === "regression") {
  const mean = labels.reduce((sum, label) => sum + Number(label), 0) / labels.length;
  writeCsv(
    output,
    [KEY, "prediction"],
    test.map((row) => [row[KEY] ?? "", mean]),
  );
} else {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const declared = (JSON.parse(process.env.ALMANAC_CLASSES ?? "[]") as unknown[]).map(String);
  const classes = declared.length > 0 ? declared : [...counts.keys()].sort();
  const majority = classes.reduce((best, label) => ((counts.get(label) ?? 0) > (counts.get(best) ?? 0) ? label : best));
  const shares = classes.map((label) => (counts.get(label) ?? 0) / labels.length);
  writeCsv(
    output,
    [KEY, "prediction", ...classes.map((label) => `p_${label}`)],
    test.map((row) => [row[KEY] ?? "", majority, ...shares]),
  );
}
console.log(`baseline (${task}) trained on ${labels.length} rows; wrote ${test.length} predictions to ${output}`);
