import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdhocDrift } from "../../core/drift/adhoc.ts";
import { chiSquareHomogeneity } from "../../core/drift/tests/chisquare.ts";
import { jensenShannonDistance } from "../../core/drift/tests/jensenshannon.ts";
import { klDivergence } from "../../core/drift/tests/kl-div.ts";
import { infinityNorm } from "../../core/drift/tests/linf.ts";
import { populationStabilityIndex } from "../../core/drift/tests/psi.ts";
import { twoProportionZ } from "../../core/drift/tests/z.ts";
import type { DriftColumnResult } from "../../core/schemas/drift-report.ts";
import { chiSquareSurvival } from "../../core/stats/incomplete-gamma.ts";
import { kolmogorovSurvival } from "../../core/stats/kolmogorov.ts";

/** Values from scripts/golden-drift.py (Debian's scipy 1.10.1 and numpy 1.24.2). */
interface GoldenCase {
  name: string;
  kind: "numeric" | "categorical";
  note?: string;
  reference: Array<number | string | null>;
  current: Array<number | string | null>;
  error?: string;
  binning?: string;
  bins?: number;
  default_test?: string;
  expected?: Record<string, { statistic: number; p_value?: number }>;
}
interface Golden {
  cases: GoldenCase[];
  kolmogorov: Array<{ n: number; x: number; sf: number }>;
  chi2: Array<{ x: number; dof: number; sf: number }>;
}

const golden = JSON.parse(await readFile("test/fixtures/drift-golden.json", "utf8")) as Golden;
/** Statistics agree to 1e-9 (relative to their size when above 1), p-values to 1e-6. */
const STATISTIC_TOLERANCE = 1e-9;
const P_VALUE_TOLERANCE = 1e-6;

function expectStatistic(actual: number | null | undefined, expected: number, what: string) {
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    STATISTIC_TOLERANCE * Math.max(1, Math.abs(expected)),
  );
}

function expectPValue(actual: number | null | undefined, expected: number, what: string) {
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    P_VALUE_TOLERANCE,
  );
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "almanac-golden-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeSample(name: string, values: GoldenCase["reference"]): Promise<string> {
  const path = join(dir, `${name}.csv`);
  await writeFile(path, `x\n${values.map((value) => (value === null ? "" : String(value))).join("\n")}\n`);
  return path;
}

/**
 * Numeric columns are scanned as value counts in JavaScript, or (valueCountsMax 0, as for more
 * than VALUE_COUNTS_MAX_DISTINCT distinct values) row by row: their values sorted in JavaScript,
 * or (sortedValuesMax 0, as for more than SORTED_IN_MEMORY_MAX_VALUES values) in DuckDB's window
 * scan. The row paths only serve columns with many distinct values: Sturges bins.
 */
// Integer codes are categories only when their few values are counted (they always are below
// VALUE_COUNTS_MAX_DISTINCT), so the forced row scans leave them out.
const scannedByRow = (sample: GoldenCase) =>
  (sample.kind === "categorical" && !sample.note?.includes("integer codes")) || sample.binning === "sturges";
const PATHS = [
  { name: "value counts scanned in JS", valueCountsMax: undefined, applies: (_: GoldenCase) => true },
  { name: "rows sorted in JS", valueCountsMax: 0, applies: scannedByRow },
  { name: "rows scanned in DuckDB", valueCountsMax: 0, sortedValuesMax: 0, applies: scannedByRow },
];

async function drift(sample: GoldenCase, tests?: string[], valueCountsMax?: number, sortedValuesMax?: number) {
  const reference = await writeSample(`${sample.name}-reference`, sample.reference);
  const current = await writeSample(`${sample.name}-current`, sample.current);
  return runAdhocDrift({
    reference,
    current,
    base: dir,
    date: "2024-01-01",
    ...(tests ? { tests } : {}),
    ...(valueCountsMax !== undefined ? { valueCountsMax } : {}),
    ...(sortedValuesMax !== undefined ? { sortedValuesMax } : {}),
  });
}

const computed = golden.cases.filter((sample) => sample.expected && sample.bins !== 1);

