import type { Command } from "commander";
import type { DiffResult } from "../../diff/types.ts";
import { collectDiff } from "../../git/collect-diff.ts";
import { renderDiffText } from "../../report/diff-text.ts";
import { EXIT_FINDINGS, EXIT_OK } from "../../util/errors.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";

/** True when a model failed a gate or regressed: exit 1 for diff and report. */
export function hasFindings(result: DiffResult): boolean {
  return result.models.some((model) => model.verdict === "failed" || model.verdict === "regressed");
}

/** `almanac diff --base REF [--head REF] [--json]`: what a change does to each affected model. */
export function registerDiff(program: Command, run: Runner): void {
  program
    .command("diff")
    .description("metric deltas with intervals and verdicts, gates, fairness, card, data and drift changes per model")
    .requiredOption("--base <ref>", "the branch the change is compared against, e.g. origin/main")
    .option("--head <ref>", "the changed revision", "HEAD")
    .option("--json", "print the comparison as JSON")
    .addHelpText(
      "after",
      [
        "",
        "Metrics come from the committed reports/models/<id>/evaluation.json at the merge base and the head.",
        "Intervals of the deltas are paired (bootstrap over the same test rows) when both predictions files",
        "cover the same rows, unpaired otherwise; 'unchanged' means the interval contains 0.",
        "Exit 1 when a gate fails or a model regressed.",
      ].join("\n"),
    )
    .action(
      run(async (context, options: { base: string; head: string; json?: boolean }) => {
        const progress = startProgress("comparing", { json: options.json });
        const result = await collectDiff(context.root, options.base, options.head).finally(() => progress.stop());
        context.stdout(options.json ? JSON.stringify(result, null, 2) : renderDiffText(result, palette()));
        return hasFindings(result) ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}
