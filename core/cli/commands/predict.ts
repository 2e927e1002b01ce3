import type { Command } from "commander";
import { predictWithArtifact } from "../../artifacts/predict.ts";
import { EXIT_OK } from "../../util/errors.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/** `almanac predict <model>[@version] --data FILE --out FILE`: batch scoring with the registered artifact. */
export function registerPredict(program: Command, run: Runner): void {
  program
    .command("predict")
    .description("score rows with a version's verified artifact through the card's predict command")
    .argument("<model>", "model id, optionally @version (default: the committed card's version)")
    .requiredOption(
      "--data <file>",
      "rows to score: CSV, Parquet or JSON with the model's feature columns (and optionally row_id)",
    )
    .requiredOption("--out <file>", "where to write the predictions CSV: row_id,prediction[,p_<class>...]")
    .option("--stage <stage>", "the version at this stage (e.g. production)")
    .option("--json", "print { model, version, sha256, rows, out } as JSON (the command's output goes to stderr)")
    .addHelpText(
      "after",
      "\nThe artifact comes from the local cache or the card's store, verified by its SHA-256. The command runs in\n" +
        "models/<model> with ALMANAC_MODEL_DIR, ALMANAC_INPUT, ALMANAC_OUTPUT, … (docs/training.md, the predict contract).",
    )
    .action(
      run(async (context, spec: string, flags: { data: string; out: string; stage?: string; json?: boolean }) => {
        const result = await predictWithArtifact({
          root: context.root,
          spec,
          stage: flags.stage,
          data: flags.data,
          out: flags.out,
          env: process.env,
          onOutput: (line, stream) =>
            stream === "stdout" && !flags.json ? context.stdout(line) : context.stderr(line),
        });
        if (flags.json) context.stdout(JSON.stringify(result, null, 2));
        else
          context.stdout(
            `${palette().green("✓")} ${result.model} ${result.version} (sha256:${result.sha256.slice(0, 12)}…) scored ${result.rows} row${result.rows === 1 ? "" : "s"} → ${result.out}`,
          );
        return EXIT_OK;
      }),
    );
}
