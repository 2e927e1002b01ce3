import { describe, expect, it } from "vitest";
import {
  binGuessSql,
  binIndexSql,
  distinctProbeSql,
  ecdfScanSql,
  rangeSql,
  sideCountsSql,
  valueSql,
  valueTotalsSql,
} from "../../core/data/drift-sql.ts";
import { withDatabase } from "../../core/data/duckdb.ts";
import { doubleLiteral, typeClass } from "../../core/data/duckdb-types.ts";
import { materializeSampleSql, selectSql, windowSql } from "../../core/data/sample-sql.ts";

const columns = [
  { name: "x", numeric: true },
  { name: "n", numeric: true, integer: true },
  { name: "c", numeric: false },
];

describe("drift SQL builders", () => {
  it("writes DOUBLE literals DuckDB reads back exactly (a plain 0.1 would be a DECIMAL)", () => {
    expect(doubleLiteral(0.1)).toBe("1e-1");
    expect(doubleLiteral(-2.5)).toBe("(-2.5e0)");
    expect(doubleLiteral(0.30000000000000004)).toBe("3.0000000000000004e-1");
    expect(() => doubleLiteral(Number.NaN)).toThrow("not a finite number");
  });

  it("reads integers natively, other numbers as DOUBLE and categories as text", () => {
    expect(columns.map(valueSql)).toEqual(['CAST("x" AS DOUBLE)', '"n"', 'CAST("c" AS VARCHAR)']);
  });

  it("places a value in numpy.histogram's bin: an arithmetic guess corrected against the edges", () => {
    expect(binGuessSql([0, 1, 2])).toBe("least(greatest(floor((v - 0e0) / 1e0)::BIGINT, 0), 1)");
    expect(binIndexSql([0, 1, 2])).toBe(
      "i - (v < [0e0, 1e0, 2e0][i + 1])::INTEGER + (i < 1 AND v >= [0e0, 1e0, 2e0][i + 2])::INTEGER",
    );
    expect(binIndexSql([3, 4])).toBe("0");
  });

  it("counts every column of a sample in one GROUPING SETS scan, capped per column", () => {
    expect(sideCountsSql("reference", columns, 100)).toBe(
      [
        "WITH g AS (SELECT CASE WHEN grouping(v0) = 0 THEN 0 WHEN grouping(v1) = 0 THEN 1 WHEN grouping(v2) = 0 THEN 2 ELSE -1 END AS col, v0, v1, v2, count(*) AS n",
        '  FROM (SELECT CAST("x" AS DOUBLE) AS v0, "n" AS v1, CAST("c" AS VARCHAR) AS v2 FROM "reference")',
        "  GROUP BY GROUPING SETS ((v0), (v1), (v2), ())),",
        "s AS (SELECT *, count(*) OVER (PARTITION BY col) AS groups, row_number() OVER (PARTITION BY col) AS rn FROM g)",
        "SELECT col, CASE col WHEN 2 THEN v2 END AS key, CASE col WHEN 0 THEN CAST(v0 AS DOUBLE) WHEN 1 THEN CAST(v1 AS DOUBLE) END AS num, n, groups FROM s WHERE groups <= 100 OR rn = 1",
      ].join("\n"),
    );
    expect(sideCountsSql("reference", columns, 100, [2])).toContain("GROUP BY GROUPING SETS ((v2), ())");
    expect(valueTotalsSql("reference", columns, [0])).toBe(
      'SELECT count(*) FILTER (WHERE isfinite(CAST("x" AS DOUBLE))) AS n0 FROM "reference"',
    );
  });

  it("probes distinct values among the first rows only, so the look costs the same on any size", () => {
    expect(distinctProbeSql("reference", columns, [0], 50_000)).toBe(
      'SELECT count(DISTINCT CAST("x" AS DOUBLE)) AS d0 FROM (SELECT * FROM "reference" LIMIT 50000)',
    );
    expect(distinctProbeSql("reference", columns, [1])).toBe('SELECT count(DISTINCT "n") AS d1 FROM "reference"');
  });

  it("scans both samples in one sort with a RANGE frame for KS and Wasserstein", () => {
    expect(ecdfScanSql("reference", "current", columns[0] as (typeof columns)[0], 10, 20)).toBe(
      [
        'WITH u AS (SELECT CAST("x" AS DOUBLE) AS v, 1 AS a FROM "reference" WHERE isfinite(CAST("x" AS DOUBLE)) UNION ALL SELECT CAST("x" AS DOUBLE) AS v, 0 AS a FROM "current" WHERE isfinite(CAST("x" AS DOUBLE))),',
        "s AS (SELECT v, sum(a) OVER w / 10 - sum(1 - a) OVER w / 20 AS diff, lead(v) OVER (ORDER BY v) AS next FROM u",
        "  WINDOW w AS (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))",
        "SELECT max(diff) AS max_difference, min(diff) AS min_difference,",
        "  coalesce(fsum(abs(diff) * (next - v)) FILTER (WHERE next IS NOT NULL), 0) AS wasserstein FROM s",
      ].join("\n"),
    );
    expect(rangeSql("current", columns, [0])).toBe(
      'SELECT min(CAST("x" AS DOUBLE)) FILTER (WHERE isfinite(CAST("x" AS DOUBLE))) AS lo0, max(CAST("x" AS DOUBLE)) FILTER (WHERE isfinite(CAST("x" AS DOUBLE))) AS hi0, stddev_pop(CAST("x" AS DOUBLE)) FILTER (WHERE isfinite(CAST("x" AS DOUBLE))) AS sd0 FROM "current"',
    );
  });

  it("filters a time window (start inclusive, end exclusive) and selects a sample", () => {
    expect(windowSql("date", { start: "2015-01-01", end: "2016-01-01" })).toBe(
      `CAST("date" AS TIMESTAMP) >= CAST('2015-01-01' AS TIMESTAMP) AND CAST("date" AS TIMESTAMP) < CAST('2016-01-01' AS TIMESTAMP)`,
    );
    expect(windowSql("date", {})).toBeUndefined();
    expect(selectSql("read_csv('a.csv')", { columns: ["a b"], where: ["x > 1"] })).toBe(
      `SELECT "a b" FROM read_csv('a.csv') WHERE (x > 1)`,
    );
    expect(materializeSampleSql("current")).toEqual([
      'CREATE OR REPLACE TABLE "current__rows" AS SELECT * FROM "current"',
      'CREATE OR REPLACE VIEW "current" AS SELECT * FROM "current__rows"',
    ]);
  });

  it("classifies DuckDB types", () => {
    expect(
      ["BIGINT", "DECIMAL(8,2)", "DOUBLE", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMP WITH TIME ZONE", "BLOB"].map(
        typeClass,
      ),
    ).toEqual(["integer", "number", "number", "text", "boolean", "temporal", "temporal", "other"]);
  });

  it("bins values in DuckDB as numpy does, even at and just below the edges", async () => {
    const edges = [0, 0.1 + 0.2, 0.7, 1];
    const values = [0, 0.3, 0.30000000000000004, 0.29999999999999993, 0.7, 0.6999999999999998, 1];
    const sql = `SELECT ${binIndexSql(edges)} AS bin FROM (SELECT v, ${binGuessSql(edges)} AS i FROM (SELECT unnest([${values.map(doubleLiteral).join(", ")}]) AS v))`;
    const rows = await withDatabase((db) => db.all(sql));
    // numpy.histogram: bin i holds edges[i] <= v < edges[i+1], the last bin also its right edge.
    const expected = values.map((v) => (v >= 0.7 ? 2 : v >= 0.1 + 0.2 ? 1 : 0));
    expect(expected).toEqual([0, 0, 1, 0, 2, 1, 2]);
    expect(rows.map((row) => Number(row.bin))).toEqual(expected);
  });
});
