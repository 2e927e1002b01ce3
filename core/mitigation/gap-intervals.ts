import { classificationPointMetric, subsetClassification } from "../evaluate/point-metrics.ts";
import type { IntervalSettings } from "../evaluate/settings.ts";
import { differenceBetweenGroups } from "../metrics/fairness/between-groups.ts";
import { demographicParity } from "../metrics/fairness/demographic-parity.ts";
import { equalizedOddsDifference } from "../metrics/fairness/equalized-odds.ts";
import type { Group } from "../metrics/fairness/groups.ts";
import { percentileInterval } from "../metrics/intervals/percentile-interval.ts";
import { createRandom } from "../metrics/intervals/prng.ts";
import type { ClassificationData } from "../metrics/types.ts";

/** The generator stream of the fairness-gap bootstrap (apart from evaluate's streams 1 and 2). */
export const STREAM_FAIRNESS_GAPS = 7;

/** A value and its percentile-bootstrap interval (null when undefined on most resamples). */
export interface ValueWithInterval {
  value: number | null;
  ci: [number, number] | null;
}

/** One between-group gap of the mitigated column, with and without the mitigation. */
export interface GapComparison {
  measure: string;
  with: ValueWithInterval;
  without: ValueWithInterval;
  /** with − without, on the same resampled rows (negative: the mitigation narrowed the gap). */
  change: ValueWithInterval;
}

/** The gaps measured: Fairlearn's parity differences for binary tasks, the primary metric gap always. */
export function gapMeasures(data: ClassificationData): string[] {
  const binary = data.positive !== null;
  return [...(binary ? ["demographic_parity_difference", "equalized_odds_difference"] : []), "primary_metric_gap"];
}

function measureGap(measure: string, data: ClassificationData, groups: readonly Group[], primary: string): number {
  const positive = data.positive as number;
  let value: number | null;
  if (measure === "demographic_parity_difference")
    value = demographicParity(data.predicted, groups, positive).difference;
  else if (measure === "equalized_odds_difference")
    value = equalizedOddsDifference(data.truth, data.predicted, groups, positive);
  else
    value = differenceBetweenGroups(
      groups.map((group) => classificationPointMetric(primary, subsetClassification(data, group.rows))),
    );
  return value ?? Number.NaN;
}

/**
 * The fairness gaps of one sensitive column for two models scored on the same rows (the model
 * trained with the mitigation and without it), each with a percentile bootstrap interval, and
 * the interval of their difference from the same resamples (paired). Each resample draws n rows
 * with replacement and regroups them by their group; a measure undefined on a resample (a group
 * drawn empty, one class only) is left out, and no interval is given when that happens on more
 * than half of them. Deterministic for the settings' seed. O(B · n · groups). Pure.
 */
export function compareGaps(
  mitigated: ClassificationData,
  unmitigated: ClassificationData,
  groups: readonly Group[],
  primary: string,
  settings: IntervalSettings,
): GapComparison[] {
  const measures = gapMeasures(mitigated);
  const n = mitigated.truth.length;
  const groupOf = new Int32Array(n);
  groups.forEach((group, g) => {
    for (const row of group.rows) groupOf[row] = g;
  });
  const replicates = measures.map(() => ({
    with: new Float64Array(settings.resamples),
    without: new Float64Array(settings.resamples),
  }));
  const random = createRandom(settings.seed, STREAM_FAIRNESS_GAPS);
  const drawn: number[][] = groups.map(() => []);
  for (let b = 0; b < settings.resamples; b++) {
    for (const list of drawn) list.length = 0;
    for (let draw = 0; draw < n; draw++) {
      const row = random.nextIndex(n);
      (drawn[groupOf[row] as number] as number[]).push(row);
    }
    const resampled = groups.map((group, g) => ({ value: group.value, rows: Int32Array.from(drawn[g] as number[]) }));
    const present = resampled.filter((group) => group.rows.length > 0);
    measures.forEach((measure, m) => {
      const slot = replicates[m] as { with: Float64Array; without: Float64Array };
      const complete = present.length === groups.length;
      slot.with[b] = complete ? measureGap(measure, mitigated, present, primary) : Number.NaN;
      slot.without[b] = complete ? measureGap(measure, unmitigated, present, primary) : Number.NaN;
    });
  }
  return measures.map((measure, m) => {
    const slot = replicates[m] as { with: Float64Array; without: Float64Array };
    const withValue = finite(measureGap(measure, mitigated, groups, primary));
    const withoutValue = finite(measureGap(measure, unmitigated, groups, primary));
    const change = slot.with.map((value, b) => value - (slot.without[b] as number));
    return {
      measure,
      with: { value: withValue, ci: percentileInterval(slot.with, settings.confidence) },
      without: { value: withoutValue, ci: percentileInterval(slot.without, settings.confidence) },
      change: {
        value: withValue === null || withoutValue === null ? null : withValue - withoutValue,
        ci: percentileInterval(change, settings.confidence),
      },
    };
  });
}

function finite(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
