/** Significant digits numbers are shown with in every report. */
export const DISPLAY_PRECISION = 4;

/**
 * A number for people and exact-output tests: integers as they are, others with 4
 * significant digits (trailing zeros dropped), `+` on request for deltas, `−` (U+2212) for
 * negatives so columns read well. Pure.
 * Example: formatValue(0.912345) → "0.9123"; formatValue(-0.0204, true) → "−0.0204".
 */
export function formatValue(value: number | null, signed = false): string {
  if (value === null || Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  const magnitude = Math.abs(value);
  const text = Number.isInteger(magnitude)
    ? String(magnitude)
    : magnitude < 1e-4
      ? magnitude.toExponential(1)
      : String(Number(magnitude.toPrecision(DISPLAY_PRECISION)));
  if (value < 0 && text !== "0") return `−${text}`;
  return signed && value > 0 ? `+${text}` : text;
}

/** A relative change as a percentage with one decimal: `+2.3%`. Pure. */
export function formatPercent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "n/a";
  const text = `${Math.abs(value * 100).toFixed(1)}%`;
  if (text === "0.0%") return "0.0%";
  return value < 0 ? `−${text}` : `+${text}`;
}

/** An interval `[−0.012, +0.034]` with signs. Pure. */
export function formatInterval(interval: readonly [number, number] | null): string {
  if (!interval) return "n/a";
  return `[${formatValue(interval[0], true)}, ${formatValue(interval[1], true)}]`;
}
