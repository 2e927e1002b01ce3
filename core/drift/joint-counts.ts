import { compensatedSum } from "../metrics/sum.ts";
import type { EcdfSummary } from "./types.ts";

/**
 * Both samples of a numeric column as counts per distinct value, sorted: when the distinct
 * values are few (far fewer than rows), the sorted scans of KS and Wasserstein and the binning
 * run over them in JavaScript, exactly as the SQL versions do over DuckDB's rows.
 */
export interface JointCounts {
  /** Distinct values of reference ∪ current, ascending. */
  values: number[];
  reference: number[];
  current: number[];
}

/** Merges two value → count maps into sorted joint counts. */
export function jointCounts(reference: ReadonlyMap<number, number>, current: ReadonlyMap<number, number>): JointCounts {
  const values = [...new Set([...reference.keys(), ...current.keys()])].sort((a, b) => a - b);
  return {
    values,
    reference: values.map((v) => reference.get(v) ?? 0),
    current: values.map((v) => current.get(v) ?? 0),
  };
}

/**
 * The sorted scan over joint counts: F_ref − F_cur after each distinct value (as k₁/n₁ − k₂/n₂,
 * scipy's arithmetic), its max and min, and Σ |F_ref − F_cur| (vᵢ₊₁ − vᵢ) (compensated).
 * O(distinct values).
 */
export function ecdfOfCounts(joint: JointCounts, nReference: number, nCurrent: number): EcdfSummary {
  let k1 = 0;
  let k2 = 0;
  let maxDifference = Number.NEGATIVE_INFINITY;
  let minDifference = Number.POSITIVE_INFINITY;
  const areas: number[] = [];
  for (let i = 0; i < joint.values.length; i++) {
    k1 += joint.reference[i] as number;
    k2 += joint.current[i] as number;
    const difference = k1 / nReference - k2 / nCurrent;
    if (difference > maxDifference) maxDifference = difference;
    if (difference < minDifference) minDifference = difference;
    if (i + 1 < joint.values.length)
      areas.push(Math.abs(difference) * ((joint.values[i + 1] as number) - (joint.values[i] as number)));
  }
  return { maxDifference, minDifference, wasserstein: compensatedSum(areas) };
}

/** The bin of v on sorted edges as numpy.histogram: inner edges ≤ v (binary search). */
export function binOf(value: number, edges: readonly number[]): number {
  let lo = 1;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Counts per bin of both samples from joint counts. */
export function binJointCounts(
  joint: JointCounts,
  edges: readonly number[],
): { reference: number[]; current: number[] } {
  const reference = new Array<number>(edges.length - 1).fill(0);
  const current = new Array<number>(edges.length - 1).fill(0);
  joint.values.forEach((value, i) => {
    const bin = binOf(value, edges);
    reference[bin] = (reference[bin] as number) + (joint.reference[i] as number);
    current[bin] = (current[bin] as number) + (joint.current[i] as number);
  });
  return { reference, current };
}
