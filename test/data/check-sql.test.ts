import { describe, expect, it } from "vitest";
import {
  aggregateSql,
  checkSourceSql,
  crossFileDuplicatesSql,
  duplicateExamplesSql,
  examplesSql,
} from "../../core/data/check-sql.ts";
import { boundProblem, planColumnChecks } from "../../core/data/column-checks.ts";
import { distinctValuesSql, profileSql } from "../../core/data/infer-sql.ts";
import { addRowIdSql } from "../../core/data/row-id-sql.ts";
import { ColumnSchema } from "../../core/schemas/dataset-manifest.ts";

const column = (fields: Record<string, unknown>) => ColumnSchema.parse(fields);

describe("checkSourceSql", () => {
  it("reads CSV strictly with the header as VARCHAR columns and no sniffing", () => {
    expect(checkSourceSql("d/a.csv", "csv", { header: ["id", "it's"], dialect: { delimiter: "," } })).toBe(
      "read_csv('d/a.csv', header = true, auto_detect = false, columns = {'id': 'VARCHAR', 'it''s': 'VARCHAR'}, delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false, buffer_size = 8388608)",
    );
  });

  it("reads typed formats with their own readers", () => {
    expect(checkSourceSql("a.parquet", "parquet")).toBe("read_parquet('a.parquet')");
    expect(checkSourceSql("a.json", "json")).toBe("read_json('a.json', format = 'array')");
  });
});

describe("planColumnChecks", () => {
  const text = (names: string[]) => new Map(names.map((name) => [name, "VARCHAR"]));

  it("casts text per row and counts each check", () => {
    const { plans, mismatches } = planColumnChecks(
      [column({ name: "w", type: "number", min: 1, max: 9 }), column({ name: "missing", type: "string" })],
      text(["w"]),
    );
    expect(mismatches).toEqual([]);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.typed).toBe(`TRY_CAST("w" AS DOUBLE)`);
    expect(plans[0]?.rowChecks.map((check) => [check.alias, check.condition])).toEqual([
      ["c0_type", `"w" IS NOT NULL AND TRY_CAST("w" AS DOUBLE) IS NULL`],
      ["c0_nan", `NOT isfinite(TRY_CAST("w" AS DOUBLE))`],
      ["c0_null", `"w" IS NULL`],
      ["c0_min", `isfinite(TRY_CAST("w" AS DOUBLE)) AND TRY_CAST("w" AS DOUBLE) < 1`],
      ["c0_max", `isfinite(TRY_CAST("w" AS DOUBLE)) AND TRY_CAST("w" AS DOUBLE) > 9`],
    ]);
  });

  it("checks whole numbers, dates, allowed values and uniqueness", () => {
    const { plans } = planColumnChecks(
      [
        column({ name: "n", type: "integer", unique: true, nullable: true }),
        column({ name: "d", type: "datetime", min: "2024-01-01", nullable: true }),
        column({ name: "c", type: "category", values: ["a", "it's"], nullable: true }),
        column({ name: "k", type: "integer", values: [1, 2], nullable: true }),
      ],
      text(["n", "d", "c", "k"]),
    );
    expect(plans.map((plan) => plan.rowChecks.map((check) => check.condition))).toEqual([
      [
        `"n" IS NOT NULL AND (TRY_CAST("n" AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST("n" AS DOUBLE)) OR TRY_CAST("n" AS DOUBLE) <> trunc(TRY_CAST("n" AS DOUBLE)))`,
      ],
      [`"d" IS NOT NULL AND TRY_CAST("d" AS TIMESTAMP) IS NULL`, `TRY_CAST("d" AS TIMESTAMP) < TIMESTAMP '2024-01-01'`],
      [`"c" IS NOT NULL AND CAST("c" AS VARCHAR) NOT IN ('a', 'it''s')`],
      [
        `"k" IS NOT NULL AND (TRY_CAST("k" AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST("k" AS DOUBLE)) OR TRY_CAST("k" AS DOUBLE) <> trunc(TRY_CAST("k" AS DOUBLE)))`,
        `TRY_CAST("k" AS DOUBLE) IS NOT NULL AND TRY_CAST("k" AS DOUBLE) NOT IN (1, 2)`,
      ],
    ]);
    expect(plans[0]?.duplicatesAlias).toBe("c0_duplicates");
  });

  it("uses stored types: no cast for integers, a whole-number check for doubles, mismatches reported", () => {
    const { plans, mismatches } = planColumnChecks(
      [
        column({ name: "i", type: "integer" }),
        column({ name: "f", type: "integer" }),
        column({ name: "t", type: "datetime" }),
      ],
      new Map([
        ["i", "BIGINT"],
        ["f", "DOUBLE"],
        ["t", "INTEGER"],
      ]),
    );
    expect(plans.map((plan) => plan.rowChecks.map((check) => check.kind))).toEqual([["null"], ["type", "null"]]);
    expect(mismatches).toEqual([{ index: 2, column: expect.objectContaining({ name: "t" }), sourceType: "INTEGER" }]);
  });

  it("leaves out bounds that cannot be checked", () => {
    expect(boundProblem(column({ name: "s", type: "string" }), 3)).toBe(
      "min and max apply to number, integer and datetime columns, not string",
    );
    expect(boundProblem(column({ name: "d", type: "datetime" }), "2024-02-30x")).toMatch(/^expected an ISO date/);
    expect(boundProblem(column({ name: "n", type: "number" }), "3")).toBe("expected a number for a number column");
    expect(boundProblem(column({ name: "d", type: "datetime" }), "2024-02-03T10:00:00Z")).toBeUndefined();
  });
});

