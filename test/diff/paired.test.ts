import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { confusionDeltaReplicates, jointCounts, marginals } from "../../core/diff/confusion-delta.ts";
import { classificationDeltas, difference, regressionDeltas } from "../../core/diff/delta-intervals.ts";
import { aucComponents, pairedAucDifferenceVariance } from "../../core/diff/paired-delong.ts";
import { encodeClassification, pairPredictions, unionLabels } from "../../core/diff/pairing.ts";
import { predictionDeltas } from "../../core/diff/prediction-deltas.ts";
import { decodePredictions, parsePredictionsCsv } from "../../core/diff/predictions.ts";
import { accuracy } from "../../core/metrics/accuracy.ts";
import { buildConfusion } from "../../core/metrics/confusion-matrix.ts";
import { delongVarianceBinary, sampleVariance } from "../../core/metrics/intervals/delong.ts";
import { meanOf } from "../../core/metrics/intervals/mean-statistic.ts";
import type { ClassificationData } from "../../core/metrics/types.ts";
import { binaryPredictions, fixtureRandom } from "../git/fixtures.ts";

const SETTINGS = { resamples: 2000, seed: 42, confidence: 0.95 };

function binaryData(truth: number[], predicted: number[], scores: number[]): ClassificationData {
  return {
    labels: ["no", "yes"],
    truth: Int32Array.from(truth),
    predicted: Int32Array.from(predicted),
    probabilities: null,
    positive: 1,
    positiveScores: Float64Array.from(scores),
  };
}

/** Two correlated binary models on the same n rows: head fixes some of base's mistakes. */
function correlatedPair(n: number): { base: ClassificationData; head: ClassificationData } {
  const random = fixtureRandom(3);
  const truth: number[] = [];
  const basePredicted: number[] = [];
  const headPredicted: number[] = [];
  const baseScores: number[] = [];
  const headScores: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = random() < 0.5 ? 1 : 0;
    const signal = t === 1 ? 0.6 : 0.4;
    const shared = random() - 0.5;
    const b = Math.min(1, Math.max(0, signal + 0.6 * shared + 0.2 * (random() - 0.5)));
    const h = Math.min(1, Math.max(0, signal + 0.6 * shared + 0.1 * (random() - 0.5) + (t === 1 ? 0.03 : -0.03)));
    truth.push(t);
    baseScores.push(b);
    headScores.push(h);
    basePredicted.push(b >= 0.5 ? 1 : 0);
    headPredicted.push(h >= 0.5 ? 1 : 0);
  }
  return { base: binaryData(truth, basePredicted, baseScores), head: binaryData(truth, headPredicted, headScores) };
}

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length;
const sd = (values: ArrayLike<number>) => Math.sqrt(sampleVariance(values));

describe("paired confusion bootstrap (joint multinomial)", () => {
  it("reads both confusion matrices off the joint table", () => {
    const { base, head } = correlatedPair(200);
    const joint = jointCounts(base, head);
    const b = new Float64Array(4);
    const h = new Float64Array(4);
    marginals(joint, 2, b, h);
    expect(Array.from(b)).toEqual(Array.from(buildConfusion(base.truth, base.predicted, 2).counts));
    expect(Array.from(h)).toEqual(Array.from(buildConfusion(head.truth, head.predicted, 2).counts));
  });

  it("has the distribution of a brute-force paired row bootstrap", () => {
    const { base, head } = correlatedPair(400);
    const [fast] = confusionDeltaReplicates(base, head, true, [accuracy], SETTINGS);
    const random = fixtureRandom(11);
    const brute = new Float64Array(SETTINGS.resamples);
    for (let r = 0; r < SETTINGS.resamples; r++) {
      let delta = 0;
      for (let i = 0; i < 400; i++) {
        const row = Math.floor(random() * 400);
        const t = base.truth[row];
        delta += Number(head.predicted[row] === t) - Number(base.predicted[row] === t);
      }
      brute[r] = delta / 400;
    }
    expect(mean(fast as Float64Array)).toBeCloseTo(mean(brute), 2);
    expect(Math.abs(sd(fast as Float64Array) / sd(brute) - 1)).toBeLessThan(0.08);
  });

  it("is narrower than the unpaired interval for correlated models", () => {
    const pair = { ...correlatedPair(2000), paired: true };
    const paired = classificationDeltas(pair, SETTINGS).accuracy;
    const unpaired = classificationDeltas({ ...pair, paired: false }, SETTINGS).accuracy;
    expect(paired?.method).toBe("paired bootstrap");
    expect(unpaired?.method).toBe("unpaired bootstrap");
    const width = (interval: [number, number] | null | undefined) =>
      interval ? interval[1] - interval[0] : Number.NaN;
    expect(width(paired?.interval)).toBeLessThan(width(unpaired?.interval) * 0.8);
  });

  it("gives the interval [0, 0] for identical models", () => {
    const { base } = correlatedPair(300);
    const deltas = classificationDeltas({ base, head: base, paired: true }, SETTINGS);
    expect(deltas.accuracy?.interval).toEqual([0, 0]);
    expect(deltas.roc_auc?.interval).toEqual([0, 0]);
    expect(deltas.log_loss?.interval?.map((x) => Math.abs(x))).toEqual([0, 0]);
  });
});

