import { describe, expect, it } from "vitest";
import { withDatabase } from "../../core/data/duckdb.ts";
import { mayHaveBadKeys } from "../../core/evaluate/repeated-keys.ts";

describe("screening truth keys without DuckDB's hash table", () => {
  it("clears distinct keys and flags a repeated or missing one", async () => {
    await withDatabase(async (db) => {
      const screen = async (keys: string) => {
        await db.run(`CREATE OR REPLACE TEMP TABLE t AS SELECT unnest(${keys}) AS row_id`);
        const rows = Number((await db.all("SELECT count(*) AS n FROM t"))[0]?.n);
        return mayHaveBadKeys(db, "t", rows);
      };
      expect(await screen("(SELECT list('k' || i) FROM range(5000) r(i))")).toBe(false);
      expect(await screen("(SELECT list('k' || (i % 4999)) FROM range(5000) r(i))")).toBe(true);
      expect(await screen("['a', NULL, 'b']")).toBe(true);
      expect(await screen("['a', 'b']")).toBe(false);
    });
  });
});
