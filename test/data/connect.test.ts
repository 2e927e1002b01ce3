import { describe, expect, it } from "vitest";
import { openDatabase, withDatabase } from "../../core/data/duckdb.ts";
import { settledInOrder } from "../../core/util/settled.ts";

describe("Database.connect: a second connection to the same in-memory database", () => {
  it("sees the main schema's tables, runs beside the first, and closes alone", async () => {
    await withDatabase(async (db) => {
      const side = await db.connect();
      await settledInOrder([
        db.run("CREATE TABLE a AS SELECT i FROM range(300000) t(i)"),
        side.run("CREATE TABLE b AS SELECT i * 2 AS i FROM range(200000) t(i)"),
      ]);
      const [row] = await db.all("SELECT (SELECT count(*) FROM a) AS a, (SELECT max(i) FROM b) AS b");
      expect(row).toEqual({ a: "300000", b: "399998" });
      // TEMP objects stay with the connection that made them.
      await side.run("CREATE TEMP TABLE mine AS SELECT 1 AS x");
      await expect(db.all("SELECT * FROM mine")).rejects.toThrow(/mine/);
      side.close();
      side.close();
      expect(await db.all("SELECT count(*)::INTEGER AS n FROM b")).toEqual([{ n: 200000 }]);
    });
  });

  it("closes every connection with the database", async () => {
    const db = await openDatabase();
    const side = await db.connect();
    db.close();
    await expect(side.all("SELECT 1")).rejects.toThrow();
  });
});

describe("settledInOrder", () => {
  it("returns values in order, and throws the first error in argument order once all have settled", async () => {
    expect(await settledInOrder([Promise.resolve(1), Promise.resolve("a")])).toEqual([1, "a"]);
    let finished = false;
    const slowFailure = new Promise<number>((_, reject) =>
      setTimeout(() => {
        finished = true;
        reject(new Error("first"));
      }, 30),
    );
    const fastFailure = Promise.reject(new Error("second"));
    await expect(settledInOrder([slowFailure, fastFailure])).rejects.toThrow("first");
    expect(finished).toBe(true);
  });
});
