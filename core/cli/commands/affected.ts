import type { Command } from "commander";
import { findAffected } from "../../git/affected.ts";
import { buildMatrix, checkMatrixSize, renderAffectedText } from "../../report/affected.ts";
import { EXIT_OK, usageError } from "../../util/errors.ts";
import { publishToGitHub } from "../github-output.ts";
import { matrixPublication } from "../github-publications.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/** `almanac affected --base REF [--head REF] [--json | --matrix]`: which models a change touches. */
export function registerAffected(program: Command, run: Runner): void {
  program
    .command("affected")
    .description("which models a change touches (folder, dataset, training dependencies, toolkit), as a CI matrix")
    .requiredOption("--base <ref>", "the branch the change is compared against, e.g. origin/main")
    .option("--head <ref>", "the changed revision", "HEAD")
    .option("--json", "print the affected models with reasons, runner and timeout as JSON")
    .option(
      "--matrix",
      'print the GitHub Actions matrix: {"include":[{"model","runner","timeout_minutes","python_version","python_requirements"}]}',
    )
    .addHelpText(
      "after",
      [
        "",
        "Changes are taken from the merge base of --base and --head, as a pull request shows them.",
        "Everything is affected when core/, bin/, package.json or package-lock.json change.",
        "In GitHub Actions check out with fetch-depth: 0 so the base is in the clone.",
      ].join("\n"),
    )
    .action(
      run(async (context, options: { base: string; head: string; json?: boolean; matrix?: boolean }) => {
        if (options.json && options.matrix) throw usageError("--json and --matrix are exclusive", "pick one");
        const result = await findAffected(context.root, options.base, options.head);
        const matrix = buildMatrix(result.models);
        if (options.matrix) checkMatrixSize(matrix, "almanac affected --matrix");
        await publishToGitHub(matrixPublication(context.root, matrix));
        if (options.matrix) context.stdout(JSON.stringify(matrix));
        else if (options.json) context.stdout(JSON.stringify(result, null, 2));
        else context.stdout(renderAffectedText(result, palette()));
        return EXIT_OK;
      }),
    );
}
