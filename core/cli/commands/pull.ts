import type { Command } from "commander";
import { formatBytes } from "../../artifacts/format.ts";
import { pullVersion } from "../../artifacts/pull.ts";
import { EXIT_OK } from "../../util/errors.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/** `almanac pull <model>[@version] [--stage S] [--out DIR]`: download, verify and unpack an artifact. */
export function registerPull(program: Command, run: Runner): void {
  program
    .command("pull")
    .description(
      "download a version's artifact from its store, verify its SHA-256 against the committed evaluation, unpack it",
    )
    .argument("<model>", "model id, optionally @version (default: the committed card's version)")
    .option("--stage <stage>", "the version at this stage (e.g. production)")
    .option("--out <dir>", "new or empty folder to unpack into (default: ./<model>-<version>)")
    .option("--from <store>", "read from this store instead of the card's artifact.store")
    .option("--json", "print { model, version, sha256, size, store, out, files } as JSON")
    .addHelpText(
      "after",
      "\nA truncated download or a digest mismatch is refused (exit 1) naming both digests; nothing is left in --out.",
    )
    .action(
      run(async (context, spec: string, flags: { stage?: string; out?: string; from?: string; json?: boolean }) => {
        const { resolved: _resolved, ...result } = await pullVersion({
          root: context.root,
          spec,
          stage: flags.stage,
          out: flags.out,
          from: flags.from,
          env: process.env,
        });
        if (flags.json) context.stdout(JSON.stringify(result, null, 2));
        else {
          const c = palette();
          context.stdout(
            `${c.green("✓")} ${result.model} ${result.version} from ${result.store}: sha256:${result.sha256} verified (${formatBytes(result.size)}), ${result.files.length} file${result.files.length === 1 ? "" : "s"} in ${result.out}`,
          );
        }
        return EXIT_OK;
      }),
    );
}
