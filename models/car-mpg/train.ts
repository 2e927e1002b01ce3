/**
 * Trains the fuel-economy regressor under Almanac's environment contract (docs/training.md): a
 * multivariate linear regression (ml-regression-multivariate-linear) of mpg on six engine and
 * body figures. Writes ALMANAC_OUTPUT/predictions.csv (row_id,prediction) and the weights as
 * ALMANAC_OUTPUT/model.json. Run it through `almanac train car-mpg`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MultivariateLinearRegression from "ml-regression-multivariate-linear";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set: run this through \`almanac train car-mpg\``);
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
const params = JSON.parse(env("ALMANAC_PARAMS")) as { intercept?: boolean };
const train = readCsv(env("ALMANAC_TRAIN"));
const test = readCsv(env("ALMANAC_TEST"));

// Six cars lack horsepower: missing values are imputed with the training mean of the column.
const means = features.map((feature) => {
  const values = train
    .map((row) => row[feature])
    .filter((value) => value !== "" && value !== undefined)
    .map(Number);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
});
const matrix = (rows: Record<string, string>[]) =>
  rows.map((row) => features.map((feature, f) => (row[feature] === "" ? (means[f] as number) : Number(row[feature]))));

const regression = new MultivariateLinearRegression(
  matrix(train),
  train.map((row) => [Number(row[target])]),
  { intercept: params.intercept ?? true },
);
const predicted = regression.predict(matrix(test));
const lines = ["row_id,prediction", ...test.map((row, i) => `${row.row_id},${predicted[i]?.[0]}`)];
const output = env("ALMANAC_OUTPUT");
writeFileSync(join(output, "predictions.csv"), `${lines.join("\n")}\n`);
writeFileSync(join(output, "model.json"), JSON.stringify(regression.toJSON()));
console.log(
  `linear regression on ${features.length} features fitted to ${train.length} cars; predicted ${test.length}`,
);
