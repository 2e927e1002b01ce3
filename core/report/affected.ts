import type { AffectedEntry, AffectedResult } from "../git/affected.ts";
import { type PythonMatrixFields, pythonMatrixFields } from "../train/python-setup.ts";
import { usageError } from "../util/errors.ts";
import { plural } from "../util/plural.ts";
import { sanitizeTerminal } from "./escape.ts";
import type { TextStyle } from "./history-text.ts";

/**
 * One entry of the GitHub Actions matrix `almanac affected --matrix` (and `almanac models
 * --matrix`) prints. `python_version` and `python_requirements` come from training.python: a train
 * job runs actions/setup-python and `pip install -r` when they are not "".
 */
export interface MatrixEntry extends PythonMatrixFields {
  /** Model id: `almanac train ${{ matrix.model }}`. */
  model: string;
  /** `runs-on: ${{ matrix.runner }}`: the label (or labels) from training.runner. */
  runner: string | string[];
  /** `timeout-minutes: ${{ matrix.timeout_minutes }}`, from training.timeout. */
  timeout_minutes: number;
}

/** GitHub Actions runs at most this many jobs from one matrix (docs: "Using a matrix for your jobs"). */
export const MAX_MATRIX_JOBS = 256;

/**
 * Fails clearly when a matrix has more entries than GitHub Actions accepts, instead of a workflow
 * that GitHub refuses to start with a generic error. `what` names the command for the message.
 */
export function checkMatrixSize(matrix: { include: readonly unknown[] }, what: string): void {
  const count = matrix.include.length;
  if (count <= MAX_MATRIX_JOBS) return;
  throw usageError(
    `${what}: ${plural(count, "model")} in the matrix, more than GitHub Actions' limit of ${MAX_MATRIX_JOBS} jobs per matrix`,
    `select at most ${MAX_MATRIX_JOBS}: name the models (almanac models <id>... --matrix) or a stage (--stage production), ` +
      "and run the rest in another workflow run or job",
  );
}

/**
 * The GitHub Actions matrix of models to train: `{"include": [...]}`, removed models left
 * out. An empty `include` means nothing to train (skip the job: GitHub rejects an empty
 * matrix). Pure.
 */
export function buildMatrix(models: readonly AffectedEntry[]): { include: MatrixEntry[] } {
  return {
    include: models.flatMap((model) =>
      model.status === "removed" || model.runner === null
        ? []
        : [
            {
              model: model.id,
              runner: model.runner,
              timeout_minutes: model.timeoutMinutes ?? 10,
              ...pythonMatrixFields(model.id, model.python ?? undefined),
            },
          ],
    ),
  };
}

const PLAIN: TextStyle = { dim: String, bold: String, green: String, red: String, yellow: String };

/** The affected models for a terminal, one a line with status, runner and reasons. Pure. */
export function renderAffectedText(result: AffectedResult, style: TextStyle = PLAIN): string {
  const count = result.models.length;
  const range = `${sanitizeTerminal(result.base.ref)} (${result.mergeBase.slice(0, 7)}) → ${sanitizeTerminal(result.head.ref)} (${result.head.commit.slice(0, 7)})`;
  const files = `${result.changedFiles} file${result.changedFiles === 1 ? "" : "s"} changed`;
  const lines = [style.bold(`${plural(count, "model")} affected: ${range}, ${files}`)];
  for (const note of result.notes) lines.push(style.yellow(`note: ${sanitizeTerminal(note)}`));
  const width = Math.max(0, ...result.models.map((model) => model.id.length));
  for (const model of result.models) {
    const runner = model.runner === null ? "" : Array.isArray(model.runner) ? model.runner.join(",") : model.runner;
    const status = model.status === "removed" ? style.red(model.status) : model.status;
    const renamed = model.renamedFrom ? ` (was ${model.renamedFrom})` : "";
    lines.push(`  ${model.id.padEnd(width)}  ${status.padEnd(8)} ${style.dim(sanitizeTerminal(runner))}${renamed}`);
    for (const reason of model.reasons) lines.push(`    ${style.dim(sanitizeTerminal(reason))}`);
  }
  return lines.join("\n");
}
