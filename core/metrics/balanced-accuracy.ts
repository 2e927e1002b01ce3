import { trueCounts } from "./confusion-matrix.ts";
import type { Confusion } from "./types.ts";

/**
 * Balanced accuracy: the mean recall over the classes present in the truth, as scikit-learn's
 * `balanced_accuracy_score(adjusted=False)`; classes only predicted are left out, as there.
 * O(k²). Example: counts [[2, 0], [1, 1]] → (1 + 0.5) / 2 = 0.75.
 */
export function balancedAccuracy(confusion: Confusion): number {
  const { k, counts } = confusion;
  const rows = trueCounts(confusion);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const support = rows[c] as number;
    if (support === 0) continue;
    sum += (counts[c * k + c] as number) / support;
    classes++;
  }
  return classes === 0 ? Number.NaN : sum / classes;
}
