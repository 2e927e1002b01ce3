import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Evaluation } from "../schemas/evaluation.ts";
import { findingError } from "../util/errors.ts";
import { plural } from "../util/plural.ts";

/** Most rows kept from a training log; more is refused rather than silently cut. */
export const MAX_TRAINING_LOG_ROWS = 10_000;

type TrainingLog = NonNullable<Evaluation["training_log"]>;

/**
 * Reads ALMANAC_OUTPUT/training-log.csv (a header, then numbers) or training-log.json (an array
 * of objects of numbers), e.g. `epoch,loss`. Undefined when neither exists; a finding error
 * naming the line when a value is not a finite number.
 */
export async function readTrainingLog(outputDir: string): Promise<TrainingLog | undefined> {
  const csv = `${outputDir}/training-log.csv`;
  const json = `${outputDir}/training-log.json`;
  let rows: TrainingLog;
  if (existsSync(csv)) rows = parseCsvLog(await readFile(csv, "utf8"));
  else if (existsSync(json)) rows = parseJsonLog(await readFile(json, "utf8"));
  else return undefined;
  if (rows.length > MAX_TRAINING_LOG_ROWS)
    throw findingError(
      `the training log has ${rows.length} rows; at most ${MAX_TRAINING_LOG_ROWS} are kept`,
      "log once per epoch (or every N steps)",
    );
  return rows;
}

function parseCsvLog(text: string): TrainingLog {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((name) => name.trim());
  return lines.slice(1).map((line, i) => {
    const cells = line.split(",");
    if (cells.length !== header.length)
      throw findingError(
        `training-log.csv line ${i + 2}: ${plural(cells.length, "cell")}, the header has ${header.length}`,
        "write one number per column",
      );
    return Object.fromEntries(
      header.map((name, c) => [name, finite(cells[c]?.trim() ?? "", `training-log.csv line ${i + 2} ${name}`)]),
    );
  });
}

function parseJsonLog(text: string): TrainingLog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw findingError(
      `training-log.json is not JSON (${(error as Error).message})`,
      'write an array such as [{"epoch": 1, "loss": 0.5}]',
    );
  }
  if (!Array.isArray(data))
    throw findingError("training-log.json is not an array", 'write an array such as [{"epoch": 1, "loss": 0.5}]');
  return data.map((row, i) => {
    if (!row || typeof row !== "object" || Array.isArray(row))
      throw findingError(`training-log.json entry ${i} is not an object`, "each entry maps names to numbers");
    return Object.fromEntries(
      Object.entries(row).map(([name, value]) => [name, finite(value, `training-log.json entry ${i} ${name}`)]),
    );
  });
}

function finite(value: unknown, where: string): number {
  const number =
    typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(number))
    throw findingError(
      `${where}: ${JSON.stringify(value)} is not a finite number`,
      "the training log holds numbers only",
    );
  return number;
}
