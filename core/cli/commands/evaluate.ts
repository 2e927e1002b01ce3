import type { Command } from "commander";
import { evaluationPath, readBaselineFile, readBaselineRef } from "../../evaluate/baseline.ts";
import { evaluateAdHoc } from "../../evaluate/evaluate-ad-hoc.ts";
import { evaluateModel } from "../../evaluate/evaluate-model.ts";
import type { Baseline } from "../../evaluate/gates.ts";
import { renderEvaluation, renderFairness, renderMetrics } from "../../evaluate/render.ts";
import { predictionsPath } from "../../evaluate/report.ts";
import { DEFAULT_INTERVALS } from "../../evaluate/settings.ts";
import { metricsForTask, TaskSchema } from "../../schemas/metrics.ts";
import { EXIT_FINDINGS, EXIT_OK, usageError } from "../../util/errors.ts";
import { plural } from "../../util/plural.ts";
import { didYouMean } from "../../util/suggest.ts";
import type { CliContext } from "../context.ts";
import { publishToGitHub } from "../github-output.ts";
import { evaluationPublication } from "../github-publications.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";

interface EvaluateFlags {
  predictions?: string;
  baseline?: string;
  baselineRef?: string;
  json?: boolean;
  task?: string;
  truth?: string;
  key: string;
  target: string;
  sensitive?: string;
  positive?: string;
  primary?: string;
}

/** `--baseline FILE` or `--baseline-ref REF` (not both); no baseline otherwise. */
export async function baselineFrom(
  context: CliContext,
  id: string,
  flags: { baseline?: string; baselineRef?: string },
): Promise<Baseline> {
  if (flags.baseline && flags.baselineRef) throw usageError("pass --baseline or --baseline-ref, not both");
  if (flags.baseline) return readBaselineFile(flags.baseline);
  if (flags.baselineRef) return readBaselineRef(context.root, flags.baselineRef, id);
  return { evaluation: null, label: null };
}

/**
 * `almanac evaluate <model>` (card mode) and
 * `almanac evaluate --task TASK --truth FILE --predictions FILE` (ad hoc mode).
 */
export function registerEvaluate(program: Command, run: Runner): void {
  program
    .command("evaluate")
    .description("compute metrics, intervals, fairness and gates from predictions against held-out labels")
    .argument("[model]", "model id (card mode); omit with --task/--truth for ad hoc mode")
    .option(
      "--predictions <file>",
      "predictions CSV: row_id,prediction[,p_<class>...] (default: the committed predictions)",
    )
    .option("--baseline <file>", "evaluation.json to compare max_drop gates against")
    .option("--baseline-ref <ref>", "git ref whose reports/models/<model>/evaluation.json is the baseline")
    .option("--task <task>", "ad hoc: binary-classification, multiclass-classification or regression")
    .option("--truth <file>", "ad hoc: file with the key, the target and sensitive columns (CSV, Parquet, JSON)")
    .option("--key <column>", "ad hoc: key column in both files", "row_id")
    .option("--target <column>", "ad hoc: target column of the truth", "target")
    .option("--sensitive <columns>", "ad hoc: comma-separated sensitive columns of the truth")
    .option("--positive <class>", "ad hoc: positive class of a binary task (default: last in sorted order)")
    .option("--primary <metric>", "ad hoc: primary metric for the fairness gap (default: accuracy or rmse)")
    .option("--json", "print the evaluation as JSON")
    .addHelpText(
      "after",
      "\nExit codes: 0 evaluated and every gate passed, 1 a gate failed or the predictions are invalid, 2 usage error.\nSee docs/training.md for the predictions format.",
    )
    .action(
      run(async (context, model: string | undefined, flags: EvaluateFlags) =>
        model ? evaluateCardCommand(context, model, flags) : evaluateAdHocCommand(context, flags),
      ),
    );
}

async function evaluateCardCommand(context: CliContext, id: string, flags: EvaluateFlags): Promise<number> {
  if (flags.task || flags.truth) throw usageError("--task and --truth are for ad hoc mode, without a model id");
  const baseline = await baselineFrom(context, id, flags);
  const progress = startProgress(`evaluating ${id}`, { json: flags.json });
  const outcome = await evaluateModel({ root: context.root, id, predictions: flags.predictions, baseline }).finally(
    () => progress.stop(),
  );
  const evaluation = outcome.evaluation;
  await publishToGitHub(evaluationPublication(context.root, evaluation));
  if (flags.json) context.stdout(JSON.stringify(evaluation, null, 2));
  else {
    context.stdout(renderEvaluation(evaluation, palette()));
    context.stdout(palette().dim(`wrote ${evaluationPath(id)} and ${predictionsPath(id)}`));
  }
  return evaluation.passed ? EXIT_OK : EXIT_FINDINGS;
}

async function evaluateAdHocCommand(context: CliContext, flags: EvaluateFlags): Promise<number> {
  if (!flags.task || !flags.truth || !flags.predictions)
    throw usageError(
      "give a model id, or --task, --truth and --predictions for ad hoc mode",
      "almanac evaluate penguin-species, or almanac evaluate --task regression --truth t.csv --predictions p.csv",
    );
  const task = TaskSchema.safeParse(flags.task);
  if (!task.success) throw usageError(`unknown task "${flags.task}"`, didYouMean(flags.task, TaskSchema.options));
  const primary = flags.primary ?? (task.data === "regression" ? "rmse" : "accuracy");
  if (!metricsForTask(task.data).includes(primary))
    throw usageError(
      `--primary ${primary} is not a ${task.data} metric`,
      didYouMean(primary, metricsForTask(task.data)),
    );
  const result = await evaluateAdHoc({
    task: task.data,
    truth: flags.truth,
    predictions: flags.predictions,
    key: flags.key,
    target: flags.target,
    sensitive: flags.sensitive
      ? flags.sensitive
          .split(",")
          .map((column) => column.trim())
          .filter(Boolean)
      : [],
    positive: flags.positive ?? null,
    primaryMetric: primary,
    settings: DEFAULT_INTERVALS,
  });
  const document = {
    task: task.data,
    rows: result.joined.truth.length,
    ...(result.positiveClass === null ? {} : { positive_class: result.positiveClass }),
    metrics: result.metrics,
    ...(result.per_class ? { per_class: result.per_class } : {}),
    ...(result.confusion_matrix ? { confusion_matrix: result.confusion_matrix } : {}),
    ...(result.residuals ? { residuals: result.residuals } : {}),
    fairness: result.fairness,
    bootstrap: DEFAULT_INTERVALS,
  };
  if (flags.json) context.stdout(JSON.stringify(document, null, 2));
  else {
    const c = palette();
    const positive = result.positiveClass === null ? "" : `, positive class ${result.positiveClass}`;
    context.stdout(c.bold(`${task.data}${positive} · ${plural(document.rows, "row")}`));
    context.stdout(renderMetrics(result, primary, c).join("\n"));
    if (Object.keys(result.fairness).length > 0)
      context.stdout([c.bold("fairness"), ...renderFairness(result, primary, c)].join("\n"));
  }
  return EXIT_OK;
}
