/**
 * The training command's side of the environment contract (docs/training.md), for entry points
 * written in TypeScript: read the variables and the two CSV splits, write predictions.csv. The
 * example models import it; any language can implement the same few lines (see penguin-sex/train.py).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csvFormatRows, csvParse } from "d3-dsv";

/** A CSV record: column name → cell text ("" for an empty cell). */
export type CsvRecord = Record<string, string>;

/** Everything `almanac train` hands a training command. */
export interface TrainingInputs {
  model: string;
  task: string;
  target: string;
  features: string[];
  params: Record<string, unknown>;
  seed: number;
  /** Sorted class labels (classification), else []. */
  classes: string[];
  /** Train rows: row_id, the features and the target. */
  train: CsvRecord[];
  /**
   * One weight per train row (in `train`'s order) when the card asks for a bias mitigation
   * (ALMANAC_WEIGHTS); null otherwise. Use them as sample weights.
   */
  weights: number[] | null;
  /** Test rows: row_id and the features, never the target. */
  test: CsvRecord[];
  /** Directory for predictions.csv, artifacts and training-log.csv. */
  output: string;
}

function variable(name: string): string {
  const value = process.env[name];
  if (value === undefined)
    throw new Error(`${name} is not set: run this through \`almanac train <model>\` or \`almanac predict <model>\``);
  return value;
}

/** Reads the contract's variables and both splits. Throws naming the variable when one is missing. */
export function readTrainingInputs(): TrainingInputs {
  const train = readCsv(variable("ALMANAC_TRAIN"));
  return {
    model: variable("ALMANAC_MODEL"),
    task: variable("ALMANAC_TASK"),
    target: variable("ALMANAC_TARGET"),
    features: variable("ALMANAC_FEATURES").split(","),
    params: JSON.parse(variable("ALMANAC_PARAMS")) as Record<string, unknown>,
    seed: Number(variable("ALMANAC_SEED")),
    classes: process.env.ALMANAC_CLASSES ? (JSON.parse(process.env.ALMANAC_CLASSES) as string[]) : [],
    train,
    weights: process.env.ALMANAC_WEIGHTS ? readWeights(process.env.ALMANAC_WEIGHTS, train) : null,
    test: readCsv(variable("ALMANAC_TEST")),
    output: variable("ALMANAC_OUTPUT"),
  };
}

/**
 * Reads ALMANAC_WEIGHTS (CSV `row_id,weight`) as one weight per train row, matched by row_id.
 * Throws naming the row_id of a train row the file does not weigh.
 */
export function readWeights(path: string, train: readonly CsvRecord[]): number[] {
  const byId = new Map(readCsv(path).map((row) => [row.row_id, Number(row.weight)]));
  return train.map((row) => {
    const weight = byId.get(row.row_id ?? "");
    if (weight === undefined) throw new Error(`ALMANAC_WEIGHTS has no weight for row_id ${row.row_id}`);
    return weight;
  });
}

/** Parses a CSV file with a header row (RFC 4180) into records of strings. */
export function readCsv(path: string): CsvRecord[] {
  return csvParse(readFileSync(path, "utf8")).map((row) => ({ ...row }) as CsvRecord);
}

/** The mean of each feature's non-empty cells: the values a model imputes for empty cells. */
export function columnMeans(features: readonly string[], rows: readonly CsvRecord[]): number[] {
  return features.map((feature) => {
    const values = rows.map((row) => row[feature] ?? "").filter((value) => value !== "");
    return values.reduce((sum, value) => sum + Number(value), 0) / values.length;
  });
}

/** Rows → numbers, empty cells replaced by the given means (saved with the model, so predict imputes alike). */
export function numericRows(features: readonly string[], means: readonly number[]) {
  return (rows: readonly CsvRecord[]): number[][] =>
    rows.map((row) => features.map((feature, f) => (row[feature] ? Number(row[feature]) : (means[f] as number))));
}

/**
 * The training-mean of each feature, for imputing empty cells; features × rows → numbers.
 * Empty cells of the test rows get the mean of the train rows, never a test statistic.
 */
export function numericMatrix(features: readonly string[], train: readonly CsvRecord[]) {
  return numericRows(features, columnMeans(features, train));
}

/** Everything `almanac predict` hands a predict command (docs/training.md, the predict contract). */
export interface PredictionInputs {
  model: string;
  features: string[];
  /** Sorted class labels (classification), else []. */
  classes: string[];
  /** The unpacked artifact: what the training command wrote to ALMANAC_MODEL_DIR. */
  modelDir: string;
  /** Rows to score: row_id and the features. */
  input: CsvRecord[];
  /** Directory for predictions.csv. */
  output: string;
}

/** Reads the predict contract's variables and the input rows. */
export function readPredictionInputs(): PredictionInputs {
  return {
    model: variable("ALMANAC_MODEL"),
    features: variable("ALMANAC_FEATURES").split(","),
    classes: process.env.ALMANAC_CLASSES ? (JSON.parse(process.env.ALMANAC_CLASSES) as string[]) : [],
    modelDir: variable("ALMANAC_MODEL_DIR"),
    input: readCsv(variable("ALMANAC_INPUT")),
    output: variable("ALMANAC_OUTPUT"),
  };
}

/** The model folder of a training run (ALMANAC_MODEL_DIR): where the artifact's files go. */
export function modelDirectory(): string {
  return variable("ALMANAC_MODEL_DIR");
}

/** Writes `<output>/<name>` as CSV: a header and rows, quoted where needed. */
export function writeCsv(
  output: string,
  name: string,
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
) {
  const text = csvFormatRows([[...header], ...rows.map((row) => row.map((cell) => String(cell)))]);
  writeFileSync(join(output, name), `${text}\n`);
}
