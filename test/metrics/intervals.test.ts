import { describe, expect, it } from "vitest";
import { classificationMetrics } from "../../core/evaluate/classification-metrics.ts";
import { regressionMetrics } from "../../core/evaluate/regression-metrics.ts";
import { accuracy } from "../../core/metrics/accuracy.ts";
import { binomial } from "../../core/metrics/intervals/binomial.ts";
import { bootstrapConfusion } from "../../core/metrics/intervals/confusion-bootstrap.ts";
import { delongVarianceBinary } from "../../core/metrics/intervals/delong.ts";
import { multinomial } from "../../core/metrics/intervals/multinomial.ts";
import { normalCdf, normalQuantile } from "../../core/metrics/intervals/normal.ts";
import { percentileInterval } from "../../core/metrics/intervals/percentile-interval.ts";
import { createRandom } from "../../core/metrics/intervals/prng.ts";

describe("seeded generator and samplers", () => {
  it("xoshiro128** is deterministic per seed and stream", () => {
    const draw = (seed: number, stream: number) => Array.from({ length: 4 }, createRandom(seed, stream).nextUint32);
    expect(draw(42, 0)).toEqual(draw(42, 0));
    expect(draw(42, 0)).not.toEqual(draw(42, 1));
    expect(draw(42, 0)).not.toEqual(draw(43, 0));
    const random = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const u = random.nextDouble();
      expect(u >= 0 && u < 1).toBe(true);
      expect(random.nextIndex(7)).toBeLessThan(7);
    }
  });

  it("binomial draws have the right mean and variance (inversion and BTPE)", () => {
    const random = createRandom(7);
    for (const [n, p] of [
      [20, 0.3],
      [1_000_000, 0.3],
      [5000, 0.9],
    ] as const) {
      const draws = Array.from({ length: 4000 }, () => binomial(random, n, p));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws.length));
      expect(variance / (sd * sd)).toBeGreaterThan(0.9);
      expect(variance / (sd * sd)).toBeLessThan(1.1);
      expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    }
    expect(binomial(random, 10, 0)).toBe(0);
    expect(binomial(random, 10, 1)).toBe(10);
  });

  it("multinomial counts sum to the total and skip empty cells", () => {
    const out = new Float64Array(4);
    multinomial(createRandom(3), 1000, Float64Array.from([0, 5, 0, 5]), out);
    expect(out[0]).toBe(0);
    expect(out[2]).toBe(0);
    expect((out[1] as number) + (out[3] as number)).toBe(1000);
  });
});

describe("intervals", () => {
  it("percentile interval (type 7) drops NaN replicates", () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    // numpy.percentile(range(1, 101), [5, 95]) → [5.95, 95.05] (to the last ulp).
    const [low, high] = percentileInterval(values, 0.9) as [number, number];
    expect(low).toBeCloseTo(5.95, 12);
    expect(high).toBeCloseTo(95.05, 12);
    expect(percentileInterval(Float64Array.from([1, Number.NaN, Number.NaN]), 0.9)).toBeNull();
  });

  it("the multinomial confusion bootstrap matches the row bootstrap's spread", () => {
    const counts = Float64Array.from([400, 100, 50, 450]);
    const replicates = bootstrapConfusion({ k: 2, counts }, [accuracy], 2000, createRandom(11))[0] as Float64Array;
    const mean = replicates.reduce((a, b) => a + b, 0) / replicates.length;
    const sd = Math.sqrt(replicates.reduce((a, b) => a + (b - mean) ** 2, 0) / replicates.length);
    expect(Math.abs(mean - 0.85)).toBeLessThan(0.002);
    expect(sd / Math.sqrt((0.85 * 0.15) / 1000)).toBeGreaterThan(0.93);
    expect(sd / Math.sqrt((0.85 * 0.15) / 1000)).toBeLessThan(1.07);
  });

  it("DeLong variance of the documented example", () => {
    const truth = [1, 1, 0, 0];
    expect(delongVarianceBinary([0.4, 0.8, 0.1, 0.4], (i) => truth[i] === 1)).toBeCloseTo(0.03125, 15);
  });

  it("normal CDF and quantile invert each other", () => {
    expect(normalCdf(0)).toBe(0.5);
    for (const p of [0.001, 0.2, 0.5, 0.975, 0.9999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
  });

  it("every interval is deterministic for the same data and settings", () => {
    const n = 500;
    const random = createRandom(5);
    const truth = Int32Array.from({ length: n }, () => random.nextIndex(2));
    const scores = Float64Array.from(truth, (t) =>
      Math.min(1, Math.max(0, 0.3 + 0.4 * t + (random.nextDouble() - 0.5) * 0.6)),
    );
    const data = {
      labels: ["a", "b"],
      truth,
      predicted: Int32Array.from(scores, (s) => (s >= 0.5 ? 1 : 0)),
      probabilities: null,
      positive: 1,
      positiveScores: scores,
    };
    const settings = { resamples: 300, seed: 9, confidence: 0.95 };
    expect(JSON.stringify(classificationMetrics(data, settings))).toBe(
      JSON.stringify(classificationMetrics(data, settings)),
    );
    const metrics = classificationMetrics(data, settings);
    expect(metrics.roc_auc?.method).toBe("delong");
    expect(metrics.accuracy?.method).toBe("bootstrap");
    const ci = metrics.accuracy?.ci as [number, number];
    expect(ci[0]).toBeLessThan(metrics.accuracy?.value as number);
    expect(ci[1]).toBeGreaterThan(metrics.accuracy?.value as number);
  });

  it("mean metrics switch to the delta method past the row-draw budget", () => {
    const n = 30_000;
    const truth = Float64Array.from({ length: n }, (_, i) => (i % 97) / 7);
    const predicted = Float64Array.from(truth, (y, i) => y + ((i % 13) - 6) / 10);
    const metrics = regressionMetrics({ truth, predicted }, { resamples: 1000, seed: 1, confidence: 0.95 });
    expect(metrics.mae?.method).toBe("normal");
    const small = regressionMetrics(
      { truth: truth.slice(0, 1000), predicted: predicted.slice(0, 1000) },
      { resamples: 1000, seed: 1, confidence: 0.95 },
    );
    expect(small.mae?.method).toBe("bootstrap");
  });
});
