import { describe, expect, it } from "vitest";
import { formatNumber } from "../../core/charts/chart.ts";
import { confusionMatrixChart } from "../../core/charts/confusion-matrix.ts";
import { calibrationChart, precisionRecallChart, residualChart, rocChart } from "../../core/charts/curve-charts.ts";
import { distributionChart } from "../../core/charts/distribution.ts";
import { driftShareChart } from "../../core/charts/drift-share.ts";
import { fairnessChart } from "../../core/charts/fairness.ts";
import { CATEGORICAL, CURRENT_COLOR, REFERENCE_COLOR } from "../../core/charts/palette.ts";
import { sparklineChart } from "../../core/charts/sparkline.ts";
import { findStepKey, MAX_LOG_POINTS, thinLog, trainingCurveChart } from "../../core/charts/training-curve.ts";
import { trendChart } from "../../core/charts/trend.ts";

// biome-ignore lint/suspicious/noExplicitAny: specs are checked structurally
type AnySpec = any;

describe("sparklineChart", () => {
  it("draws the metric across versions and says so in words", () => {
    const chart = sparklineChart("Macro F1", [
      { version: "1.0.0", value: 0.9 },
      { version: "1.1.0", value: 0.93 },
    ]);
    expect(chart.description).toBe("Macro F1 across 2 versions: 0.9 (1.0.0) to 0.93 (1.1.0).");
    expect(chart.values).toEqual([
      { index: 0, version: "1.0.0", value: 0.9, last: false },
      { index: 1, version: "1.1.0", value: 0.93, last: true },
    ]);
    expect(chart.table).toEqual({
      columns: ["Version", "Macro F1"],
      rows: [
        ["1.0.0", 0.9],
        ["1.1.0", 0.93],
      ],
    });
    const spec = chart.spec as AnySpec;
    expect(spec.data).toEqual({ name: "table" });
    expect(spec.encoding.x.axis).toBeNull();
  });

  it("handles a model without values", () => {
    expect(sparklineChart("R²", []).description).toBe("No R² values yet.");
  });
});

describe("trendChart", () => {
  it("draws one metric across versions with the interval where known", () => {
    const chart = trendChart("Accuracy", [
      { version: "1.0.0", value: 0.9 },
      { version: "1.1.0", value: 0.95, low: 0.92, high: 0.97 },
    ]);
    expect(chart.title).toBe("Accuracy across versions");
    expect(chart.description).toBe(
      "Accuracy over 2 versions, from 0.9 (1.0.0) to 0.95 (1.1.0) (interval 0.92 to 0.97).",
    );
    expect(chart.values).toEqual([
      { version: "1.0.0", order: 0, value: 0.9, low: null, high: null },
      { version: "1.1.0", order: 1, value: 0.95, low: 0.92, high: 0.97 },
    ]);
    const spec = chart.spec as AnySpec;
    expect(spec.layer[0].mark.type).toBe("rule");
    expect(spec.layer[0].transform).toEqual([{ filter: "datum.low != null && datum.high != null" }]);
    expect(chart.table.rows).toEqual([
      ["1.0.0", 0.9, null, null],
      ["1.1.0", 0.95, 0.92, 0.97],
    ]);
  });

  it("describes a single version", () => {
    expect(trendChart("R²", [{ version: "2.0.0", value: 0.5 }]).description).toBe("R² 0.5 at 2.0.0, the only version.");
  });
});

describe("confusionMatrixChart", () => {
  it("writes counts in every cell and shades by row share", () => {
    const chart = confusionMatrixChart(
      ["a", "b"],
      [
        [3, 1],
        [0, 4],
      ],
    );
    expect(chart.description).toBe(
      "2 classes, 8 rows; 7 on the diagonal (predicted correctly). Rows are the true class, columns the predicted class.",
    );
    expect(chart.values).toContainEqual({ truth: "a", predicted: "b", row: 0, column: 1, count: 1, share: 0.25 });
    expect(chart.table).toEqual({
      columns: ["True \\ predicted", "a", "b"],
      rows: [
        ["a", 3, 1],
        ["b", 0, 4],
      ],
    });
    const spec = chart.spec as AnySpec;
    expect(spec.layer[1].encoding.text.field).toBe("count");
  });

  it("survives an empty row", () => {
    const chart = confusionMatrixChart(
      ["a", "b"],
      [
        [0, 0],
        [1, 1],
      ],
    );
    expect(chart.values[0]).toMatchObject({ share: 0 });
  });
});