describe("paired DeLong", () => {
  it("its components give DeLong's variance of one AUC", () => {
    const { base } = correlatedPair(300);
    const h = aucComponents(base) as Float64Array;
    const groups = [0, 1].map((c) => Array.from(h).filter((_, i) => base.truth[i] === c));
    const variance = groups.reduce((sum, group) => sum + group.length * sampleVariance(group), 0);
    const reference = delongVarianceBinary(base.positiveScores as Float64Array, (i) => base.truth[i] === 1);
    expect(variance).toBeCloseTo(reference, 12);
  });

  it("equals Var(base) + Var(head) − 2 Cov from the O(n²) placement definition", () => {
    const { base, head } = correlatedPair(120);
    const placements = (data: ClassificationData) => {
      const scores = data.positiveScores as Float64Array;
      const positives = [...scores.keys()].filter((i) => data.truth[i] === 1);
      const negatives = [...scores.keys()].filter((i) => data.truth[i] === 0);
      const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
      const v10 = positives.map((i) => mean(negatives.map((j) => psi(scores[i] as number, scores[j] as number))));
      const v01 = negatives.map((j) => mean(positives.map((i) => psi(scores[i] as number, scores[j] as number))));
      return { v10, v01 };
    };
    const covariance = (a: number[], b: number[]) => {
      const [ma, mb] = [mean(a), mean(b)];
      return a.reduce((sum, x, i) => sum + (x - ma) * ((b[i] as number) - mb), 0) / (a.length - 1);
    };
    const [pb, ph] = [placements(base), placements(head)];
    const m = pb.v10.length;
    const n = pb.v01.length;
    const variance = (x: { v10: number[]; v01: number[] }, y: { v10: number[]; v01: number[] }) =>
      covariance(x.v10, y.v10) / m + covariance(x.v01, y.v01) / n;
    const expected = variance(ph, ph) + variance(pb, pb) - 2 * variance(pb, ph);
    expect(pairedAucDifferenceVariance(base, head)).toBeCloseTo(expected, 12);
  });
});

describe("mean statistics", () => {
  it("difference() is head − base with the gradient of both sides", () => {
    const statistic = difference(meanOf(Float64Array.from([1, 3])), meanOf(Float64Array.from([2, 6])));
    expect(statistic.value([2, 4])).toBe(2);
    expect(statistic.gradient([2, 4])).toEqual([-1, 1]);
  });

  it("paired regression deltas use the bootstrap on small data and the delta method past the draw budget", () => {
    const make = (n: number, noise: number) => {
      const random = fixtureRandom(n);
      const truth = Float64Array.from({ length: n }, () => random() * 10);
      return {
        base: { truth, predicted: truth.map((y) => y + noise * (random() - 0.5)) },
        head: { truth, predicted: truth.map((y) => y + (noise / 2) * (random() - 0.5)) },
      };
    };
    const small = regressionDeltas({ ...make(500, 2), paired: true }, SETTINGS);
    expect(small.mae?.method).toBe("paired bootstrap");
    expect(small.mae?.interval?.[1]).toBeLessThan(0);
    const large = regressionDeltas({ ...make(30_000, 2), paired: true }, { ...SETTINGS, resamples: 1000 });
    expect(large.rmse?.method).toBe("paired delta method");
    expect(large.rmse?.interval?.[1]).toBeLessThan(0);
  });
});

