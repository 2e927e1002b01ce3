import type { Command } from "commander";
import { sanitizeTerminal } from "../../report/escape.ts";
import { artifactScorer } from "../../retrain/artifact-scorer.ts";
import { type RetrainPlan, retrain } from "../../retrain/retrain.ts";
import { EXIT_FINDINGS, EXIT_OK } from "../../util/errors.ts";
import { plural } from "../../util/plural.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/**
 * `almanac retrain <model> [--dry-run] [--json]`: fresh labelled data → next dataset and model
 * versions → train, evaluate, compare with the production artifact on the same rows.
 * The production side is scored by `almanac predict`'s core (core/artifacts), loaded on use.
 */
export function registerRetrain(program: Command, run: Runner): void {
  program
    .command("retrain")
    .description("retrain a production model on fresh labelled data and compare it with the production artifact")
    .argument("<model>", "model id (its card needs a retraining policy)")
    .option("--dry-run", "say what would change and stop: nothing runs, nothing is written")
    .option(
      "--scheduled",
      "apply retraining.on as the scheduled run does: exit 0 with the reason when there is nothing to do",
    )
    .option("--json", "print the plan (and with a run, the retraining record) as JSON")
    .addHelpText(
      "after",
      [
        "",
        "Reads the card's retraining policy (docs/lifecycle.md): the fresh files matching retraining.data inside",
        "monitoring.window become dataset version N+1 (checked like almanac validate), the card's version and",
        "dataset.version move by retraining.bump, the new version is trained and evaluated, and the production",
        "version's published artifact scores the same test rows (almanac predict) for a paired comparison.",
        "Writes the manifest, the card, the evaluation, reports/models/<model>/retraining.json and retraining.md.",
        "Exit codes: 0 the retrained model passes, 1 it does not (the report says why) or the input is bad",
        "(nothing written), 2 usage error.",
      ].join("\n"),
    )
    .action(
      run(async (context, id: string, flags: { dryRun?: boolean; scheduled?: boolean; json?: boolean }) => {
        const outcome = await retrain({
          root: context.root,
          id,
          dryRun: flags.dryRun === true,
          scheduled: flags.scheduled === true,
          scorer: artifactScorer,
          env: process.env,
          onOutput: (line) => context.stderr(line),
        });
        const result = outcome.result;
        if (flags.json) {
          const shown = outcome.skipped
            ? { skipped: outcome.skipped }
            : { plan: outcome.plan, ...(result ? { record: result.record } : {}) };
          context.stdout(JSON.stringify(shown, null, 2));
          return !result || result.passed ? EXIT_OK : EXIT_FINDINGS;
        }
        const plan = outcome.plan;
        if (!plan) {
          context.stdout(`${id}: nothing to retrain: ${sanitizeTerminal(outcome.skipped ?? "")}`);
          return EXIT_OK;
        }
        const c = palette();
        context.stdout(planLines(plan, flags.dryRun === true).join("\n"));
        if (!result) return EXIT_OK;
        for (const gate of result.record.gates)
          context.stdout(`  ${gate.passed ? c.green("✓") : c.red("✗")} ${sanitizeTerminal(gate.message)}`);
        for (const gate of result.evaluation.gates.filter((g) => g.passed === false))
          context.stdout(`  ${c.red("✗")} ${sanitizeTerminal(gate.message)}`);
        context.stdout(
          result.passed
            ? `${c.green("✓")} ${id} ${result.record.model.to} passes against production ${result.record.model.from}`
            : `${c.red("✗")} ${id} ${result.record.model.to} does not pass (see reports/models/${id}/retraining.md)`,
        );
        context.stdout(c.dim(`wrote ${plan.writes.join(", ")}`));
        return result.passed ? EXIT_OK : EXIT_FINDINGS;
      }),
    );
}

/** What the retrain does (or would do), for people. Pure. */
export function planLines(plan: RetrainPlan, dryRun: boolean): string[] {
  const rows = plan.added.reduce((sum, file) => sum + file.rows, 0);
  const lines = [
    `${dryRun ? "would retrain" : "retrained"} ${plan.model} ${plan.card.from} → ${plan.card.to} on dataset ${plan.dataset.id} ${plan.dataset.from} → ${plan.dataset.to}${plan.through ? ` (data through ${plan.through})` : ""}`,
    ...plan.added.map(
      (file) => `  + ${file.file}: ${plural(file.rows, "row")}${file.first ? `, ${file.first} … ${file.last}` : ""}`,
    ),
    `  ${rows} fresh rows in ${plan.added.length} file${plan.added.length === 1 ? "" : "s"}; compared with the production artifact of ${plan.model} ${plan.production.version}`,
  ];
  if (plan.leftOut.known.length) lines.push(`  already in the manifest: ${plan.leftOut.known.join(", ")}`);
  if (plan.leftOut.outside.length) lines.push(`  outside the monitoring window: ${plan.leftOut.outside.join(", ")}`);
  if (plan.trigger)
    lines.push(
      `  trigger: ${plan.trigger.drift_report} (${plan.trigger.drifted ? "drifted" : "no drift"}, share ${plan.trigger.drift_share})`,
    );
  if (dryRun) lines.push(`  would write ${plan.writes.join(", ")}`);
  return lines.map(sanitizeTerminal);
}
