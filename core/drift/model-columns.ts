import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import { usageError } from "../util/errors.ts";
import { type ColumnRequest, type FlagTests, flagTestsFor } from "./plan.ts";
import type { ColumnKind } from "./types.ts";

/** Options that change which columns and tests a model's drift check runs (flag tests replace the card's). */
export interface ModelColumnOptions extends FlagTests {
  /** Only these columns (of the model's features and target). */
  columns?: string[];
}

const KIND_OF_TYPE: Record<string, ColumnKind | undefined> = {
  number: "numeric",
  integer: "numeric",
  category: "categorical",
  boolean: "categorical",
};

function cardTests(card: ModelCard, cardFile: string, column: string): Partial<ColumnRequest> {
  const setting = card.monitoring?.columns[column];
  if (!setting) return {};
  const where = `${cardFile} monitoring.columns.${column}`;
  if (setting.test)
    return { tests: [{ name: setting.test, threshold: setting.threshold, reason: `set in ${where}`, strict: true }] };
  return { threshold: setting.threshold, thresholdReason: `threshold from ${where}` };
}

/**
 * The columns a model's drift check compares: its features and its target (when the current data
 * has it), each compared by the manifest's type, with the tests the card sets per column, the
 * `--test` list, or Evidently's default. Free text, dates, ids and timestamps are not tested.
 */
export function modelColumns(
  card: ModelCard,
  cardFile: string,
  manifest: DatasetManifest,
  currentColumns: ReadonlySet<string>,
  options: ModelColumnOptions,
): { requests: ColumnRequest[]; skipped: Array<{ column: string; reason: string }>; notes: string[] } {
  const candidates = [...new Set([...card.dataset.features, card.dataset.target])];
  for (const name of Object.keys(card.monitoring?.columns ?? {}))
    if (!candidates.includes(name))
      throw usageError(
        `${cardFile}: monitoring.columns.${name} is not a feature or the target of ${card.id}`,
        `expected one of: ${candidates.join(", ")}`,
      );
  for (const name of options.columns ?? [])
    if (!candidates.includes(name))
      throw usageError(
        `--columns: ${name} is not a feature or the target of ${card.id}`,
        `expected one of: ${candidates.join(", ")}`,
      );
  const requests: ColumnRequest[] = [];
  const skipped: Array<{ column: string; reason: string }> = [];
  const notes: string[] = [];
  for (const name of options.columns ?? candidates) {
    const column = manifest.columns.find((entry) => entry.name === name);
    if (!column)
      throw usageError(`${cardFile}: ${name} is not a column of dataset ${manifest.id}`, "run `almanac validate`");
    if (name === card.dataset.target && !currentColumns.has(name)) {
      notes.push(`the target ${name} is not in the current data (labels not known yet): not compared`);
      continue;
    }
    const kind = KIND_OF_TYPE[column.type];
    if (!kind || column.role === "id" || column.role === "timestamp") {
      skipped.push({
        column: name,
        reason:
          column.role === "id" || column.role === "timestamp"
            ? `role ${column.role}`
            : `type ${column.type}: drift tests compare numbers or categories`,
      });
      continue;
    }
    const testsOf = (as: ColumnKind): Pick<ColumnRequest, "tests" | "threshold" | "thresholdReason"> => {
      const flagTests = flagTestsFor(as, options);
      if (flagTests) return { tests: flagTests };
      return {
        ...cardTests(card, cardFile, name),
        ...(options.threshold !== undefined
          ? { threshold: options.threshold, thresholdReason: "threshold from --threshold" }
          : {}),
      };
    };
    requests.push({
      name,
      kind,
      type: column.type,
      ...testsOf(kind),
      // A declared integer follows Evidently's rule (few codes are categories) unless the card
      // names its test; a declared category stays decisive.
      ...(column.type === "integer" && !card.monitoring?.columns[name]?.test
        ? { whenCategorical: testsOf("categorical") }
        : {}),
    });
  }
  return { requests, skipped, notes };
}
