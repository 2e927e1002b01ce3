import { describe, expect, it } from "vitest";
import { withDatabase } from "../../core/data/duckdb.ts";

const ROWS = 5000; // three DuckDB chunks of at most 2048 rows

describe("Database.fill: a query's columns straight into preallocated arrays", () => {
  it("copies typed and text columns across chunks", async () => {
    const codes = new Int32Array(ROWS);
    const values = new Float64Array(ROWS);
    const flags = new Uint8Array(ROWS);
    const keys: Array<string | null> = new Array(ROWS);
    const rows = await withDatabase((db) =>
      db.fill(
        `SELECT (i % 7)::INTEGER AS code, i / 4 AS value, (i % 2)::UTINYINT AS flag, 'k' || i AS key, 'x' AS unread FROM range(${ROWS}) t(i)`,
        { code: codes, value: values, flag: flags, key: keys },
      ),
    );
    expect(rows).toBe(ROWS);
    expect([codes[0], codes[4999], values[4999], flags[4998], flags[4999]]).toEqual([0, 4999 % 7, 1249.75, 0, 1]);
    expect([keys[0], keys[4999]]).toEqual(["k0", "k4999"]);
  });

  it("stops when told, and at the arrays' length", async () => {
    await withDatabase(async (db) => {
      const seen: number[] = [];
      const stopped = await db.fill(
        `SELECT i::INTEGER AS i FROM range(${ROWS}) t(i)`,
        { i: new Int32Array(ROWS) },
        (_, to) => {
          seen.push(to);
          return false;
        },
      );
      expect(stopped).toBe(seen[0]);
      expect(stopped).toBeLessThan(ROWS);
      expect(await db.fill(`SELECT i::INTEGER AS i FROM range(${ROWS}) t(i)`, { i: new Int32Array(10) })).toBe(11);
    });
  });

  it("refuses a NULL or a type that does not match the array", async () => {
    await withDatabase(async (db) => {
      await expect(db.fill("SELECT NULL::DOUBLE AS x", { x: new Float64Array(1) })).rejects.toThrow(
        "column x: NULL in row 0 of a typed column",
      );
      // A NULL among valid values (the vector has a validity mask), past the first chunk.
      await expect(
        db.fill(`SELECT CASE WHEN i = 3000 THEN NULL ELSE i END::DOUBLE AS x FROM range(${ROWS}) t(i)`, {
          x: new Float64Array(ROWS),
        }),
      ).rejects.toThrow("column x: NULL in row 3000 of a typed column");
      await expect(db.fill("SELECT 1::BIGINT AS x", { x: new Float64Array(1) })).rejects.toThrow(
        "column x: the query's type does not match its Float64Array target",
      );
    });
  });
});
