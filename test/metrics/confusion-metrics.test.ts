import { describe, expect, it } from "vitest";
import { accuracy } from "../../core/metrics/accuracy.ts";
import { balancedAccuracy } from "../../core/metrics/balanced-accuracy.ts";
import { perClassScores } from "../../core/metrics/class-scores.ts";
import { buildConfusion, presentClasses } from "../../core/metrics/confusion-matrix.ts";
import { f1 } from "../../core/metrics/f1.ts";
import { macroF1 } from "../../core/metrics/macro-f1.ts";
import { precision } from "../../core/metrics/precision.ts";
import { recall } from "../../core/metrics/recall.ts";
import type { Confusion } from "../../core/metrics/types.ts";
import { weightedF1 } from "../../core/metrics/weighted-f1.ts";

const matrix = (rows: number[][]): Confusion => ({ k: rows.length, counts: Float64Array.from(rows.flat()) });

describe("confusion-matrix metrics (scikit-learn semantics, zero_division → 0)", () => {
  it("buildConfusion counts truth × prediction", () => {
    expect(Array.from(buildConfusion(Int32Array.from([0, 1, 1]), Int32Array.from([0, 0, 1]), 2).counts)).toEqual([
      1, 0, 1, 1,
    ]);
  });

  it("accuracy and balanced accuracy", () => {
    expect(
      accuracy(
        matrix([
          [1, 0],
          [1, 1],
        ]),
      ),
    ).toBe(2 / 3);
    expect(
      balancedAccuracy(
        matrix([
          [2, 0],
          [1, 1],
        ]),
      ),
    ).toBe(0.75);
    // A class that is only predicted (no true row) is left out of balanced accuracy.
    expect(
      balancedAccuracy(
        matrix([
          [2, 1],
          [0, 0],
        ]),
      ),
    ).toBe(2 / 3);
  });

  it("binary precision, recall and F1 of the positive class", () => {
    const confusion = matrix([
      [1, 1],
      [0, 2],
    ]);
    expect(precision(confusion, 1)).toBe(2 / 3);
    expect(recall(confusion, 1)).toBe(1);
    expect(f1(confusion, 1)).toBeCloseTo(0.8, 15);
    // Nothing predicted positive: precision 0 (zero_division), F1 0.
    expect(
      precision(
        matrix([
          [3, 0],
          [2, 0],
        ]),
        1,
      ),
    ).toBe(0);
    expect(
      f1(
        matrix([
          [3, 0],
          [2, 0],
        ]),
        1,
      ),
    ).toBe(0);
  });

  it("macro and weighted F1 over the classes present in truth or predictions", () => {
    expect(
      macroF1(
        matrix([
          [1, 0],
          [1, 1],
        ]),
      ),
    ).toBeCloseTo(2 / 3, 15);
    expect(
      weightedF1(
        matrix([
          [2, 0],
          [1, 1],
        ]),
      ),
    ).toBeCloseTo((2 * 0.8 + 2 * (2 / 3)) / 4, 15);
    const absent = matrix([
      [2, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
    expect(presentClasses(absent)).toEqual([0, 1]);
    expect(macroF1(absent)).toBe(
      macroF1(
        matrix([
          [2, 0],
          [1, 1],
        ]),
      ),
    );
  });

  it("per-class scores", () => {
    expect(
      perClassScores(
        matrix([
          [1, 0],
          [1, 1],
        ]),
      ),
    ).toEqual([
      { index: 0, precision: 0.5, recall: 1, f1: 2 / 3, support: 1 },
      { index: 1, precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
    ]);
  });
});
