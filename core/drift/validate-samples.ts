import { usageError } from "../util/errors.ts";
import { allRowsNull } from "../util/plural.ts";
import type { SideSummary } from "./side-counts.ts";
import type { BinnedCounts } from "./types.ts";

/** How the two samples are named in messages (files, a split, a profile). */
export interface SampleLabels {
  reference: string;
  current: string;
}

/** Refuses an empty reference or current sample. */
export function checkSamplesNotEmpty(
  summaries: { reference: SideSummary; current: SideSummary },
  labels: SampleLabels,
) {
  for (const side of ["reference", "current"] as const) {
    if (summaries[side].rows === 0)
      throw usageError(
        `the ${side} sample is empty (${labels[side]}): there is nothing to compare`,
        side === "current" ? "check the path, glob or time window of the current data" : "check the reference data",
      );
  }
}

/** Refuses a column with no usable value (all null, NaN or infinite) on either side. */
export function checkColumnValues(
  column: string,
  summaries: { reference: SideSummary; current: SideSummary },
  index: number,
  labels: SampleLabels,
) {
  for (const side of ["reference", "current"] as const) {
    const summary = summaries[side];
    if ((summary.columns[index]?.count ?? 0) === 0)
      throw usageError(
        `column "${column}" has no values in the ${side} sample (${labels[side]}): ${allRowsNull(summary.rows)}`,
        "a drift test needs values on both sides; leave the column out (--columns) or fix the data",
      );
  }
}

/** Refuses a column holding one and the same value in both samples: no test can tell anything. */
export function checkNotConstant(column: string, bins: BinnedCounts, labels: SampleLabels) {
  if (bins.method !== "values" || bins.labels.length !== 1) return;
  throw usageError(
    `column "${column}" holds a single value (${bins.labels[0]}) in both the reference (${labels.reference}) and the current sample (${labels.current}): there is no distribution to compare`,
    "leave the column out (--columns, or drop it from the model's features)",
  );
}
