import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { decodePredictions, parsePredictionsCsv } from "../../../core/diff/predictions.ts";
import { calibrationCurve } from "../../../core/metrics/curves/calibration-curve.ts";
import { precisionRecallCurve } from "../../../core/metrics/curves/precision-recall-curve.ts";
import { rocCurve } from "../../../core/metrics/curves/roc-curve.ts";
import type { Evaluation } from "../../../core/schemas/evaluation.ts";
import { type Diagnostic, defineDiagnostic } from "../../../core/util/diagnostic.ts";

/** Points a drawn curve keeps at most: the page stays small, the shape does not change visibly. */
export const MAX_CURVE_POINTS = 150;
/** Residuals a scatter keeps at most (evenly spread over the rows sorted by prediction). */
export const MAX_RESIDUAL_POINTS = 150;

const Points = z.array(z.tuple([z.number(), z.number()]));

/** Curves of one evaluation, from its committed predictions: what a model page draws beyond the metrics. */
export const EvaluationCurvesSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("binary"),
      positive: z.string().describe("The positive class."),
      rows: z.number().int().describe("Rows the curves are computed from."),
      roc: Points.optional().describe("(false positive rate, true positive rate), from (0, 0) to (1, 1)."),
      precisionRecall: Points.optional().describe("(recall, precision), recall decreasing."),
      prevalence: z.number().optional().describe("Share of positive rows."),
      calibration: z
        .array(z.tuple([z.number(), z.number(), z.number().int()]))
        .describe("(mean predicted probability, observed share, rows) per non-empty bin."),
    }),
    z.strictObject({
      kind: z.literal("regression"),
      rows: z.number().int().describe("Rows the residuals come from."),
      residuals: Points.describe("(prediction, truth − prediction), at most MAX_RESIDUAL_POINTS rows."),
    }),
  ])
  .describe("Curves drawn from the committed predictions.");
export type EvaluationCurves = z.infer<typeof EvaluationCurvesSchema>;

/** Every `step`-th point and the last: at most `max` points, the ends kept. */
export function thinPoints<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as T);
}

/** The positive class of a binary evaluation: the card's, else the last label in sorted order (scikit-learn's). */
function positiveClass(evaluation: Evaluation, labels: readonly string[]): string | undefined {
  return evaluation.model.positive_class ?? [...labels].sort().at(-1);
}

/** Curves of a binary classifier from its predictions' `p_<positive>` column; undefined without it. */
export function binaryCurves(
  evaluation: Evaluation,
  table: ReturnType<typeof parsePredictionsCsv>,
): EvaluationCurves | undefined {
  const labels = evaluation.confusion_matrix?.labels ?? [...new Set(table.target)];
  const positive = positiveClass(evaluation, labels);
  const scores = positive === undefined ? undefined : table.probabilities.get(positive);
  if (!scores || positive === undefined) return undefined;
  const isPositive = (i: number) => table.target[i] === positive;
  const roc = rocCurve(scores, isPositive).curve;
  const pr = precisionRecallCurve(scores, isPositive).curve;
  const calibration = calibrationCurve(scores, isPositive);
  return {
    kind: "binary",
    positive,
    rows: scores.length,
    ...(roc
      ? {
          roc: thinPoints(
            roc.falsePositiveRate.map((x, i) => [x, roc.truePositiveRate[i] as number] as [number, number]),
            MAX_CURVE_POINTS,
          ),
        }
      : {}),
    ...(pr
      ? {
          precisionRecall: thinPoints(
            pr.recall.map((x, i) => [x, pr.precision[i] as number] as [number, number]),
            MAX_CURVE_POINTS,
          ),
          prevalence: pr.prevalence,
        }
      : {}),
    calibration: calibration.predicted.map(
      (x, i) => [x, calibration.observed[i] as number, calibration.counts[i] as number] as [number, number, number],
    ),
  };
}

/** Residuals (truth − prediction) against the prediction, thinned over the rows sorted by prediction. */
export function regressionCurves(table: ReturnType<typeof parsePredictionsCsv>): EvaluationCurves | undefined {
  const points: [number, number][] = [];
  for (let i = 0; i < table.target.length; i++) {
    const truth = Number(table.target[i]);
    const prediction = Number(table.prediction[i]);
    if (Number.isFinite(truth) && Number.isFinite(prediction)) points.push([prediction, truth - prediction]);
  }
  if (points.length === 0) return undefined;
  points.sort((a, b) => a[0] - b[0]);
  return { kind: "regression", rows: points.length, residuals: thinPoints(points, MAX_RESIDUAL_POINTS) };
}

/**
 * The curves of an evaluation from the predictions file it names (`provenance.predictions`):
 * ROC, precision–recall and calibration for binary classifiers, residuals for regressors;
 * nothing for multiclass. A missing file draws nothing; an unreadable one is a warning, never a
 * failed build.
 */
export async function loadCurves(
  root: string,
  evaluation: Evaluation,
): Promise<{ curves: EvaluationCurves | undefined; warning: Diagnostic | undefined }> {
  const task = evaluation.model.task;
  const file = evaluation.provenance.predictions.file;
  if (task === "multiclass-classification" || !file) return { curves: undefined, warning: undefined };
  try {
    const table = parsePredictionsCsv(decodePredictions(await readFile(join(root, file))));
    const curves = task === "regression" ? regressionCurves(table) : binaryCurves(evaluation, table);
    return { curves, warning: undefined };
  } catch (error) {
    // No file: nothing to draw (validate reports missing files); a file that does not parse is worth a warning.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { curves: undefined, warning: undefined };
    return {
      curves: undefined,
      warning: defineDiagnostic({
        file,
        code: "site.predictions-unreadable",
        severity: "warning",
        message: `the predictions could not be read for the model page's curves: ${(error as Error).message}`,
        hint: `run \`almanac evaluate ${evaluation.model.id}\` to write them again`,
      }),
    };
  }
}
