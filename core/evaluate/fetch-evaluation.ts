import type { Database } from "../data/duckdb.ts";
import { isDuckDBError } from "../data/duckdb-errors.ts";
import type { CheckOptions } from "../data/predictions-sql.ts";
import { quoteIdentifier } from "../data/sql.ts";
import { findingError, usageError } from "../util/errors.ts";
import type { JoinedColumns } from "./assemble.ts";
import type { EvaluationTarget } from "./evaluate-core.ts";
import { type FetchOptions, fetchInOrder, fetchJoined } from "./fetch-joined.ts";
import {
  checkPredictions,
  loadPredictionsFile,
  PREDICTIONS_TABLE,
  PROBABILITY_PREFIX,
  predictionColumns,
  predictionsRelation,
} from "./predictions-file.ts";

/** Checked predictions joined with the truth, all the metrics need: no database past this point. */
export interface FetchedEvaluation {
  joined: JoinedColumns;
  /** Class labels (classification) or null (regression). */
  labels: string[] | null;
  /** Index of the positive class (binary) or null. */
  positive: number | null;
}

/** A predictions file: its path, how messages name it, and its key column (default `row_id`). */
export interface PredictionsFile {
  path: string;
  shownAs: string;
  key?: string;
}

/**
 * Loads and checks a predictions file against the truth table and fetches both as typed arrays
 * (see fetchInOrder and fetchJoined). The caller may close the database afterwards: a million
 * rows leave ~100 MB in DuckDB that the metrics need not sit on top of.
 */
export async function fetchEvaluation(
  db: Database,
  file: PredictionsFile,
  target: EvaluationTarget,
): Promise<FetchedEvaluation> {
  const relation = predictionsRelation(file.path, file.key);
  const described = await predictionColumns(db, relation);
  const columns = described ?? (await loadPredictionsFile(db, file.path, file.shownAs, file.key));
  const probabilityLabels = columns
    .filter((column) => column.startsWith(PROBABILITY_PREFIX))
    .map((column) => column.slice(2));
  const regression = target.task === "regression";
  if (regression && probabilityLabels.length > 0)
    throw findingError(
      `regression predictions have probability columns (${probabilityLabels.map((l) => `p_${l}`).join(", ")})`,
      "write row_id,prediction only",
      file.shownAs,
    );
  const labels = regression
    ? null
    : typeof target.labels === "function"
      ? await target.labels(probabilityLabels, described ? relation : PREDICTIONS_TABLE)
      : (target.labels as string[]);
  const positive = labels === null ? null : positiveIndex(target, labels);
  const ordered = labels === null ? [] : checkProbabilityColumns(labels, probabilityLabels, positive, file.shownAs);
  const { checks, fetch } = fetchPlan(target, labels, ordered);
  const joined =
    (described && (await fetchUnchecked(db, relation, target, fetch, checks))) ||
    (await fetchChecked(db, file, { loaded: !described, target, fetch, checks }));
  return { joined, labels, positive };
}

/** What the predictions are checked for, and what is fetched of them and the truth. */
function fetchPlan(
  target: EvaluationTarget,
  labels: string[] | null,
  ordered: string[],
): { checks: CheckOptions; fetch: FetchOptions } {
  const checks: CheckOptions = {
    predictions: PREDICTIONS_TABLE,
    truth: target.truthTable,
    labels,
    probabilityColumns: ordered.map((label) => `${PROBABILITY_PREFIX}${label}`),
    checkSum: labels !== null && ordered.length === labels.length,
  };
  const fetch: FetchOptions = {
    truthTable: target.truthTable,
    targetColumn: target.targetColumn,
    sensitive: target.sensitive,
    labels,
    probabilityLabels: ordered,
    withRowIds: target.withRowIds ?? false,
  };
  return { checks, fetch };
}

/**
 * The fast path: predictions in the truth's row order, read from the file beside the truth
 * without loading it (see fetchInOrder). Null when anything is off (a row out of order, a check
 * that fails, a truth with one class, a file DuckDB cannot read to the end), for the checked
 * path to find and report.
 */
