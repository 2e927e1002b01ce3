import type { Command } from "commander";
import type { NewDatasetResult } from "../../new/new-dataset.ts";
import { EXIT_OK } from "../../util/errors.ts";
import { plural } from "../../util/plural.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";

const list = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");

function describeDataset(result: NewDatasetResult): string {
  const c = palette();
  const width = Math.max(...result.columns.map((column) => column.name.length));
  const rows = result.columns.map((column) => {
    const notes = [
      column.role === "feature" ? "" : column.role,
      column.nullable ? "nullable" : "",
      column.unique ? "unique" : "",
      column.values ? plural(column.values.length, "value") : "",
      column.min !== undefined ? `${column.min} … ${column.max}` : "",
    ].filter((note) => note !== "");
    return `  ${column.name.padEnd(width)}  ${column.type.padEnd(8)}  ${c.dim(notes.join(", "))}`;
  });
  return [
    `${c.green("✓")} wrote ${result.manifestFile} and ${result.dataFile} (${plural(result.rows, "row")}, ${result.format})`,
    ...rows,
    `  split: ${result.split.reason}`,
    ...(result.split.unique
      ? []
      : [
          `${c.yellow("warning")} almanac train needs a unique row key: rerun with --add-row-id, or add an id column to the file`,
        ]),
    ...result.numericButTokens.map(
      ({ column, tokens }) =>
        `${c.yellow("warning")} column ${column} is numeric except for the texts ${tokens.map((t) => JSON.stringify(t)).join(", ")}: rerun with --null-tokens '${tokens.join(",")}' to read them as missing (the manifest's null_tokens)`,
    ),
    `  next: review the manifest (description, license, roles), then run almanac validate`,
  ].join("\n");
}

function registerNewDataset(parent: Command, run: Runner): void {
  parent
    .command("dataset")
    .description("infer a manifest from a data file and copy the file into datasets/<id>/data/")
    .argument("<id>", "dataset id: lowercase letters, digits and dashes")
    .requiredOption("--from <file>", "the CSV, Parquet, JSON or NDJSON file to copy in")
    .option("--format <format>", "csv, parquet, json or ndjson (default: from the extension)")
    .option("--target <column>", "mark this column with role target")
    .option("--sensitive <columns>", "mark these comma-separated columns with role sensitive", list)
    .option("--description <text>", "what the data is and how it was collected")
    .option("--license <id>", "license of the data (default: UNLICENSED)")
    .option("--add-row-id", "write the file with a 1-based row_id column first (when no column is a unique key)")
    .option(
      "--null-tokens <texts>",
      "comma-separated cell texts that mean a missing value, e.g. 'n/a,?' (the manifest's null_tokens)",
      list,
    )
    .addHelpText("after", "\nRefuses to overwrite an existing datasets/<id> (exit 2).")
    .action(
      run(
        async (
          context,
          id: string,
          options: {
            from: string;
            format?: string;
            target?: string;
            sensitive?: string[];
            description?: string;
            license?: string;
            addRowId?: boolean;
            nullTokens?: string[];
          },
        ) => {
          const progress = startProgress(`inferring ${options.from}`);
          const { newDataset } = await import("../../new/new-dataset.ts");
          const result = await newDataset(context.root, { id, ...options }).finally(() => progress.stop());
          context.stdout(describeDataset(result));
          return EXIT_OK;
        },
      ),
    );
}

function registerNewModel(parent: Command, run: Runner): void {
  parent
    .command("model")
    .description(
      "scaffold models/<id>/model.md with every card section, a runnable baseline and its predict entry point (train.mts + predict.mts, or train.py + predict.py + requirements.txt)",
    )
    .argument("<id>", "model id: lowercase letters, digits and dashes")
    .requiredOption("--dataset <id>", "the dataset it trains on")
    .requiredOption("--task <task>", "binary-classification, multiclass-classification or regression")
    .requiredOption("--target <column>", "the target column (role target in the manifest)")
    .option("--features <columns>", "comma-separated feature columns (default: every column with role feature)", list)
    .option(
      "--sensitive <columns>",
      "comma-separated sensitive columns (default: every column with role sensitive)",
      list,
    )
    .option(
      "--owner <owner>",
      "an owner, GitHub user or @org/team (repeatable; default: your user name)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--license <id>", "SPDX license of the model (default: UNLICENSED)")
    .option(
      "--language <language>",
      "node: train.mts and predict.mts (Node's standard library only); python: train.py and predict.py (pandas + scikit-learn) and requirements.txt",
      "node",
    )
    .addHelpText("after", "\nRefuses to overwrite an existing models/<id> (exit 2).")
    .action(
      run(
        async (
          context,
          id: string,
          options: {
            dataset: string;
            task: string;
            target: string;
            features?: string[];
            sensitive?: string[];
            owner?: string[];
            license?: string;
            language: string;
          },
        ) => {
          const { newModel } = await import("../../new/new-model.ts");
          const result = await newModel(context.root, { id, ...options, owners: options.owner });
          const c = palette();
          context.stdout(
            [
              `${c.green("✓")} wrote ${[result.cardFile, ...result.files].join(", ")}`,
              `  features: ${result.features.join(", ")}`,
              `  sensitive: ${result.sensitive.length > 0 ? result.sensitive.join(", ") : "(none)"}`,
              ...(result.language === "python"
                ? [
                    `  python: almanac train runs in the environment you activate; install pandas and scikit-learn there (pip install -r models/${id}/requirements.txt), as CI does`,
                  ]
                : []),
              `  next: fill in the card's sections, improve the baseline in ${result.trainFile.split("/").at(-1)}, then run almanac train ${id}`,
            ].join("\n"),
          );
          return EXIT_OK;
        },
      ),
    );
}

/** `almanac new dataset|model`: scaffold a dataset from a data file, or a model card with a training entry point. */
export function registerNew(program: Command, run: Runner): void {
  const parent = program.command("new").description("scaffold a dataset (inferred from a data file) or a model card");
  registerNewDataset(parent, run);
  registerNewModel(parent, run);
}
