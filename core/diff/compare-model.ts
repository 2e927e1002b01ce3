import { uncommittedWarning } from "../evaluate/provenance-text.ts";
import { DEFAULT_INTERVALS, type IntervalSettings } from "../evaluate/settings.ts";
import type { AffectedModel } from "../lifecycle/affected.ts";
import { compareCards } from "./card-diff.ts";
import { compareDatasets } from "./dataset-diff.ts";
import { compareFairness } from "./fairness-diff.ts";
import { checkGates } from "./gates.ts";
import { compareMetrics } from "./metrics-diff.ts";
import { type PredictionDeltas, predictionDeltas } from "./prediction-deltas.ts";
import type { DataDrift, DatasetComparison, DriftHeadline, ModelComparison, ModelSide, TrendPoint } from "./types.ts";
import { judgeModel } from "./verdict.ts";
import { versionNotBumped } from "./version-bump.ts";

/** What the collector knows beyond the two sides. */
export interface CompareContext {
  /** Primary metric across versions, oldest first. */
  trend: TrendPoint[];
  /** Why there is no trend (e.g. shallow clone). */
  trendProblem?: string;
  /** Drift of the head data against the base data, when the collector computed it. */
  dataDrift?: { drift?: DataDrift; problem?: string };
  /** Files of the model's folder (other than model.md) that differ between base and head. */
  trainingFiles?: readonly string[];
}

/**
 * Everything a change does to one model, from its two sides: card changes, metrics with
 * intervals and verdicts, gates, fairness, dataset changes, drift, and what could not be
 * compared (each a sentence in `problems`). Never throws on bad data. Pure.
 */
export function compareModel(
  entry: Pick<AffectedModel, "id" | "status" | "reasons" | "renamedFrom">,
  base: ModelSide,
  head: ModelSide,
  context: CompareContext,
): ModelComparison {
  const card = head.card ?? base.card;
  const settings: IntervalSettings = card?.evaluation.bootstrap ?? DEFAULT_INTERVALS;
  const problems = sideProblems(entry.status, base, head);
  if (context.trendProblem) problems.push(context.trendProblem);
  const predictions = computeDeltas(base, head, settings, problems);
  const metrics = compareMetrics({
    base: base.evaluation,
    head: head.evaluation,
    primary: card?.evaluation.primary_metric ?? head.evaluation?.model.primary_metric ?? null,
    confidence: settings.confidence,
    deltas: predictions.result?.deltas ?? null,
    deltasProblem: predictions.problem,
  });
  const gates = head.card ? checkGates(head.card.evaluation.gates, head.evaluation, base.evaluation) : [];
  const dataset = withDataDrift(compareDatasets(base.dataset, head.dataset), context.dataDrift);
  const notBumped = versionNotBumped(base.card, head.card, { trainingFiles: context.trainingFiles ?? [], dataset });
  const comparison: Omit<ModelComparison, "verdict" | "summary"> = {
    model: entry.id,
    status: entry.status,
    ...(entry.renamedFrom ? { renamedFrom: entry.renamedFrom } : {}),
    reasons: entry.reasons,
    task: card?.task ?? head.evaluation?.model.task ?? null,
    primaryMetric: card?.evaluation.primary_metric ?? null,
    versions: { base: base.card?.version ?? null, head: head.card?.version ?? null },
    confidence: settings.confidence,
    cardChanges: entry.status === "removed" ? [] : compareCards(base.card, head.card),
    metrics,
    pairing: predictions.result
      ? { paired: predictions.result.pairing.paired, reason: predictions.result.pairing.reason }
      : null,
    gates,
    fairness: compareFairness(base.evaluation, head.evaluation),
    dataset,
    drift: driftHeadline(base, head),
    trend: context.trend,
    ...(head.evaluation?.mitigation && entry.status !== "removed" ? { mitigation: head.evaluation.mitigation } : {}),
    problems,
    warnings: [notBumped, uncommittedHead(base, head)].filter((warning) => warning !== undefined),
  };
  return { ...comparison, ...judgeModel(comparison) };
}

function sideProblems(status: ModelComparison["status"], base: ModelSide, head: ModelSide): string[] {
  const problems: string[] = [];
  for (const message of base.cardProblems) problems.push(`card invalid at the base: ${message}`);
  for (const message of head.cardProblems) problems.push(`card invalid at the head: ${message}`);
  if (status === "removed") return problems;
  if (head.evaluationProblem) problems.push(`head: ${head.evaluationProblem}`);
  if (status !== "added" && base.evaluationProblem) problems.push(`base: ${base.evaluationProblem}`);
  if (head.datasetProblem) problems.push(`head: ${head.datasetProblem}`);
  const evaluated = head.evaluation?.model.version;
  if (head.card && evaluated !== undefined && evaluated !== head.card.version) {
    problems.push(
      `the head evaluation is of version ${evaluated} but the card says ${head.card.version}: it is stale (run almanac evaluate ${head.card.id} and commit the report)`,
    );
  }
  return problems;
}

function computeDeltas(
  base: ModelSide,
  head: ModelSide,
  settings: IntervalSettings,
  problems: string[],
): { result?: PredictionDeltas; problem?: string } {
  if (!base.evaluation || !head.evaluation) return { problem: "no evaluation on one side" };
  const missing = !base.predictions ? base.predictionsProblem : !head.predictions ? head.predictionsProblem : undefined;
  if (missing || !base.predictions || !head.predictions) {
    const problem = missing ?? "no predictions file";
    problems.push(`no paired interval: ${problem}`);
    return { problem };
  }
  const task = head.evaluation.model.task;
  try {
    const positive = head.card?.evaluation.positive_class ?? head.evaluation.model.positive_class;
    const result = predictionDeltas(task, base.predictions, head.predictions, settings, positive?.toString());
    if (!result.pairing.paired) problems.push(`intervals are unpaired: ${result.pairing.reason}`);
    return { result };
  } catch (error) {
    const problem = `the predictions could not be compared: ${(error as Error).message}`;
    problems.push(problem);
    return { problem };
  }
}

function withDataDrift(
  dataset: DatasetComparison | null,
  result: CompareContext["dataDrift"],
): DatasetComparison | null {
  if (!dataset || !result) return dataset;
  return {
    ...dataset,
    ...(result.drift ? { drift: result.drift } : {}),
    ...(result.problem ? { driftProblem: result.problem } : {}),
  };
}

function driftHeadline(base: ModelSide, head: ModelSide): DriftHeadline | null {
  const drift = head.drift;
  if (!drift) return null;
  const report = drift.report;
  const isNew =
    !base.drift || base.drift.path !== drift.path || JSON.stringify(base.drift.report) !== JSON.stringify(report);
  return {
    path: drift.path,
    date: report.date,
    drifted: report.dataset_drift,
    share: report.drift_share,
    threshold: report.drift_share_threshold,
    driftedColumns: report.columns.filter((column) => column.drifted).map((column) => column.column),
    columns: report.columns.length,
    new: isNew,
  };
}

/** The warning for a head evaluation, new in this change, made on code that was not committed. */
function uncommittedHead(base: ModelSide, head: ModelSide): string | undefined {
  const evaluation = head.evaluation;
  if (!evaluation || JSON.stringify(base.evaluation) === JSON.stringify(evaluation)) return undefined;
  return uncommittedWarning(evaluation.provenance, "the head evaluation");
}