describe("predictions", () => {
  it("parses quoted CSV and gzip", () => {
    const csv = 'row_id,target,prediction,p_a,p_"b",group\n1,"a, x",b,0.2,0.8,"say ""hi"""\n';
    const table = parsePredictionsCsv(decodePredictions(gzipSync(csv)));
    expect(table.target).toEqual(["a, x"]);
    expect(table.extra.get("group")).toEqual(['say "hi"']);
    expect([...table.probabilities.keys()]).toEqual(["a", "b"]);
    expect(() => parsePredictionsCsv("row_id,target\n1,a\n")).toThrow("column 'prediction' is missing");
    expect(() => parsePredictionsCsv("row_id,target,prediction\n1,a\n")).toThrow("row 2 has 2 fields");
  });

  it("pairs on row_id whatever the order, and says why it cannot", () => {
    const base = parsePredictionsCsv("row_id,target,prediction\n1,a,a\n2,b,a\n3,a,b\n");
    const shuffled = parsePredictionsCsv("row_id,target,prediction\n3,a,a\n1,a,a\n2,b,b\n");
    const pairing = pairPredictions(base, shuffled);
    expect(pairing).toMatchObject({ paired: true, reason: "paired on the same 3 test rows" });
    expect(Array.from(pairing.headOrder as Int32Array)).toEqual([1, 2, 0]);
    const other = parsePredictionsCsv("row_id,target,prediction\n1,a,a\n2,b,b\n4,a,a\n5,b,b\n");
    expect(pairPredictions(base, other)).toMatchObject({
      paired: false,
      reason: "the predictions do not cover the same rows (base 3, head 4, 2 row_ids in common)",
    });
    const relabelled = parsePredictionsCsv("row_id,target,prediction\n1,b,a\n2,b,a\n3,a,b\n");
    expect(pairPredictions(base, relabelled).reason).toBe("the same row_ids have different targets on 1 row");
    const duplicated = parsePredictionsCsv("row_id,target,prediction\n1,a,a\n1,a,a\n3,a,b\n");
    expect(pairPredictions(duplicated, base).reason).toBe("row_id is not unique in the base predictions");
  });

  it("encodes a shared label set and the positive class", () => {
    const table = parsePredictionsCsv("row_id,target,prediction,p_no,p_yes\n1,yes,no,0.6,0.4\n");
    const labels = unionLabels([table]);
    const data = encodeClassification(table, labels, { binary: true });
    expect(data.labels).toEqual(["no", "yes"]);
    expect(data.positive).toBe(1);
    expect(Array.from(data.positiveScores as Float64Array)).toEqual([0.4]);
  });

  it("computes paired intervals for every binary metric from two files", () => {
    const base = parsePredictionsCsv(binaryPredictions(600, 0.75, 1).csv);
    const head = parsePredictionsCsv(binaryPredictions(600, 0.9, 2).csv);
    const { pairing, deltas } = predictionDeltas("binary-classification", base, head, SETTINGS);
    expect(pairing.paired).toBe(true);
    expect(Object.keys(deltas).sort()).toEqual(
      [
        "accuracy",
        "balanced_accuracy",
        "brier",
        "f1",
        "log_loss",
        "macro_f1",
        "precision",
        "recall",
        "roc_auc",
        "weighted_f1",
      ].sort(),
    );
    expect(deltas.accuracy?.interval?.[0]).toBeGreaterThan(0);
    expect(deltas.roc_auc?.method).toBe("paired DeLong");
  });
});

describe("parsePredictionsCsv on unquoted files", () => {
  it("reads columns and rejects ragged rows either way", () => {
    const table = parsePredictionsCsv("row_id,target,prediction,p_a\r\n1,a,b,0.5\r\n2,b,b,0.25\r\n\r\n");
    expect(table.rowIds).toEqual(["1", "2"]);
    expect(Array.from(table.probabilities.get("a") as Float64Array)).toEqual([0.5, 0.25]);
    expect(() => parsePredictionsCsv("row_id,target,prediction\n1,a,b,c\n")).toThrow("row 2 has more than 3 fields");
    expect(() => parsePredictionsCsv("row_id,target,prediction\n1,a,b\n2,a\n")).toThrow("row 3 has 2 fields");
  });
});
