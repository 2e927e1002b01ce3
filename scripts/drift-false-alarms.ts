/**
 * Measures how often drift against a committed profile raises a false alarm, and how often it
 * finds a real shift (see scripts/drift-simulation.ts for the 30-column distribution).
 *
 * Run: node scripts/drift-false-alarms.ts [trials]   (default 200 trials per size)
 *
 * Prints, per current size (150, 1,000, 10,000 rows): the share of trials declaring dataset
 * drift and the share of drifted columns, with Almanac's profile default (KS on the ECDFs at
 * the bin edges for numbers, chi-square on pooled bins for categories) and with the default it
 * replaced (Jensen–Shannon ≥ 0.1), on the same distribution; then the detection rate for
 * shifts of 0.2 and 0.5 (standard deviations of the numbers; share moved from the first
 * category to the last).
 */
import { type Mode, referenceProfile, simulate } from "./drift-simulation.ts";

const TRIALS = Number(process.argv[2] ?? 200);
const REFERENCE_ROWS = 20_000;
const SIZES = [150, 1_000, 10_000];

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

const profile = await referenceProfile(REFERENCE_ROWS, 0.42);
console.log(`reference: profile of ${REFERENCE_ROWS} rows, 30 columns; ${TRIALS} trials per size`);
console.log("default: ks/chi2 = Almanac's profile default, js = Jensen–Shannon ≥ 0.1 (the previous one)");
console.log("rows     default       shift  dataset drift  drifted columns");
for (const [mode, shift] of [
  ["current", 0],
  ["previous", 0],
  ["current", 0.2],
  ["current", 0.5],
] as Array<[Mode, number]>) {
  for (const rows of SIZES) {
    const trials = rows === 10_000 && mode === "previous" ? Math.min(TRIALS, 50) : TRIALS;
    const rate = await simulate(profile, { rows, trials, seed: 0.1 + rows / 1e6, shift, mode });
    const name = mode === "current" ? "ks/chi2" : "js";
    console.log(
      `${String(rows).padEnd(8)} ${name.padEnd(13)} ${String(shift).padEnd(6)} ${percent(rate.datasetDrift).padStart(13)}  ${percent(rate.columnShare).padStart(15)}   (${trials} trials)`,
    );
  }
}
