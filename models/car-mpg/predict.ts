/**
 * Scores rows with a registered car-mpg artifact under Almanac's predict contract
 * (docs/training.md): reads ALMANAC_MODEL_DIR/model.json and ALMANAC_INPUT, writes
 * ALMANAC_OUTPUT/predictions.csv (row_id,prediction). Run it through `almanac predict car-mpg`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readPredictionInputs, writeCsv } from "../../core/train/contract-inputs.ts";
import { predictRows, type SavedModel } from "./predictor.ts";

const { modelDir, input, output } = readPredictionInputs();
const saved = JSON.parse(readFileSync(join(modelDir, "model.json"), "utf8")) as SavedModel;
const predicted = predictRows(saved, input);
writeCsv(
  output,
  "predictions.csv",
  ["row_id", "prediction"],
  input.map((row, i) => [row.row_id, predicted[i]]),
);
