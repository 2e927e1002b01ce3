/**
 * Predict entry point written by `almanac new model`: scores rows with the version's artifact.
 *
 * It follows Almanac's predict contract (docs/training.md); run it with `almanac predict <model>`:
 *   ALMANAC_MODEL_DIR the artifact: the baseline.json train.mts saved
 *   ALMANAC_INPUT     CSV of the rows to score: `row_id` and the features
 *   ALMANAC_OUTPUT    directory to write predictions.csv into: row_id,prediction[,p_<class>...]
 *
 * It scores with baseline.mts's `scoreRows`, as training did, so the test rows get exactly the
 * evaluated predictions. When you replace the model, keep this in step with what train.mts saves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Baseline, parseCsv, requireEnv, scoreRows } from "./baseline.mts";

const baseline = JSON.parse(readFileSync(join(requireEnv("ALMANAC_MODEL_DIR"), "baseline.json"), "utf8")) as Baseline;
const rows = parseCsv(readFileSync(requireEnv("ALMANAC_INPUT"), "utf8"));
scoreRows(baseline, rows, join(requireEnv("ALMANAC_OUTPUT"), "predictions.csv"));
console.log(`scored ${rows.length} rows`);
