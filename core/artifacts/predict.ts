import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Database, withDatabase } from "../data/duckdb.ts";
import { copyCsvSql, createSourceSql } from "../data/split-sql.ts";
import { formatFromPath, readSourceSql } from "../data/sql.ts";
import { sortLabels } from "../evaluate/labels.ts";
import { checkPredictions, loadPredictionsFile, PREDICTIONS_TABLE } from "../evaluate/predictions-file.ts";
import { durationToMs } from "../schemas/common.ts";
import { PASSED_THROUGH } from "../train/environment.ts";
import { runCommand } from "../train/run-command.ts";
import { findingError, usageError } from "../util/errors.ts";
import { PREDICT_INPUT_TABLE, PREDICT_SOURCE_TABLE, predictInputSql, predictOutputSql } from "./predict-sql.ts";
import { type ResolvedVersion, resolveVersion } from "./resolve.ts";
import { storeFor } from "./store-of.ts";
import { obtainArtifact, refOf } from "./transfer.ts";
import { unpackArtifact } from "./unpack.ts";

/** The outcome of `almanac predict`. */
export interface PredictResult {
  model: string;
  version: string;
  sha256: string;
  rows: number;
  out: string;
  commandMs: number;
}

/** Options of one batch scoring. */
export interface PredictOptions {
  root: string;
  spec: string;
  stage?: string | undefined;
  data: string;
  out: string;
  env: NodeJS.ProcessEnv;
  onOutput: (line: string, stream: "stdout" | "stderr") => void;
}

/**
 * `almanac predict <model>[@version] --data FILE --out FILE`: batch scoring with the registered
 * artifact. Resolves the version from the committed files, takes its verified artifact (local
 * cache, else the store), unpacks it, writes the rows' features as ALMANAC_INPUT, runs the card's
 * `predict.command` under the predict contract (docs/training.md), checks the predictions as
 * evaluation does, and writes them with the evaluation's columns to `out` (temp file + rename).
 */
