/**
 * Regenerates the committed monitoring reports of the examples, reproducibly:
 * - a profile of every example dataset: reports/profiles/<dataset>/<version>.json
 *   (`almanac profile <dataset>`);
 * - the production model seattle-rain's drift history through its 2015 season: at the start of
 *   each quarter the check sees the season so far (`almanac drift seattle-rain --until D --date D`),
 *   the last one being the card's whole window (2015-01-01 … 2016-01-01).
 *
 * Run: node scripts/make-drift-reports.ts
 * Reports carry no timestamps and DuckDB aggregates are deterministic, so a rerun rewrites the
 * same bytes. `almanac drift` exits 1 when a report shows drift; that is expected here.
 */
import { spawnSync } from "node:child_process";

const DATASETS = ["penguins", "seattle-weather", "cars"];
const SEASON_CHECKS = ["2015-04-01", "2015-07-01", "2015-10-01", "2016-01-01"];

function almanac(args: string[]): void {
  const result = spawnSync(process.execPath, ["bin/almanac.ts", ...args], { encoding: "utf8" });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`almanac ${args.join(" ")} failed:\n${result.stderr}`);
  const last = result.stdout.trim().split("\n").at(-1);
  console.log(`almanac ${args.join(" ")} → exit ${result.status}: ${last}`);
}

for (const dataset of DATASETS) almanac(["profile", dataset]);
for (const date of SEASON_CHECKS) almanac(["drift", "seattle-rain", "--until", date, "--date", date]);
