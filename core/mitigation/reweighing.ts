/** One (group, class) cell of the training split and its reweighing weight. */
export interface ReweighingCell {
  /** The sensitive column's value as text (a missing value is the group "null"). */
  group: string;
  /** The target's class label as text. */
  label: string;
  /** Training rows in the cell. */
  count: number;
  /** w(g, y) = P(g)·P(y) / P(g, y). */
  weight: number;
}

/** Per-row weights and the table of cells they come from. */
export interface Reweighing {
  /** One weight per input row, in input order. */
  weights: Float64Array;
  /** Every non-empty cell, sorted by group then label (code point order). */
  cells: ReweighingCell[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Kamiran & Calders' reweighing ("Data preprocessing techniques for classification without
 * discrimination", Knowledge and Information Systems 33, 2012, §4.2; AIF360's `Reweighing`):
 * each training row of group g and class y gets
 *
 *   w(g, y) = P(g)·P(y) / P(g, y) = (n_g · n_y) / (n · n_gy),
 *
 * the weight that makes group and class independent in the weighted data: cells rarer than
 * independence predicts weigh more. The counts are multiplied as integers (exact below 2⁵³) and
 * divided once, so the weight is the correctly rounded quotient. O(n). Pure.
 *
 * Example: groups [a, a, a, b], labels [1, 1, 0, 0] → n = 4, n_a = 3, n_b = 1, n_1 = 2, n_0 = 2;
 * w(a, 1) = 3·2 / (4·2) = 0.75, w(a, 0) = 3·2 / (4·1) = 1.5, w(b, 0) = 1·2 / (4·1) = 0.5;
 * weights [0.75, 0.75, 1.5, 0.5].
 */
export function reweigh(groups: readonly string[], labels: readonly string[]): Reweighing {
  if (groups.length !== labels.length) throw new Error("groups and labels differ in length");
  const n = groups.length;
  const groupCounts = new Map<string, number>();
  const labelCounts = new Map<string, number>();
  const cellCounts = new Map<string, number>();
  const cellKey = (group: string, label: string) => JSON.stringify([group, label]);
  for (let i = 0; i < n; i++) {
    const group = groups[i] as string;
    const label = labels[i] as string;
    groupCounts.set(group, (groupCounts.get(group) ?? 0) + 1);
    labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
    const key = cellKey(group, label);
    cellCounts.set(key, (cellCounts.get(key) ?? 0) + 1);
  }
  const weightOf = new Map<string, number>();
  const cells: ReweighingCell[] = [];
  for (const [key, count] of cellCounts) {
    const [group, label] = JSON.parse(key) as [string, string];
    const weight = ((groupCounts.get(group) as number) * (labelCounts.get(label) as number)) / (n * count);
    weightOf.set(key, weight);
    cells.push({ group, label, count, weight });
  }
  cells.sort((a, b) => byCodePoint(a.group, b.group) || byCodePoint(a.label, b.label));
  const weights = Float64Array.from(groups, (group, i) => weightOf.get(cellKey(group, labels[i] as string)) as number);
  return { weights, cells };
}
