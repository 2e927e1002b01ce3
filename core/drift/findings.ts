import type { DriftReport } from "../schemas/drift-report.ts";
import type { ColumnRequest } from "./plan.ts";
import type { SideSummary } from "./side-counts.ts";
import type { ColumnInput } from "./types.ts";

/** A null share that moves by at least this much (absolute) is flagged. */
export const NULL_SHARE_CHANGE = 0.05;
/** New categories listed per column at most (the most frequent first). */
export const NEW_CATEGORIES_LISTED = 50;

/** Null shares of each column on both sides (null, NaN and ±inf count as missing). */
export function nullRatesOf(
  columns: readonly ColumnRequest[],
  summaries: { reference: SideSummary; current: SideSummary },
): DriftReport["null_rates"] {
  return columns.map((column, i) => {
    const share = (side: SideSummary) => (side.rows === 0 ? 0 : 1 - (side.columns[i]?.count ?? 0) / side.rows);
    const reference = share(summaries.reference);
    const current = share(summaries.current);
    return {
      column: column.name,
      reference,
      current,
      flagged: Math.abs(current - reference) >= NULL_SHARE_CHANGE,
    };
  });
}

/** Categories of categorical columns present only in the current sample. */
export function newCategoriesOf(inputs: readonly ColumnInput[]): DriftReport["new_categories"] {
  const found: DriftReport["new_categories"] = [];
  for (const input of inputs) {
    if (input.kind !== "categorical") continue;
    const { labels, reference, current } = input.bins;
    const fresh = labels
      .map((label, i) => ({ label, ref: reference[i] as number, cur: current[i] as number }))
      .filter(({ ref, cur, label }) => ref === 0 && cur > 0 && label !== OTHER_LABEL)
      .sort((a, b) => b.cur - a.cur || (a.label < b.label ? -1 : 1));
    if (fresh.length === 0) continue;
    found.push({
      column: input.column,
      values: fresh.slice(0, NEW_CATEGORIES_LISTED).map(({ label }) => label),
      count: fresh.length,
      rows: fresh.reduce((sum, { cur }) => sum + cur, 0),
    });
  }
  return found;
}

/** The bin that gathers categories outside a profile's top list. */
export const OTHER_LABEL = "(other)";