describe("fairnessChart", () => {
  it("labels groups with their size and reports the gap", () => {
    const chart = fairnessChart("sex", "Macro F1", [
      { group: "female", count: 50, value: 0.9 },
      { group: "male", count: 40, value: 0.95 },
      { group: "null", count: 2, value: null },
    ]);
    expect(chart.title).toBe("Macro F1 by sex");
    expect(chart.description).toBe(
      "Macro F1 per group of sex: 2 groups, from 0.9 (female) to 0.95 (male), a gap of 0.05.",
    );
    expect(chart.values).toEqual([
      { group: "female (n=50)", value: 0.9 },
      { group: "male (n=40)", value: 0.95 },
    ]);
    expect(chart.table.rows).toContainEqual(["null", 2, null]);
  });
});

describe("trainingCurveChart", () => {
  it("finds the step key and draws one series per other key", () => {
    const log = [
      { epoch: 1, loss: 1, val_loss: 1.2 },
      { epoch: 2, loss: 0.5, val_loss: 0.7 },
    ];
    expect(findStepKey(log)).toBe("epoch");
    const chart = trainingCurveChart(log);
    expect(chart.description).toBe("2 epochs logged. loss from 1 to 0.5; val_loss from 1.2 to 0.7.");
    expect(chart.values).toHaveLength(4);
    const spec = chart.spec as AnySpec;
    expect(spec.encoding.color.scale.range).toEqual([CATEGORICAL[0], CATEGORICAL[1]]);
    expect(spec.encoding.strokeDash.scale.range).toHaveLength(2);
  });

  it("thins a long log to every n-th row, keeping the last", () => {
    expect(thinLog([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([1, 4, 7]);
    expect(thinLog([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 3, 5, 6]);
    const log = Array.from({ length: 10_000 }, (_, index) => ({ step: index + 1, loss: 1 / (index + 1) }));
    const chart = trainingCurveChart(log);
    expect(chart.table.rows.length).toBeLessThanOrEqual(MAX_LOG_POINTS + 1);
    expect(chart.table.rows.at(-1)).toEqual([10_000, 0.0001]);
    expect(chart.description).toBe("10000 steps logged. loss from 1 to 1e-4. Every 40th row is drawn.");
  });

  it("uses the row number when no step key is present", () => {
    const chart = trainingCurveChart([{ loss: 2 }, { loss: 1 }]);
    expect(chart.values).toEqual([
      { step: 1, series: "loss", value: 2 },
      { step: 2, series: "loss", value: 1 },
    ]);
    expect(chart.table.columns).toEqual(["row", "loss"]);
  });
});

describe("driftShareChart", () => {
  it("marks drifted reports by shape and colour", () => {
    const chart = driftShareChart([
      { date: "2024-01-01", share: 0.2, threshold: 0.5, drifted: false },
      { date: "2024-02-01", share: 0.75, threshold: 0.5, drifted: true },
    ]);
    expect(chart.description).toBe(
      "2 drift reports, 1 with dataset drift. Latest (2024-02-01): 0.75 of columns drifted against a threshold of 0.5.",
    );
    const spec = chart.spec as AnySpec;
    expect(spec.layer[3].encoding.shape.scale).toEqual({
      domain: ["no drift", "drift"],
      range: ["circle", "triangle-up"],
    });
    expect(chart.values[1]).toEqual({ date: "2024-02-01", share: 0.75, threshold: 0.5, verdict: "drift", last: true });
  });

  it("labels the threshold line, ticks each report date and lists only verdicts that occur", () => {
    const chart = driftShareChart([
      { date: "2024-01-01", share: 0.2, threshold: 0.5, drifted: false },
      { date: "2024-02-01", share: 0.25, threshold: 0.5, drifted: false },
    ]);
    const spec = chart.spec as AnySpec;
    expect(spec.layer[1].encoding.text).toEqual({ value: "drift threshold" });
    expect(spec.layer[1].transform).toEqual([{ filter: "datum.last" }]);
    expect(spec.layer[0].encoding.x.type).toBe("ordinal");
    expect(spec.layer[3].encoding.shape.scale).toEqual({ domain: ["no drift"], range: ["circle"] });
    expect(spec.layer[3].encoding.color.scale.domain).toEqual(["no drift"]);
  });
});

describe("distributionChart", () => {
  it("pairs reference and current per bin, reference dark and current light", () => {
    const chart = distributionChart({
      column: "x",
      labels: ["[0, 1)", "[1, 2)"],
      series: { reference: [0.5, 0.5], current: [0.25, 0.75] },
    });
    expect(chart.description).toBe(
      "Distribution of x over 2 bins. Most rows: [0, 1) (reference 0.5), [1, 2) (current 0.75).",
    );
    expect(chart.values[1]).toEqual({ bin: "[0, 1)", order: 0, series: "current", share: 0.25 });
    const spec = chart.spec as AnySpec;
    expect(spec.encoding.color.scale.range).toEqual([REFERENCE_COLOR, CURRENT_COLOR]);
    expect(chart.table).toEqual({
      columns: ["Bin", "reference", "current"],
      rows: [
        ["[0, 1)", 0.5, 0.25],
        ["[1, 2)", 0.5, 0.75],
      ],
    });
  });

  it("hides the legend for a single series", () => {
    const chart = distributionChart({ column: "x", labels: ["a"], series: { rows: [1] } });
    expect((chart.spec as AnySpec).encoding.color.legend).toBeNull();
  });
});

describe("formatNumber", () => {
  it("keeps four significant digits, integers whole, tiny and huge numbers exponential", () => {
    expect([0.123456, 3, -2.5, 0.00012345, 1234567.8, 0, null, undefined, Number.NaN].map(formatNumber)).toEqual([
      "0.1235",
      "3",
      "-2.5",
      "1.23e-4",
      "1.23e+6",
      "0",
      "—",
      "—",
      "—",
    ]);
  });
});

describe("curve charts", () => {
  it("draws a ROC curve over the chance diagonal, naming its area", () => {
    const chart = rocChart(
      [
        [0, 0],
        [0, 0.5],
        [0.5, 1],
        [1, 1],
      ],
      0.875,
    );
    expect(chart.description).toBe(
      "ROC curve: true against false positive rate over 4 points; area under the curve 0.875. The dashed diagonal is a model that guesses.",
    );
    const spec = chart.spec as AnySpec;
    expect(spec.layer[0].data.values).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    expect(spec.width).toBeLessThanOrEqual(200);
    expect(chart.values[2]).toEqual({ x: 0.5, y: 1, order: 2 });
  });

  it("draws precision against recall with the share of positives as the baseline", () => {
    const chart = precisionRecallChart(
      [
        [1, 0.5],
        [0.5, 1],
        [0, 1],
      ],
      0.5,
    );
    expect(chart.description).toBe(
      "Precision against recall over 3 thresholds. The dashed line is the share of positive rows, 0.5: the precision of a model that guesses.",
    );
    expect(chart.values[0]).toEqual({ x: 1, y: 0.5, order: 0, prevalence: 0.5 });
  });

  it("names the largest calibration gap and keeps every bin in the table", () => {
    const chart = calibrationChart([
      [0.1, 0.05, 40],
      [0.5, 0.7, 10],
    ]);
    expect(chart.description).toContain("in 2 bins of predicted probability");
    expect(chart.description).toContain("Largest gap: 0.2.");
    expect(chart.table.rows).toEqual([
      [0.1, 0.05, 40],
      [0.5, 0.7, 10],
    ]);
  });

  it("says when residuals are a spread subset of the rows, and summarises them in 11 table rows", () => {
    const points = Array.from({ length: 300 }, (_, i) => [i, i % 7] as [number, number]);
    const chart = residualChart(points, 1200);
    expect(chart.description).toBe(
      "Residual (truth − prediction) against the prediction for 300 of 1200 rows, evenly spread. Points above the dashed zero line are under-predictions.",
    );
    expect(chart.table.rows).toHaveLength(11);
    expect(chart.table.rows[10]).toEqual([299, 299 % 7]);
  });
});
