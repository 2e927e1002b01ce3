import type { Command } from "commander";
import { hasErrors } from "../../util/diagnostic.ts";
import { EXIT_FINDINGS, EXIT_OK } from "../../util/errors.ts";
import { plural } from "../../util/plural.ts";
import { validateRepository } from "../../validate/index.ts";
import { publishToGitHub } from "../github-output.ts";
import { validatePublication } from "../github-publications.ts";
import type { Runner } from "../main.ts";
import { formatDiagnostics, palette, summarizeDiagnostics } from "../output.ts";
import { startProgress } from "../progress.ts";

/** `almanac validate [paths...]`: schemas, cross references, data integrity and data checks. */
export function registerValidate(program: Command, run: Runner): void {
  program
    .command("validate")
    .description("check model cards, dataset manifests, references, data integrity and data checks")
    .argument("[paths...]", "only report on these files or folders (default: the whole repository)")
    .option("--json", "print { ok, diagnostics } as JSON")
    .option("--no-data", "skip data integrity and data checks (schemas and references only)")
    .action(
      run(async (context, paths: string[], options: { json?: boolean; data: boolean }) => {
        const progress = startProgress("validating", { json: options.json });
        const { repository, diagnostics } = await validateRepository(context.root, {
          paths,
          skipData: !options.data,
        }).finally(() => progress.stop());
        const ok = !hasErrors(diagnostics);
        await publishToGitHub(validatePublication(context.root, diagnostics, repository));
        if (options.json) {
          context.stdout(JSON.stringify({ ok, diagnostics }, null, 2));
        } else {
          const c = palette();
          if (diagnostics.length > 0) context.stdout(formatDiagnostics(diagnostics));
          const counted = `${plural(repository.models.length, "model")}, ${plural(repository.datasets.length, "dataset")}`;
          context.stdout(
            ok && diagnostics.length === 0
              ? `${c.green("✓")} ${counted}: valid`
              : `${ok ? c.yellow("!") : c.red("✗")} ${counted}: ${summarizeDiagnostics(diagnostics)}`,
          );
        }
        return ok ? EXIT_OK : EXIT_FINDINGS;
      }),
    );
}
