import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withDatabase } from "../../core/data/duckdb.ts";
import {
  badKeysSql,
  columnTestSql,
  copyCsvSql,
  hashTestSql,
  splitTableSql,
  splitTestSql,
} from "../../core/data/split-sql.ts";

/** The documented rule, in plain JavaScript: first 8 hex digits of md5("<seed>:<key>") / 2³² < fraction. */
function inTest(key: string, seed: number, fraction: number): boolean {
  const hex = createHash("md5").update(`${seed}:${key}`).digest("hex").slice(0, 8);
  return Number.parseInt(hex, 16) / 4294967296 < fraction;
}

describe("split SQL builders", () => {
  it("hash rule", () => {
    expect(hashTestSql("row_id", 7, 0.3)).toBe(
      `(('0x' || substr(md5('7:' || CAST("row_id" AS VARCHAR)), 1, 8))::UBIGINT / 4294967296 < 0.3)`,
    );
  });

  it("column rule with typed literals", () => {
    expect(columnTestSql("year", [2014, "x'y", true])).toBe(`("year" IN (2014, 'x''y', TRUE))`);
    expect(splitTestSql({ method: "files" })).toBeNull();
  });

  it("split table keeps the source position, drops null targets, and treats a null predicate as train", () => {
    const sql = splitTableSql({
      table: "almanac_test",
      source: "src",
      key: "id",
      target: "y",
      columns: ["a", "y"],
      testPredicate: "(p)",
      side: "train",
    });
    expect(sql).toBe(
      [
        'CREATE OR REPLACE TEMP TABLE "almanac_test" AS',
        'SELECT rowid AS almanac_ord, CAST("id" AS VARCHAR) AS row_id, "a", "y"',
        'FROM "src"',
        'WHERE "y" IS NOT NULL AND (p) IS NOT TRUE',
      ].join("\n"),
    );
    expect(
      splitTableSql({
        table: "t",
        source: "s",
        key: null,
        target: "y",
        columns: ["y"],
        testPredicate: null,
        side: "test",
      }),
    ).toContain("CAST(rowid + 1 AS VARCHAR) AS row_id");
  });

  it("CSV copy and key checks", () => {
    expect(copyCsvSql("SELECT 1", "/tmp/a'b.csv")).toBe(
      `COPY (SELECT 1) TO '/tmp/a''b.csv' (FORMAT csv, HEADER true, DELIMITER ',')`,
    );
    expect(badKeysSql(["a", "b"])).toContain('SELECT row_id FROM "a" UNION ALL SELECT row_id FROM "b"');
  });
});

describe("the hash split in DuckDB", () => {
  it("puts exactly the rows the documented md5 rule names in test, for integer and text keys", async () => {
    await withDatabase(async (db) => {
      await db.run("CREATE TABLE src AS SELECT i AS id, 'k' || i AS name FROM range(1, 2001) r(i)");
      for (const [key, seed, fraction] of [
        ["id", 7, 0.3],
        ["name", 0, 0.25],
      ] as const) {
        const rows = await db.all(
          `SELECT CAST(${key} AS VARCHAR) AS k FROM src WHERE ${hashTestSql(key, seed, fraction)} ORDER BY id`,
        );
        const expected = Array.from({ length: 2000 }, (_, i) => (key === "id" ? String(i + 1) : `k${i + 1}`)).filter(
          (k) => inTest(k, seed, fraction),
        );
        expect(rows.map((row) => row.k)).toEqual(expected);
        expect(expected.length / 2000).toBeGreaterThan(fraction - 0.04);
        expect(expected.length / 2000).toBeLessThan(fraction + 0.04);
      }
    });
  });

  it("gives the penguins example the same 94 test rows every time", async () => {
    const once = async () =>
      withDatabase(async (db) => {
        await db.run(
          "CREATE TABLE src AS SELECT * FROM read_csv('datasets/penguins/data/penguins.csv', header = true)",
        );
        return (await db.all(`SELECT row_id FROM src WHERE ${hashTestSql("row_id", 7, 0.3)} ORDER BY row_id`)).map(
          (row) => row.row_id,
        );
      });
    const [first, second] = [await once(), await once()];
    expect(first).toEqual(second);
    expect(first.length).toBe(94);
    expect(first.slice(0, 5)).toEqual(["3", "6", "9", "11", "13"]);
  });
});
