import type { Command } from "commander";
import { formatBytes } from "../../artifacts/format.ts";
import { publishVersion } from "../../artifacts/publish.ts";
import { EXIT_OK } from "../../util/errors.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/** `almanac publish <model>[@version] [--to STORE] [--from PATH]`: push the evaluated artifact to its store. */
export function registerPublish(program: Command, run: Runner): void {
  program
    .command("publish")
    .description(
      "push a version's packed artifact to its store, after checking its digest against the committed evaluation",
    )
    .argument("<model>", "model id, optionally @version (default: the committed card's version)")
    .option(
      "--to <store>",
      "oci://host[:port]/repository, github-release or file://path (default: the card's artifact.store)",
    )
    .option(
      "--from <path>",
      "the packed file, or a folder holding it by digest (a CI artifact); default: the local cache",
    )
    .option(
      "--if-configured",
      "exit 0 with a note when the card names no store or the evaluation records no artifact (CI)",
    )
    .option("--json", "print { model, version, sha256, size, store, location, uploaded } as JSON")
    .addHelpText(
      "after",
      "\nOnly the artifact whose SHA-256 the committed evaluation records is published. Publishing the same\n" +
        "digest again is a no-op; a different digest under a published version is refused (exit 1).\n" +
        "Credentials: GITHUB_TOKEN for ghcr.io and github-release; ALMANAC_OCI_USERNAME/ALMANAC_OCI_PASSWORD for other registries.",
    )
    .action(
      run(
        async (
          context,
          spec: string,
          flags: { to?: string; from?: string; ifConfigured?: boolean; json?: boolean },
        ) => {
          const result = await publishVersion({
            root: context.root,
            spec,
            to: flags.to,
            from: flags.from,
            ifConfigured: flags.ifConfigured,
            env: process.env,
          });
          if (flags.json) context.stdout(JSON.stringify(result, null, 2));
          else if ("skipped" in result) context.stdout(`${result.model}: nothing to publish (${result.skipped})`);
          else {
            const c = palette();
            const what = `${result.model} ${result.version} (sha256:${result.sha256.slice(0, 12)}…, ${formatBytes(result.size)})`;
            context.stdout(
              result.uploaded
                ? `${c.green("✓")} published ${what} to ${result.store}\n  ${result.location}`
                : `${c.green("✓")} ${what} is already in ${result.store}: nothing to do\n  ${result.location}`,
            );
          }
          return EXIT_OK;
        },
      ),
    );
}
