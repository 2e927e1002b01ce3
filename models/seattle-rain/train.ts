/**
 * Trains the Seattle rain-day classifier under Almanac's environment contract (docs/training.md):
 * a logistic regression (ml-logistic-regression) on standardised temperatures, temperature range,
 * wind and the month as a cycle. Writes ALMANAC_OUTPUT/predictions.csv with the positive class's
 * probability only (p_<positive>), scored from the saved model exactly as predict.ts scores, the
 * training curve as ALMANAC_OUTPUT/training-log.csv and the model as ALMANAC_MODEL_DIR/model.json
 * (the versioned artifact). Run it through `almanac train seattle-rain`.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Matrix } from "ml-matrix";
import { modelDirectory, readTrainingInputs, writeCsv } from "../../core/train/contract-inputs.ts";
import { design, engineered, predictRows, type SavedModel } from "./predictor.ts";

// ml-logistic-regression ships no type declarations.
interface TwoClassModel {
  testScores(features: Matrix): number[];
  weights: Matrix;
}
interface LogisticModel {
  classifiers: TwoClassModel[];
  train(features: Matrix, target: Matrix): void;
}
const LogisticRegression = createRequire(import.meta.url)("ml-logistic-regression") as new (options: {
  numSteps: number;
  learningRate: number;
}) => LogisticModel;

const { target, classes, train, test, output, ...inputs } = readTrainingInputs();
const params = inputs.params as { learning_rate?: number; iterations?: number };
const positive = process.env.ALMANAC_POSITIVE_CLASS ?? (classes.at(-1) as string);
const negative = classes.find((label) => label !== positive) as string;

const rawTrain = train.map(engineered);
const width = rawTrain[0]?.length ?? 0;
const centre = Array.from(
  { length: width },
  (_, f) => rawTrain.reduce((sum, x) => sum + (x[f] as number), 0) / rawTrain.length,
);
const scale = Array.from(
  { length: width },
  (_, f) =>
    Math.sqrt(
      rawTrain.reduce((sum, x) => sum + ((x[f] as number) - (centre[f] as number)) ** 2, 0) / rawTrain.length,
    ) || 1,
);
const xTrain = design(rawTrain, centre, scale);
const yTrain: number[] = train.map((row) => (row[target] === positive ? 1 : 0));

// The package sums (does not average) the gradient, so the card's learning rate is divided by n.
const iterations = params.iterations ?? 2000;
const learningRate = (params.learning_rate ?? 0.5) / train.length;
function fitSteps(steps: number): TwoClassModel {
  const model = new LogisticRegression({ numSteps: steps, learningRate });
  model.train(xTrain, Matrix.columnVector(yTrain));
  // One-vs-all: the first classifier separates class 0 from the rest, i.e. scores P(positive).
  return model.classifiers[0] as TwoClassModel;
}
function logLoss(model: TwoClassModel): number {
  const p = model.testScores(xTrain);
  const eps = 1e-15;
  return (
    -yTrain.reduce<number>(
      (sum, y, i) => sum + Math.log(Math.min(Math.max(y ? (p[i] as number) : 1 - (p[i] as number), eps), 1)),
      0,
    ) / yTrain.length
  );
}

// The training curve: the package restarts from zero weights on every call, so each checkpoint
// is a fresh fit with that many steps (cheap at this size).
const checkpoints = [1, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000].filter((steps) => steps < iterations);
const log = checkpoints.map((steps) => [steps, logLoss(fitSteps(steps))]);
const model = fitSteps(iterations);
log.push([iterations, logLoss(model)]);

const text = JSON.stringify({
  centre,
  scale,
  weights: model.weights.to2DArray(),
  positive,
  negative,
} satisfies SavedModel);
writeFileSync(join(modelDirectory(), "model.json"), text);
const scored = predictRows(JSON.parse(text) as SavedModel, test);
writeCsv(
  output,
  "predictions.csv",
  ["row_id", "prediction", `p_${positive}`],
  test.map((row, i) => [row.row_id, ...(scored[i] as [string, number])]),
);
writeCsv(output, "training-log.csv", ["iteration", "loss"], log);
console.log(`logistic regression: ${iterations} steps on ${train.length} days, train log loss ${log.at(-1)?.[1]}`);
