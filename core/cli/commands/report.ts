import type { Command } from "commander";
import type { DiffResult } from "../../diff/types.ts";
import { collectDiff } from "../../git/collect-diff.ts";
import { renderReportMarkdown, verdictLine } from "../../report/markdown.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";
import { AlmanacError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, usageError } from "../../util/errors.ts";
import type { CliContext } from "../context.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";
import { hasFindings } from "./diff.ts";

interface ReportOptions {
  base: string;
  head: string;
  format: string;
  siteUrl?: string;
  output?: string;
}

/** `almanac report --base REF [--format markdown|json] [--site-url URL]`: the pull request comment. */
export function registerReport(program: Command, run: Runner): void {
  program
    .command("report")
    .description("the pull request comment: verdict, metric table with intervals, gates, fairness, data, drift, trend")
    .requiredOption("--base <ref>", "the branch the change is compared against, e.g. origin/main")
    .option("--head <ref>", "the changed revision", "HEAD")
    .option("--format <format>", "markdown (the comment) or json", "markdown")
    .option("--site-url <url>", "catalogue URL, to link each model's page (default: $ALMANAC_SITE_URL)")
    .option("--output <file>", "write the report to this file (atomically) instead of stdout")
    .addHelpText(
      "after",
      [
        "",
        "The Markdown starts with the hidden marker <!-- almanac-report --> and stays under 65,536 characters.",
        "When the refs cannot be compared (missing ref, shallow clone) the comment still renders and says so (exit 2).",
        "Exit 1 when a gate fails or a model regressed.",
      ].join("\n"),
    )
    .action(
      run(async (context, options: ReportOptions) => {
        if (options.format !== "markdown" && options.format !== "json") {
          throw usageError(`unknown --format '${options.format}'`, "use --format markdown or --format json");
        }
        const progress = startProgress("comparing", { json: options.format === "json" });
        const { result, failure } = await collectOrExplain(context, options).finally(() => progress.stop());
        const siteUrl = options.siteUrl ?? process.env.ALMANAC_SITE_URL;
        const text =
          options.format === "json"
            ? JSON.stringify({ verdict: verdictLine(result), ...result }, null, 2)
            : renderReportMarkdown(result, siteUrl ? { siteUrl } : {});
        if (options.output) await writeFileAtomic(options.output, text.endsWith("\n") ? text : `${text}\n`);
        else context.stdout(text);
        if (failure) {
          const c = palette();
          context.stderr(`${c.red("error")} ${failure.message}`);
          if (failure.hint) context.stderr(`  ${c.dim("hint:")} ${failure.hint}`);
          return EXIT_USAGE;
        }
        return hasFindings(result) ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}

/** The comparison, or a report that says why there is none (the comment must still render). */
async function collectOrExplain(
  context: CliContext,
  options: ReportOptions,
): Promise<{ result: DiffResult; failure?: AlmanacError }> {
  try {
    return { result: await collectDiff(context.root, options.base, options.head) };
  } catch (error) {
    if (!(error instanceof AlmanacError)) throw error;
    const result: DiffResult = {
      base: { ref: options.base, commit: null },
      head: { ref: options.head, commit: null },
      mergeBase: null,
      models: [],
      problems: [`${error.message}${error.hint ? ` (${error.hint})` : ""}`],
      notes: [],
    };
    return { result, failure: error };
  }
}
