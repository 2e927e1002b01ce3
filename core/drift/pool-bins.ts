import type { BinnedCounts } from "./types.ts";

/**
 * Fewest current values a pooled bin is expected to hold under the reference's shares
 * (Cochran's rule of thumb for the chi-square approximation).
 */
export const POOLED_MIN_EXPECTED = 5;
/** Label of the bin that gathers the categories too rare to test on their own. */
export const POOLED_LABEL = "(pooled rare values)";

/** Bin groups (indexes into the original bins) and their labels. */
interface Groups {
  members: number[][];
  labels: string[];
}

function sum(values: readonly number[], indexes: readonly number[]): number {
  let total = 0;
  for (const i of indexes) total += values[i] as number;
  return total;
}

/**
 * Ordered bins (intervals, or numeric values) grouped left to right until each group's
 * reference share × current size reaches `minExpected`; a short last group joins the one
 * before, and bins the reference never saw join their neighbours.
 */
function orderedGroups(bins: BinnedCounts, perReferenceValue: number, minExpected: number): Groups {
  const members: number[][] = [];
  let open: number[] = [];
  let expected = 0;
  bins.reference.forEach((count, i) => {
    open.push(i);
    expected += count * perReferenceValue;
    if (expected >= minExpected) {
      members.push(open);
      open = [];
      expected = 0;
    }
  });
  if (open.length > 0) {
    if (members.length > 0) (members.at(-1) as number[]).push(...open);
    else members.push(open);
  }
  const labels = members.map((group) => {
    const first = group[0] as number;
    const last = group.at(-1) as number;
    if (bins.edges) return `[${bins.edges[first]}, ${bins.edges[last + 1]})`;
    return first === last ? (bins.labels[first] as string) : `${bins.labels[first]} … ${bins.labels[last]}`;
  });
  return { members, labels };
}

/**
 * Categories kept on their own when their expected current count reaches `minExpected`; the
 * rest (new categories included) pooled into one bin, itself joined to the smallest kept
 * category when it is expected to hold too few.
 */
function categoryGroups(bins: BinnedCounts, perReferenceValue: number, minExpected: number): Groups {
  const kept: number[] = [];
  const rare: number[] = [];
  bins.reference.forEach((count, i) => {
    (count * perReferenceValue >= minExpected ? kept : rare).push(i);
  });
  const members = kept.map((i) => [i]);
  const labels = kept.map((i) => bins.labels[i] as string);
  if (rare.length === 0) return { members, labels };
  if (sum(bins.reference, rare) * perReferenceValue >= minExpected || kept.length === 0) {
    members.push(rare);
    labels.push(rare.length === 1 ? (bins.labels[rare[0] as number] as string) : POOLED_LABEL);
    return { members, labels };
  }
  const smallest = kept.reduce((a, b) => ((bins.reference[b] as number) < (bins.reference[a] as number) ? b : a));
  const at = kept.indexOf(smallest);
  members[at] = [smallest, ...rare];
  labels[at] = `${bins.labels[smallest]} + ${POOLED_LABEL}`;
  return { members, labels };
}

/**
 * Pools sparse bins so a chi-square test keeps its nominal false-alarm rate: each pooled bin is
 * expected to hold at least `minExpected` current values under the reference's shares (the
 * grouping reads reference counts and the current size only, never the current counts, so it
 * cannot bias the test). Ordered bins (intervals, numbers) merge with their neighbours;
 * categories too rare to test alone are pooled together. Pure.
 * Example: ordered bins with reference counts [50, 30, 15, 5] and 20 current values expect
 * 10, 6, 3 and 1 current values; the last two are too few and join the second:
 * `poolSparseBins(bins, true, 20).reference` → [50, 50].
 */
export function poolSparseBins(
  bins: BinnedCounts,
  ordered: boolean,
  currentSize: number,
  minExpected = POOLED_MIN_EXPECTED,
): BinnedCounts {
  const referenceSize = bins.reference.reduce((a, b) => a + b, 0);
  if (referenceSize === 0 || currentSize === 0) return bins;
  const perReferenceValue = currentSize / referenceSize;
  const { members, labels } = ordered
    ? orderedGroups(bins, perReferenceValue, minExpected)
    : categoryGroups(bins, perReferenceValue, minExpected);
  return {
    method: bins.method,
    labels,
    reference: members.map((group) => sum(bins.reference, group)),
    current: members.map((group) => sum(bins.current, group)),
  };
}