export async function predictWithArtifact(options: PredictOptions): Promise<PredictResult> {
  const resolved = await resolveVersion(options.root, options.spec, { stage: options.stage });
  const predict = resolved.card.predict;
  if (!predict)
    throw usageError(
      `${resolved.model} declares no predict command`,
      "add `predict: { command: node predict.ts }` to the card (docs/training.md, the predict contract)",
    );
  const data = resolve(options.data);
  const format = formatFromPath(data);
  if (!existsSync(data)) throw usageError(`--data ${options.data} does not exist`);
  if (!format) throw usageError(`--data ${options.data}: unknown format`, "use .csv, .parquet, .json or .ndjson");
  const ref = refOf(resolved.model, resolved.version, resolved.artifact);
  const artifact = await obtainArtifact(options.root, ref, () =>
    storeFor(resolved.card, { root: options.root, env: options.env }),
  );
  const workdir = await mkdtemp(join(tmpdir(), `almanac-predict-${resolved.model}-`));
  try {
    const paths = { model: join(workdir, "model"), input: join(workdir, "input.csv"), output: join(workdir, "output") };
    await unpackArtifact(artifact, ref.mediaType, paths.model);
    await mkdir(paths.output);
    return await withDatabase(async (db) => {
      const rows = await loadInput(db, readSourceSql(data, format), resolved, options.data);
      await db.run(
        copyCsvSql(`SELECT * EXCLUDE (almanac_ord) FROM ${PREDICT_INPUT_TABLE} ORDER BY almanac_ord`, paths.input),
      );
      const outcome = await runPredict(resolved, predict, options, paths);
      const written = join(paths.output, "predictions.csv");
      if (!existsSync(written))
        throw findingError(
          `${resolved.model}: the predict command wrote no predictions`,
          "write ALMANAC_OUTPUT/predictions.csv (row_id,prediction[,p_<class>...])",
        );
      const shownAs = `${resolved.model}: ALMANAC_OUTPUT/predictions.csv`;
      const columns = await loadPredictionsFile(db, written, shownAs);
      const probabilities = probabilityColumns(columns, resolved.labels);
      await checkPredictions(db, shownAs, {
        predictions: PREDICTIONS_TABLE,
        truth: PREDICT_INPUT_TABLE,
        labels: resolved.labels,
        probabilityColumns: probabilities,
        checkSum: true,
      });
      const out = resolve(options.out);
      const temp = `${out}.tmp-${process.pid}-${Date.now()}.csv`;
      try {
        await db.run(copyCsvSql(predictOutputSql(PREDICTIONS_TABLE, probabilities), temp));
        await rename(temp, out);
      } finally {
        await rm(temp, { force: true });
      }
      return { model: ref.model, version: ref.version, sha256: ref.sha256, rows, out, commandMs: outcome };
    });
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

async function loadInput(db: Database, readSql: string, resolved: ResolvedVersion, shownAs: string): Promise<number> {
  let columns: string[];
  try {
    await db.run(createSourceSql(PREDICT_SOURCE_TABLE, readSql));
    columns = (await db.all(`SELECT column_name FROM (DESCRIBE ${PREDICT_SOURCE_TABLE})`)).map((row) =>
      String(row.column_name),
    );
  } catch (error) {
    throw findingError(`cannot read --data ${shownAs}: ${(error as Error).message.split("\n")[0]}`);
  }
  const features = resolved.card.dataset.features;
  const missing = features.filter((feature) => !columns.includes(feature));
  if (missing.length > 0)
    throw findingError(
      `--data ${shownAs} lacks the feature column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of ${resolved.model}`,
      `the model reads ${features.join(", ")} (columns found: ${columns.join(", ")})`,
    );
  await db.run(predictInputSql(features, columns.includes("row_id")));
  const rows = await db.all(
    `SELECT count(*)::INTEGER AS n, count(DISTINCT row_id)::INTEGER AS d FROM ${PREDICT_INPUT_TABLE}`,
  );
  const { n, d } = rows[0] as { n: number; d: number };
  if (Number(n) !== Number(d))
    throw findingError(
      `--data ${shownAs}: row_id is not unique`,
      "give each row its own row_id, or leave the column out",
    );
  return Number(n);
}

/** The p_<class> columns the command wrote, in sorted class order; unknown classes are refused. */
function probabilityColumns(columns: readonly string[], labels: string[] | null): string[] {
  const found = columns.filter((column) => column.startsWith("p_"));
  if (labels === null) return [];
  const unknown = found.filter((column) => !labels.includes(column.slice(2)));
  if (unknown.length > 0)
    throw findingError(
      `probability columns for unknown classes: ${unknown.join(", ")}`,
      `classes: ${labels.join(", ")}`,
    );
  return sortLabels(found.map((column) => column.slice(2))).map((label) => `p_${label}`);
}

async function runPredict(
  resolved: ResolvedVersion,
  predict: NonNullable<ResolvedVersion["card"]["predict"]>,
  options: PredictOptions,
  paths: { model: string; input: string; output: string },
): Promise<number> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) if (options.env[name] !== undefined) env[name] = options.env[name] as string;
  Object.assign(env, {
    ALMANAC_MODEL_DIR: paths.model,
    ALMANAC_INPUT: paths.input,
    ALMANAC_OUTPUT: paths.output,
    ALMANAC_FEATURES: resolved.card.dataset.features.join(","),
    ALMANAC_TASK: resolved.card.task,
    ALMANAC_MODEL: resolved.model,
    ALMANAC_VERSION: resolved.version,
    ...(resolved.labels ? { ALMANAC_CLASSES: JSON.stringify(resolved.labels) } : {}),
    ...(resolved.positiveClass ? { ALMANAC_POSITIVE_CLASS: resolved.positiveClass } : {}),
  });
  const prefix = `[${resolved.model}] `;
  const run = await runCommand({
    command: predict.command,
    cwd: join(options.root, "models", resolved.model),
    env,
    timeoutMs: durationToMs(predict.timeout),
    onStdout: (line) => options.onOutput(prefix + line, "stdout"),
    onStderr: (line) => options.onOutput(prefix + line, "stderr"),
  });
  if (run.timedOut)
    throw findingError(`${resolved.model}: the predict command timed out`, "raise predict.timeout in the card");
  if (run.exitCode !== 0)
    throw findingError(
      `${resolved.model}: the predict command \`${predict.command}\` failed with ${run.exitCode === null ? `signal ${run.signal}` : `exit code ${run.exitCode}`}${run.stderrTail.length > 0 ? `\n${run.stderrTail.map((line) => `  ${line}`).join("\n")}` : ""}`,
      `run it yourself in models/${resolved.model} with the variables of docs/training.md to debug`,
    );
  return run.durationMs;
}

/** A data file to score with one version's published artifact. */
export interface ScoreRequest {
  root: string;
  model: string;
  /** The version whose published artifact scores the rows. */
  version: string;
  /** CSV with row_id and the card's features. */
  data: string;
  /** Where the predictions CSV (row_id,prediction[,p_<class>…]) is written. */
  out: string;
  env: NodeJS.ProcessEnv;
  onOutput: (line: string, stream: "stdout" | "stderr") => void;
}

/**
 * Scores a data file with `model`@`version`'s verified artifact (the shape `almanac retrain`'s
 * production scorer takes): `predictWithArtifact` with the version spelled out.
 */
export async function scoreWithArtifact(request: ScoreRequest): Promise<{ sha256: string; rows: number }> {
  const { model, version, ...rest } = request;
  const result = await predictWithArtifact({ ...rest, spec: `${model}@${version}` });
  return { sha256: result.sha256, rows: result.rows };
}