describe("scan queries", () => {
  const { plans } = planColumnChecks(
    [column({ name: "id", type: "integer", unique: true, min: 1 })],
    new Map([["id", "VARCHAR"]]),
  );
  const plan = plans[0];
  if (!plan) throw new Error("no plan");

  it("aggregates every check in one pass, counts only", () => {
    expect(aggregateSql("src", plans)).toBe(
      `SELECT count(*) AS "rows", count(*) FILTER (WHERE "id" IS NULL) AS "c0_nulls", ` +
        `count(*) FILTER (WHERE "id" IS NOT NULL AND (TRY_CAST("id" AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST("id" AS DOUBLE)) OR TRY_CAST("id" AS DOUBLE) <> trunc(TRY_CAST("id" AS DOUBLE)))) AS "c0_type", ` +
        `count(*) FILTER (WHERE isfinite(TRY_CAST("id" AS DOUBLE)) AND TRY_CAST("id" AS DOUBLE) < 1) AS "c0_min", ` +
        `count(TRY_CAST("id" AS DOUBLE)) - count(DISTINCT TRY_CAST("id" AS DOUBLE)) AS "c0_duplicates" FROM src`,
    );
  });

  it("fetches five example rows per failed check, and the range seen, in one targeted pass", () => {
    const check = plan.rowChecks.find((candidate) => candidate.kind === "min");
    if (!check) throw new Error("no min check");
    expect(examplesSql("src", [check], [plan])).toBe(
      `SELECT min_by({'row': __almanac_row, 'value': CAST("id" AS VARCHAR)}, __almanac_row, 5) FILTER (WHERE isfinite(TRY_CAST("id" AS DOUBLE)) AND TRY_CAST("id" AS DOUBLE) < 1) AS "c0_min", ` +
        `min(TRY_CAST("id" AS DOUBLE)) FILTER (WHERE isfinite(TRY_CAST("id" AS DOUBLE))) AS "c0_seen_min", ` +
        `max(TRY_CAST("id" AS DOUBLE)) FILTER (WHERE isfinite(TRY_CAST("id" AS DOUBLE))) AS "c0_seen_max" ` +
        "FROM (SELECT row_number() OVER () AS __almanac_row, * FROM src)",
    );
  });

  it("finds rows repeating an earlier value, within and across files", () => {
    expect(duplicateExamplesSql("src", plan)).toBe(
      `SELECT __almanac_row AS "row", value FROM (SELECT __almanac_row, CAST("id" AS VARCHAR) AS value, row_number() OVER (PARTITION BY TRY_CAST("id" AS DOUBLE) ORDER BY __almanac_row) AS nth FROM (SELECT row_number() OVER () AS __almanac_row, * FROM src) WHERE TRY_CAST("id" AS DOUBLE) IS NOT NULL) WHERE nth > 1 ORDER BY __almanac_row LIMIT 5`,
    );
    expect(
      crossFileDuplicatesSql([
        { source: "a", typed: "x" },
        { source: "b", typed: "y" },
      ]),
    ).toBe(
      "SELECT count(k) - count(DISTINCT k) AS duplicates FROM (SELECT x AS k FROM a UNION ALL SELECT y AS k FROM b)",
    );
  });
});

describe("inference queries", () => {
  it("profiles text and typed columns in one scan", () => {
    expect(profileSql("src", [{ name: "n", sourceType: "BIGINT" }])).toBe(
      `SELECT count(*) AS rows, count("n") AS "p0_non_null", count(DISTINCT "n") AS "p0_distinct", min("n") AS "p0_min", max("n") AS "p0_max" FROM src`,
    );
    const text = profileSql("src", [{ name: "t", sourceType: "VARCHAR" }]);
    expect(text).toContain(`count(*) FILTER (WHERE lower(trim("t")) IN ('true', 'false')) AS "p0_boolean"`);
    expect(text).toContain(`NOT regexp_matches("t", '^\\s*[-+]?0[0-9]')`);
    expect(distinctValuesSql("src", [{ index: 3, name: "c" }])).toBe(
      `SELECT list(DISTINCT "c") FILTER (WHERE "c" IS NOT NULL) AS "p3_values" FROM src`,
    );
  });

  it("prepends a row id in the same format", () => {
    expect(addRowIdSql("src", "out.csv", "csv")).toBe(
      `COPY (SELECT row_number() OVER () AS "row_id", * FROM src) TO 'out.csv' (FORMAT csv, HEADER true)`,
    );
    expect(addRowIdSql("src", "o.json", "json")).toBe(
      `COPY (SELECT row_number() OVER () AS "row_id", * FROM src) TO 'o.json' (FORMAT json, ARRAY true)`,
    );
  });
});
