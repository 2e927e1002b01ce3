import { describe, expect, it } from "vitest";
import { type ColumnProfile, inferColumn, inferType, MAX_CATEGORY_VALUES } from "../../core/new/infer-columns.ts";
import { chooseSplit } from "../../core/new/split-choice.ts";

const text = (measures: Record<string, unknown>, counts: Partial<ColumnProfile> = {}): ColumnProfile => ({
  name: "c",
  sourceType: "VARCHAR",
  rows: 10,
  nonNull: 10,
  distinct: 10,
  measures,
  ...counts,
});

describe("inferType", () => {
  it("prefers integer, then number, datetime, boolean, category, string for text", () => {
    expect(inferType(text({ whole: 10, numeric: 10 }))).toBe("integer");
    expect(inferType(text({ whole: 9, numeric: 10 }))).toBe("number");
    expect(inferType(text({ numeric: 9, temporal: 10 }))).toBe("datetime");
    expect(inferType(text({ boolean: 10 }))).toBe("boolean");
    expect(inferType(text({}, { distinct: 5 }))).toBe("category");
    expect(inferType(text({}, { distinct: 6 }))).toBe("string");
    expect(inferType(text({}, { rows: 1000, nonNull: 1000, distinct: MAX_CATEGORY_VALUES }))).toBe("category");
    expect(inferType(text({}, { rows: 1000, nonNull: 1000, distinct: MAX_CATEGORY_VALUES + 1 }))).toBe("string");
    expect(inferType(text({}, { nonNull: 0, distinct: 0 }))).toBe("string");
  });

  it("maps stored types", () => {
    const typed = (sourceType: string) => inferType({ ...text({}), sourceType });
    expect([
      typed("BIGINT"),
      typed("DOUBLE"),
      typed("DECIMAL(10,2)"),
      typed("DATE"),
      typed("BOOLEAN"),
      typed("BLOB"),
    ]).toEqual(["integer", "number", "number", "datetime", "boolean", "string"]);
  });
});

describe("inferColumn", () => {
  it("marks a unique integer or text id column with role id and no range", () => {
    const profile = text({ whole: 10, numeric: 10, min_number: 1, max_number: 10 }, { name: "user_id" });
    expect(inferColumn(profile, undefined)).toEqual({ name: "user_id", type: "integer", role: "id", unique: true });
    expect(inferColumn(text({}, { name: "id" }), undefined)).toEqual({
      name: "id",
      type: "string",
      role: "id",
      unique: true,
    });
    // Not named like an id: a unique feature keeps its range.
    const amount = text({ whole: 10, numeric: 10, min_number: 1, max_number: 10 }, { name: "amount" });
    expect(inferColumn(amount, undefined)).toMatchObject({ role: "feature", min: 1, max: 10 });
  });

  it("records nulls, sorted category values and ISO dates", () => {
    expect(inferColumn(text({}, { rows: 12, distinct: 2 }), ["b", "a"])).toEqual({
      name: "c",
      type: "category",
      role: "feature",
      nullable: true,
      values: ["a", "b"],
    });
    const dates = text(
      { temporal: 10, min_time: "2024-01-01 00:00:00", max_time: "2024-02-01 10:30:00" },
      { distinct: 3 },
    );
    expect(inferColumn(dates, undefined)).toMatchObject({
      type: "datetime",
      min: "2024-01-01",
      max: "2024-02-01 10:30:00",
    });
  });

  it("does not call numbers unique or ids", () => {
    const numbers = text({ numeric: 10, whole: 0, min_number: 0.5, max_number: 9.5 }, { name: "id" });
    expect(inferColumn(numbers, undefined)).toEqual({
      name: "id",
      type: "number",
      role: "feature",
      min: 0.5,
      max: 9.5,
    });
  });
});

describe("chooseSplit", () => {
  it("hashes the id column, else a unique column, else the most varied column", () => {
    expect(
      chooseSplit([
        { name: "a", type: "string", role: "feature" },
        { name: "k", type: "integer", role: "id", unique: true },
      ]).split,
    ).toEqual({
      method: "hash",
      key: "k",
      seed: 0,
      test_fraction: 0.2,
    });
    expect(chooseSplit([{ name: "when", type: "datetime", role: "feature", unique: true }])).toMatchObject({
      unique: true,
      split: { key: "when" },
    });
    const grouped = chooseSplit(
      [
        { name: "a", type: "string", role: "feature" },
        { name: "b", type: "string", role: "feature" },
        { name: "y", type: "category", role: "target" },
      ],
      new Map([
        ["a", 3],
        ["b", 7],
        ["y", 9],
      ]),
    );
    expect(grouped).toMatchObject({ unique: false, split: { key: "b" } });
  });
});
