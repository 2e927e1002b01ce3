import { describe, expect, it } from "vitest";
import { sortFloat64 } from "../../core/stats/sort-float64.ts";
import { SortWorker, sharedFloat64 } from "../../core/stats/sort-pair.ts";

/** A deterministic stream of uniforms in [0, 1) (a linear congruential generator). */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/** Float64Array.prototype.sort's order, −0 before +0, compared value by value with Object.is. */
function expectNativeOrder(values: Float64Array): void {
  const expected = Array.from(values.slice().sort());
  expect(Array.from(sortFloat64(values))).toEqual(expected);
}

describe("sortFloat64 (radix sort of doubles)", () => {
  it("sorts the documented example in place", () => {
    const values = Float64Array.of(2, -1, 0.5);
    expect(sortFloat64(values)).toBe(values);
    expect(Array.from(values)).toEqual([-1, 0.5, 2]);
  });

  it("orders signs, zeros, subnormals, infinities and ties as the native sort", () => {
    const special = [0, -0, 5e-324, -5e-324, 2.2e-308, -2.2e-308, Infinity, -Infinity, 1.5, 1.5, -1.5, 1e308, -1e308];
    const random = uniforms(7);
    const values = Float64Array.from({ length: 50_000 }, (_, i) =>
      i < special.length ? (special[i] as number) : (random() - 0.5) * 10 ** Math.floor(random() * 20 - 10),
    );
    expectNativeOrder(values);
  });

  it("skips the passes where every value has the same digit (rounded numbers, integers) and still sorts", () => {
    const random = uniforms(11);
    expectNativeOrder(Float64Array.from({ length: 70_000 }, () => Math.round(random() * 1000) / 10));
    expectNativeOrder(Float64Array.from({ length: 70_000 }, () => Math.floor(random() * 100)));
    expectNativeOrder(Float64Array.from({ length: 1000 }, () => -3));
  });

  it("sorts several arrays with one scratch buffer, and refuses one too short", () => {
    const scratch = new Float64Array(5);
    expect(Array.from(sortFloat64(Float64Array.of(3, -1, 2, 9, 0), scratch))).toEqual([-1, 0, 2, 3, 9]);
    expect(Array.from(sortFloat64(Float64Array.of(-7, -8), scratch))).toEqual([-8, -7]);
    expect(() => sortFloat64(new Float64Array(6), scratch)).toThrow("the scratch buffer holds 5 values, 6 needed");
  });

  it("sorts empty and single-value arrays", () => {
    expect(Array.from(sortFloat64(new Float64Array(0)))).toEqual([]);
    expect(Array.from(sortFloat64(Float64Array.of(-0)))).toEqual([-0]);
  });
});

describe("SortWorker (one worker thread for several arrays)", () => {
  it("sorts shared arrays one after another while this thread goes on, and refuses unshared ones", async () => {
    const random = uniforms(9);
    const worker = new SortWorker();
    try {
      const arrays = [200_000, 3, 0].map((n) => {
        const values = sharedFloat64(n);
        for (let i = 0; i < n; i++) values[i] = (random() - 0.5) * 1e3;
        return values;
      });
      const expected = arrays.map((values) => Array.from(values).sort((a, b) => a - b));
      const sorted = arrays.map((values) => worker.sort(values));
      await Promise.all(sorted);
      expect(arrays.map((values) => Array.from(values))).toEqual(expected);
      await expect(worker.sort(Float64Array.of(2, 1))).rejects.toThrow(/shared memory/);
    } finally {
      await worker.close();
    }
  });
});
