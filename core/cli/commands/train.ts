import type { Command } from "commander";
import { formatBytes } from "../../artifacts/format.ts";
import type { PackedRun } from "../../artifacts/pack-run.ts";
import { evaluationPath } from "../../evaluate/baseline.ts";
import { renderEvaluation } from "../../evaluate/render.ts";
import { predictionsPath } from "../../evaluate/report.ts";
import { trainModel } from "../../train/train-model.ts";
import { EXIT_FINDINGS, EXIT_OK } from "../../util/errors.ts";
import { publishToGitHub } from "../github-output.ts";
import { evaluationPublication } from "../github-publications.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { baselineFrom } from "./evaluate.ts";

/** `almanac train <model>`: run the card's training command under the contract, then evaluate. */
export function registerTrain(program: Command, run: Runner): void {
  program
    .command("train")
    .description("run a model's training command on its train split, then evaluate its predictions")
    .argument("<model>", "model id")
    .option("--baseline <file>", "evaluation.json to compare max_drop gates against")
    .option("--baseline-ref <ref>", "git ref whose reports/models/<model>/evaluation.json is the baseline")
    .option("--output <dir>", "keep the command's outputs (predictions, artifacts, log) in this folder")
    .option("--json", "print the evaluation as JSON (the command's output goes to stderr)")
    .addHelpText(
      "after",
      "\nThe command runs in models/<model> with ALMANAC_TRAIN, ALMANAC_TEST, ALMANAC_PARAMS, ALMANAC_OUTPUT, …\n(docs/training.md). Exit codes: 0 trained and every gate passed, 1 training failed, bad predictions or a gate failed, 2 usage error.",
    )
    .action(
      run(
        async (
          context,
          id: string,
          flags: { baseline?: string; baselineRef?: string; output?: string; json?: boolean },
        ) => {
          const baseline = await baselineFrom(context, id, flags);
          const result = await trainModel({
            root: context.root,
            id,
            baseline,
            outputDir: flags.output,
            onOutput: (line, stream) =>
              stream === "stdout" && !flags.json ? context.stdout(line) : context.stderr(line),
          });
          const evaluation = result.evaluation;
          await publishToGitHub(evaluationPublication(context.root, evaluation));
          if (flags.json) context.stdout(JSON.stringify(evaluation, null, 2));
          else {
            const c = palette();
            context.stdout(renderEvaluation(evaluation, c));
            const overhead = result.totalMs - result.commandMs;
            context.stdout(artifactLine(result.artifact));
            context.stdout(
              c.dim(
                `wrote ${evaluationPath(id)} and ${predictionsPath(id)} · command ${Math.round(result.commandMs)} ms, almanac ${Math.round(overhead)} ms`,
              ),
            );
          }
          return evaluation.passed ? EXIT_OK : EXIT_FINDINGS;
        },
      ),
    );
}

/** One line on the packed model folder: digest, size, files, and where it is cached. */
function artifactLine(artifact: PackedRun | undefined): string {
  if (!artifact)
    return "artifact: none (the command wrote nothing to ALMANAC_MODEL_DIR; this version cannot be published)";
  const { record } = artifact;
  return `artifact sha256:${record.sha256} · ${formatBytes(record.size)} · ${record.files.length} file${record.files.length === 1 ? "" : "s"} · cached in .almanac/cache`;
}
