import { describe, expect, it } from "vitest";
import { classificationMetrics } from "../../core/evaluate/classification-metrics.ts";
import { computeFairness } from "../../core/evaluate/fairness.ts";
import { regressionMetrics } from "../../core/evaluate/regression-metrics.ts";
import { DEFAULT_INTERVALS } from "../../core/evaluate/settings.ts";
import { perClassScores } from "../../core/metrics/class-scores.ts";
import { buildConfusion } from "../../core/metrics/confusion-matrix.ts";
import { delongVarianceBinary, delongVarianceMacro } from "../../core/metrics/intervals/delong.ts";
import { deltaMethodStandardError } from "../../core/metrics/intervals/delta-method.ts";
import { meanOf, rootMeanOf, rSquaredOf } from "../../core/metrics/intervals/mean-statistic.ts";
import { normalQuantile } from "../../core/metrics/intervals/normal.ts";
import { absoluteErrors } from "../../core/metrics/mae.ts";
import { residualSummary } from "../../core/metrics/residual-summary.ts";
import { squaredErrors } from "../../core/metrics/rmse.ts";
import { classificationOf, close, type GoldenCase, golden, regressionOf } from "./golden-cases.ts";

/** Lists every mismatch so a failure names the metric, ours and scikit-learn's. */
function mismatches(actual: Record<string, number | null | undefined>, expected: Record<string, number | null>) {
  return Object.entries(expected)
    .filter(([name, value]) => !close(actual[name], value))
    .map(([name, value]) => `${name}: almanac ${actual[name]} vs reference ${value}`);
}

function fairnessMismatches(c: GoldenCase, actual: ReturnType<typeof computeFairness>): string[] {
  const out: string[] = [];
  for (const [column, expected] of Object.entries(c.expected.fairness as Record<string, Record<string, unknown>>)) {
    const ours = actual[column];
    if (!ours) {
      out.push(`missing column ${column}`);
      continue;
    }
    const { groups, ...summary } = expected;
    out.push(...mismatches(ours as unknown as Record<string, number | null>, summary as Record<string, number | null>));
    (groups as Array<{ group: string; count: number; metrics: Record<string, number | null> }>).forEach((group, i) => {
      const mine = ours.groups[i];
      if (mine?.group !== group.group || mine.count !== group.count) out.push(`group ${i}: ${JSON.stringify(mine)}`);
      else out.push(...mismatches(mine.metrics, group.metrics).map((m) => `${group.group}.${m}`));
    });
  }
  return out;
}

describe("metrics match scikit-learn 1.2.1 and Fairlearn's definitions to 1e-9", () => {
  for (const c of golden.cases.filter((item) => item.task !== "regression")) {
    it(c.name, () => {
      const data = classificationOf(c);
      const metrics = classificationMetrics(data, { ...DEFAULT_INTERVALS, resamples: 200 });
      const values = Object.fromEntries(Object.entries(metrics).map(([name, metric]) => [name, metric.value]));
      expect(mismatches(values, c.expected.metrics)).toEqual([]);
      expect(Object.keys(values).sort()).toEqual(Object.keys(c.expected.metrics).sort());
      const confusion = buildConfusion(data.truth, data.predicted, data.labels.length);
      expect(
        Array.from({ length: data.labels.length }, (_, t) =>
          Array.from(confusion.counts.slice(t * data.labels.length, (t + 1) * data.labels.length)),
        ),
      ).toEqual(c.expected.confusion);
      const perClass = perClassScores(confusion).map((score) => ({
        class: data.labels[score.index],
        precision: score.precision,
        recall: score.recall,
        f1: score.f1,
        support: score.support,
      }));
      expect(perClass.map((row) => row.class)).toEqual(c.expected.per_class.map((row: { class: string }) => row.class));
      perClass.forEach((row, i) => {
        const { class: _label, ...expected } = c.expected.per_class[i];
        expect(mismatches(row as never, expected)).toEqual([]);
      });
      const fairness = computeFairness({ classification: data, primaryMetric: c.primary, sensitive: c.sensitive });
      expect(fairnessMismatches(c, fairness)).toEqual([]);
    });
  }

  for (const c of golden.cases.filter((item) => item.task === "regression")) {
    it(c.name, () => {
      const data = regressionOf(c);
      const metrics = regressionMetrics(data, { ...DEFAULT_INTERVALS, resamples: 200 });
      const values = Object.fromEntries(Object.entries(metrics).map(([name, metric]) => [name, metric.value]));
      expect(mismatches(values, c.expected.metrics)).toEqual([]);
      expect(mismatches(residualSummary(data) as never, c.expected.residuals)).toEqual([]);
      const fairness = computeFairness({ regression: data, primaryMetric: c.primary, sensitive: c.sensitive });
      expect(fairnessMismatches(c, fairness)).toEqual([]);
    });
  }
});

describe("interval building blocks match their references", () => {
  it("DeLong variance equals the brute-force definition (binary and one-vs-rest macro)", () => {
    const checked: string[] = [];
    for (const c of golden.cases.filter((item) => item.expected.delong_variance != null)) {
      const data = classificationOf(c);
      const positive = data.positive;
      const variance =
        positive !== null && data.positiveScores
          ? delongVarianceBinary(data.positiveScores, (i) => data.truth[i] === positive)
          : delongVarianceMacro(data);
      expect(
        close(variance, c.expected.delong_variance),
        `${c.name}: ${variance} vs ${c.expected.delong_variance}`,
      ).toBe(true);
      checked.push(c.name);
    }
    // 5 cases of the original set and the 7 label-spelling cases (labels-*).
    expect(checked.length).toBe(12);
  });

  it("delta-method standard errors equal numpy's influence-function values", () => {
    for (const c of golden.cases.filter((item) => item.task === "regression")) {
      const data = regressionOf(c);
      const squares = squaredErrors(data);
      const average = data.truth.reduce((sum, value) => sum + value, 0) / data.truth.length;
      const centred = data.truth.map((value) => value - average);
      const ses: Record<string, number> = {
        mae: deltaMethodStandardError(meanOf(absoluteErrors(data))),
        rmse: deltaMethodStandardError(rootMeanOf(squares)),
      };
      if (c.expected.delta_se.r2 !== undefined)
        ses.r2 = deltaMethodStandardError(
          rSquaredOf(
            squares,
            centred,
            centred.map((value) => value * value),
          ),
        );
      expect(mismatches(ses, c.expected.delta_se), c.name).toEqual([]);
    }
  });

  it("normal quantiles equal scipy.stats.norm.ppf", () => {
    for (const [p, z] of Object.entries(golden.normal_quantiles))
      expect(Math.abs(normalQuantile(Number(p)) - z), `p=${p}`).toBeLessThan(1e-12);
  });
});
