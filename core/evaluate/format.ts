/** A metric for people: four significant digits, no trailing zeros. Example: 0.912345 → "0.9123". */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return "n/a";
  if (!Number.isFinite(value)) return String(value);
  return String(Number.parseFloat(value.toPrecision(4)));
}

/** "0.9123 [0.88, 0.94]" or "0.9123" without an interval. */
export function formatWithInterval(value: number | null, ci: readonly [number, number] | null | undefined): string {
  return ci ? `${formatNumber(value)} [${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : formatNumber(value);
}
