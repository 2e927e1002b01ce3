/**
 * Sorts class labels the way Almanac numbers classes: numerically when every label is a finite
 * number (so 2 < 10), otherwise by code point (JavaScript string order, not locale). The last
 * label is the default positive class of a binary task, as in scikit-learn.
 * Example: ["rain", "dry"] → ["dry", "rain"]; ["10", "9"] → ["9", "10"].
 */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const numeric = unique.length > 0 && unique.every((label) => label.trim() !== "" && Number.isFinite(Number(label)));
  return numeric
    ? unique.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
    : unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