describe.each(PATHS)(
  "drift tests agree with scipy (through DuckDB, end to end; $name)",
  ({ valueCountsMax, sortedValuesMax, applies }) => {
    for (const sample of computed.filter(applies)) {
      it(`${sample.name}: every test`, async () => {
        const expected = sample.expected as NonNullable<GoldenCase["expected"]>;
        const report = await drift(sample, Object.keys(expected), valueCountsMax, sortedValuesMax);
        const byTest = new Map(report.columns.map((result: DriftColumnResult) => [result.test, result]));
        expect([...byTest.keys()].sort()).toEqual(Object.keys(expected).sort());
        for (const [test, value] of Object.entries(expected)) {
          const result = byTest.get(test);
          expectStatistic(result?.statistic, value.statistic, `${sample.name} ${test} statistic`);
          if (value.p_value !== undefined)
            expectPValue(result?.p_value, value.p_value, `${sample.name} ${test} p-value`);
        }
        expect(byTest.get("psi")?.binning).toContain(`(${sample.bins} bins)`);
      });

      it(`${sample.name}: Evidently's default test is ${sample.default_test}`, async () => {
        const report = await drift(sample, undefined, valueCountsMax, sortedValuesMax);
        expect(report.columns.map((result) => result.test)).toEqual([sample.default_test]);
        // Categories keep their spelling in the histogram (yes/no, t/f and 00/01 are not booleans or numbers).
        if (sample.kind === "categorical") {
          const values = [...new Set([...sample.reference, ...sample.current].filter((v) => v !== null).map(String))];
          expect(report.columns[0]?.histogram?.labels).toEqual(values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        }
      });
    }
  },
);

describe("samples with nothing to compare", () => {
  for (const sample of golden.cases.filter((entry) => entry.error)) {
    it(`${sample.name}: refused with a message (scipy: ${sample.error})`, async () => {
      await expect(drift(sample)).rejects.toThrow(
        /has no values in the (reference|current) sample .*all \d+ rows are null/,
      );
    });
  }
  for (const sample of golden.cases.filter((entry) => entry.bins === 1)) {
    it(`${sample.name}: a single value on both sides is refused, and the formulas give scipy's values`, async () => {
      await expect(drift(sample)).rejects.toThrow(/holds a single value .* there is no distribution to compare/);
      const n1 = sample.reference.length;
      const n2 = sample.current.length;
      const input = {
        referenceCount: n1,
        currentCount: n2,
        bins: { method: "values" as const, labels: ["v"], reference: [n1], current: [n2] },
      };
      const expected = sample.expected as NonNullable<GoldenCase["expected"]>;
      const chi = chiSquareHomogeneity(input.bins);
      expectStatistic(chi.statistic, expected.chisquare?.statistic as number, "chisquare");
      expectPValue(chi.pValue, expected.chisquare?.p_value as number, "chisquare p");
      expectPValue(twoProportionZ(input).pValue, expected.z?.p_value as number, "z p");
      expectStatistic(populationStabilityIndex(input), expected.psi?.statistic as number, "psi");
      expectStatistic(klDivergence(input), expected.kl_div?.statistic as number, "kl_div");
      expectStatistic(jensenShannonDistance(input), expected.jensenshannon?.statistic as number, "jensenshannon");
      expectStatistic(infinityNorm(input).distance, expected.linf?.statistic as number, "linf");
    });
  }
});

describe("distributions agree with scipy", () => {
  it("kstwo.sf(x, n) on a grid that reaches every branch of Simard & L'Ecuyer's choice", () => {
    for (const { n, x, sf } of golden.kolmogorov) expectPValue(kolmogorovSurvival(n, x), sf, `kstwo.sf(${x}, ${n})`);
  });

  it("chi2.sf(x, dof) to 1e-12 relative", () => {
    for (const { x, dof, sf } of golden.chi2) {
      const actual = chiSquareSurvival(x, dof);
      expect(Math.abs(actual - sf), `chi2.sf(${x}, ${dof})`).toBeLessThanOrEqual(1e-12 * Math.max(sf, 1e-300) + 1e-300);
    }
  });
});
