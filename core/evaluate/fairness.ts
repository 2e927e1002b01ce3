import type { z } from "zod";
import { differenceBetweenGroups } from "../metrics/fairness/between-groups.ts";
import { demographicParity } from "../metrics/fairness/demographic-parity.ts";
import { equalizedOddsDifference } from "../metrics/fairness/equalized-odds.ts";
import { errorRates } from "../metrics/fairness/error-rates.ts";
import { type CodedColumn, type Group, groupCodes, groupRows } from "../metrics/fairness/groups.ts";
import { selectionRate } from "../metrics/fairness/selection-rate.ts";
import type { ClassificationData, RegressionData } from "../metrics/types.ts";
import type { FairnessColumnSchema } from "../schemas/evaluation.ts";
import { findingError } from "../util/errors.ts";
import { plural } from "../util/plural.ts";
import { groupClassificationMetric, regressionPointMetric, subsetRegression } from "./point-metrics.ts";

/** The fairness of one sensitive column, as stored in evaluation.json. */
export type FairnessColumn = z.infer<typeof FairnessColumnSchema>;

/** Groups smaller than this are flagged as too small to judge (warning, not failure). */
export const SMALL_GROUP_ROWS = 10;

/** What to slice: the data and, per sensitive column, each row's value (null when missing) or its codes. */
export interface FairnessInput {
  classification?: ClassificationData;
  regression?: RegressionData;
  primaryMetric: string;
  sensitive: Record<string, ReadonlyArray<string | null> | CodedColumn>;
}

/**
 * Per sensitive column: per-group counts and metrics, Fairlearn's demographic parity difference
 * and ratio and equalized odds difference (binary), and the largest between-group gap of the
 * primary metric. Throws (exit 1) when a group has a single row: no metric of one row means
 * anything, and the fix is in the data (merge rare values) not in Almanac.
 */
export function computeFairness(input: FairnessInput): Record<string, FairnessColumn> {
  const out: Record<string, FairnessColumn> = {};
  for (const [column, values] of Object.entries(input.sensitive)) {
    const groups = Array.isArray(values) ? groupRows(values) : groupCodes(values as CodedColumn);
    const lonely = groups.find((group) => group.rows.length === 1);
    if (lonely)
      throw findingError(
        `sensitive column "${column}": group "${lonely.value}" has a single row in the evaluated split`,
        "fairness metrics of a one-row group are meaningless: merge rare values in the data, or drop the column from dataset.sensitive",
      );
    out[column] = input.classification
      ? classificationFairness(input.classification, groups, input.primaryMetric)
      : regressionFairness(input.regression as RegressionData, groups, input.primaryMetric);
  }
  return out;
}

function classificationFairness(data: ClassificationData, groups: Group[], primary: string): FairnessColumn {
  const positive = data.positive;
  const warnings = smallGroupWarnings(groups);
  const rows = groups.map((group) => {
    const metrics: Record<string, number | null> = {
      accuracy: groupClassificationMetric("accuracy", data, group.rows),
    };
    metrics[primary] = groupClassificationMetric(primary, data, group.rows);
    if (positive !== null) {
      const rates = errorRates(data.truth, data.predicted, group.rows, positive);
      metrics.selection_rate = selectionRate(data.predicted, group.rows, positive);
      metrics.true_positive_rate = rates.truePositiveRate;
      metrics.false_positive_rate = rates.falsePositiveRate;
      let positives = 0;
      for (const row of group.rows) if (data.truth[row] === positive) positives++;
      if (positives === 0 || positives === group.rows.length)
        warnings.push(
          `group "${group.value}" has only one true class: its ${positives > 0 ? "false" : "true"} positive rate is 0 by Fairlearn's convention`,
        );
    }
    if (metrics[primary] === null)
      warnings.push(`group "${group.value}": ${primary} is undefined and left out of the gap`);
    return { group: group.value, count: group.rows.length, metrics };
  });
  const column: FairnessColumn = { groups: rows, primary_metric_gap: gap(rows, primary), warnings };
  if (positive !== null) {
    const parity = demographicParity(data.predicted, groups, positive);
    column.demographic_parity_difference = parity.difference;
    column.demographic_parity_ratio = parity.ratio;
    column.equalized_odds_difference = equalizedOddsDifference(data.truth, data.predicted, groups, positive);
  }
  return column;
}

function regressionFairness(data: RegressionData, groups: Group[], primary: string): FairnessColumn {
  const warnings = smallGroupWarnings(groups);
  const rows = groups.map((group) => {
    const subset = subsetRegression(data, group.rows);
    const metrics: Record<string, number | null> = {
      mae: regressionPointMetric("mae", subset),
      rmse: regressionPointMetric("rmse", subset),
    };
    metrics[primary] = regressionPointMetric(primary, subset);
    if (metrics[primary] === null)
      warnings.push(`group "${group.value}": ${primary} is undefined and left out of the gap`);
    return { group: group.value, count: group.rows.length, metrics };
  });
  return { groups: rows, primary_metric_gap: gap(rows, primary), warnings };
}

function gap(rows: ReadonlyArray<{ metrics: Record<string, number | null> }>, primary: string): number | null {
  return differenceBetweenGroups(rows.map((row) => row.metrics[primary] ?? null));
}

function smallGroupWarnings(groups: readonly Group[]): string[] {
  return groups
    .filter((group) => group.rows.length < SMALL_GROUP_ROWS)
    .map(
      (group) =>
        `group "${group.value}" has ${plural(group.rows.length, "row")} (fewer than ${SMALL_GROUP_ROWS}): its metrics are noisy`,
    );
}
