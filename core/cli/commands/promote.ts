import type { Command } from "commander";
import { writeGtoTags } from "../../artifacts/gto-tags.ts";
import { resolveVersion } from "../../artifacts/resolve.ts";
import { promoteModel } from "../../lifecycle/promote.ts";
import { sanitizeTerminal } from "../../report/escape.ts";
import { STAGES } from "../../schemas/model-card.ts";
import { EXIT_FINDINGS, EXIT_OK } from "../../util/errors.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/** `almanac promote <model> --to <stage> [--json]`: a stage change that passes the gates. */
export function registerPromote(program: Command, run: Runner): void {
  program
    .command("promote")
    .description("move a model card to another stage when its gates, evaluation, card and drift allow it")
    .argument("<model>", "model id")
    .requiredOption("--to <stage>", `target stage: ${STAGES.join(", ")}`)
    .option("--tag", "also write GTO-compatible git tags: <model>@v<version> and <model>#<stage>#<n>")
    .option("--json", "print { model, from, to, promoted, checks, reasons, diff, tags } as JSON")
    .addHelpText(
      "after",
      [
        "",
        "staging and production need an evaluation of the card's version whose gates pass (at least one passed);",
        "production also needs a passed min/max gate on the primary metric, intended use and limitations in the",
        "team's own words, owners, a license other than UNLICENSED and a clean latest drift report.",
        "Only the stage value changes (comments and formatting stay); the diff is printed. Exit 1 when refused.",
      ].join("\n"),
    )
    .action(
      run(async (context, model: string, options: { to: string; tag?: boolean; json?: boolean }) => {
        const promoted = await promoteModel(context.root, model, options.to);
        const tags = promoted.promoted && options.tag ? await tagPromotion(context.root, model, options.to) : undefined;
        const result = tags ? { ...promoted, tags } : promoted;
        if (options.json) {
          context.stdout(JSON.stringify(result, null, 2));
          return result.promoted ? EXIT_OK : EXIT_FINDINGS;
        }
        const c = palette();
        if (result.promoted) {
          context.stdout(`${c.green("✓")} ${result.model}: ${result.from} → ${result.to}`);
          for (const check of result.checks) context.stdout(`  ${c.green("✓")} ${sanitizeTerminal(check.detail)}`);
          context.stdout(result.diff);
          if (tags)
            context.stdout(
              `tagged ${tags.registrationCreated ? `${tags.registration} and ` : ""}${tags.stage} (GTO format); push them with \`git push --tags\``,
            );
          return EXIT_OK;
        }
        context.stdout(`${c.red("✗")} ${result.model}: refused ${result.from} → ${result.to}`);
        for (const check of result.checks) {
          context.stdout(`  ${check.passed ? c.green("✓") : c.red("✗")} ${sanitizeTerminal(check.detail)}`);
        }
        if (result.checks.length === 0)
          for (const reason of result.reasons) context.stdout(`  ${c.red("✗")} ${reason}`);
        return EXIT_FINDINGS;
      }),
    );
}

/** GTO tags on the commit whose committed evaluation records the promoted version. */
async function tagPromotion(root: string, model: string, stage: string) {
  const resolved = await resolveVersion(root, model);
  return writeGtoTags(root, model, resolved.version, stage, resolved.commit);
}