async function fetchUnchecked(
  db: Database,
  relation: string,
  target: EvaluationTarget,
  fetch: FetchOptions,
  checks: CheckOptions,
): Promise<JoinedColumns | null> {
  if (target.task !== "regression" && (await truthClasses(db, target)).length < 2) return null;
  try {
    return await fetchInOrder(db, relation, fetch, checks);
  } catch (error) {
    if (isDuckDBError(error)) return null;
    throw error;
  }
}

/** The checked path: loads the predictions, reports every problem, then joins them by key. */
async function fetchChecked(
  db: Database,
  file: PredictionsFile,
  options: { loaded: boolean; target: EvaluationTarget; fetch: FetchOptions; checks: CheckOptions },
): Promise<JoinedColumns> {
  if (!options.loaded) await loadPredictionsFile(db, file.path, file.shownAs, file.key);
  await checkPredictions(db, file.shownAs, options.checks);
  if (options.target.task !== "regression") await checkTruthClasses(db, options.target);
  return fetchJoined(db, options.fetch);
}

function positiveIndex(target: EvaluationTarget, labels: string[]): number | null {
  if (target.task !== "binary-classification") return null;
  if (labels.length !== 2)
    throw usageError(
      `a binary task needs exactly two classes; found ${labels.length}: ${labels.join(", ")}`,
      "use --task multiclass-classification",
    );
  if (target.positiveClass === null) return 1;
  const index = labels.indexOf(target.positiveClass);
  if (index < 0)
    throw usageError(
      `positive class "${target.positiveClass}" is not a class (${labels.join(", ")})`,
      respelledHint(target.positiveClass, labels) ??
        "set evaluation.positive_class (or --positive) to one of the classes",
    );
  return index;
}

/**
 * The fix when the positive class names a class by another spelling of its number (YAML reads an
 * unquoted `01` or `1.0` as the number 1): quote the class as the labels spell it.
 */
function respelledHint(positive: string, labels: string[]): string | undefined {
  const value = Number(positive);
  const spelled = labels.find((label) => label.trim() !== "" && Number(label) === value);
  if (positive.trim() === "" || Number.isNaN(value) || spelled === undefined) return undefined;
  return `the labels spell it "${spelled}": quote it in the card (positive_class: "${spelled}"), since YAML reads an unquoted ${spelled} as the number ${positive}`;
}

function checkProbabilityColumns(
  labels: string[],
  present: string[],
  positive: number | null,
  shownAs: string,
): string[] {
  const unknown = present.filter((label) => !labels.includes(label));
  if (unknown.length > 0)
    throw findingError(
      `probability columns for unknown classes: ${unknown.map((l) => `p_${l}`).join(", ")} (classes: ${labels.join(", ")})`,
      "name probability columns p_<class> with the exact class labels",
      shownAs,
    );
  const ordered = labels.filter((label) => present.includes(label));
  if (ordered.length === 0 || ordered.length === labels.length) return ordered;
  const positiveLabel = positive === null ? undefined : labels[positive];
  if (positiveLabel !== undefined && ordered.length === 1 && ordered[0] === positiveLabel) return ordered;
  const missing = labels.filter((label) => !present.includes(label)).map((l) => `p_${l}`);
  throw findingError(
    `probability columns missing: ${missing.join(", ")}`,
    positiveLabel === undefined
      ? "give one p_<class> column per class, or none"
      : `give p_${positiveLabel} alone, or one column per class`,
    shownAs,
  );
}

/** The distinct class labels of the truth's target (up to two suffice to know it has two). */
async function truthClasses(db: Database, target: EvaluationTarget): Promise<string[]> {
  const rows = await db.all(
    `SELECT DISTINCT CAST(${quoteIdentifier(target.targetColumn)} AS VARCHAR) AS label FROM ${quoteIdentifier(target.truthTable)}`,
  );
  return rows.map((row) => String(row.label));
}

async function checkTruthClasses(db: Database, target: EvaluationTarget): Promise<void> {
  const labels = await truthClasses(db, target);
  if (labels.length < 2)
    throw findingError(
      `the evaluated split has a single class (${labels.join("")}): classification metrics need at least two`,
      "change the split (seed, test_fraction or test_values) so the test rows hold every class",
    );
}
