import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withDatabase } from "../../core/data/duckdb.ts";
import {
  checkSniffedCsv,
  classCountsSql,
  mayHoldDecimals,
  planSniffedRead,
  readSniffedCsv,
} from "../../core/data/read-sniffed.ts";
import { checkedType, declaredTypes, leadingZeroSql } from "../../core/data/read-types.ts";

const temp = await mkdtemp(join(tmpdir(), "almanac-read-types-"));
afterAll(() => rm(temp, { recursive: true, force: true }));

describe("how CSV columns are typed", () => {
  it("without a manifest: labels stay text, inf/NaN columns are numbers, a decimal past the sniffer's sample is seen", async () => {
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `${i},${i % 2 ? "yes" : "no"},${i % 2},${i < 2 ? ["inf", "NaN"][i] : i / 4},x`,
    );
    rows.push("1.5,no,00,-inf,y");
    const path = join(temp, "late.csv");
    await writeFile(path, `n,answer,code,x,label\n${rows.join("\n")}\n`);
    const { read, table } = await withDatabase(async (db) => {
      const plan = await planSniffedRead(db, [path], { text: ["label"] });
      // The scan that only checks decides the same types as the one that reads into a table.
      expect(await checkSniffedCsv(db, plan)).toEqual((await readSniffedCsv(db, "late", plan)).read);
      const read = await readSniffedCsv(db, "late", plan);
      return { read, table: await db.allNative(`SELECT ${read.columns.join(", ")} FROM late WHERE n IN (29999, 1.5)`) };
    });
    // n: integers for 30,000 rows, then 1.5; code: 0/1, then 00 (a code, not the number 0).
    const types = { n: "DOUBLE", answer: "VARCHAR", code: "VARCHAR", x: "DOUBLE", label: "VARCHAR" };
    expect(read.read.types).toEqual(types);
    expect(read.columns).toEqual(Object.keys(types));
    // The table holds the file read with those types (read again: the sniffed BIGINT did not hold).
    expect(table).toEqual([
      { n: 29999, answer: "yes", code: "1", x: 7499.75, label: "x" },
      { n: 1.5, answer: "no", code: "00", x: Number.NEGATIVE_INFINITY, label: "y" },
    ]);
  });

  it("reads in one parse when the sniffed types hold, the classes of the cells beside the values", async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => `${i},${i / 8},${i % 3 ? "a" : "b"},${i % 2}`);
    const path = join(temp, "holds.csv");
    await writeFile(path, `k,x,c,flag\n${rows.join("\n")}\n,,,\n`);
    const { read, table, counts } = await withDatabase(async (db) => {
      const plan = await planSniffedRead(db, [path]);
      expect(mayHoldDecimals(plan)).toBe(true);
      expect(await checkSniffedCsv(db, plan)).toEqual({
        types: { k: "BIGINT", x: "DOUBLE", c: "VARCHAR", flag: "BIGINT" },
      });
      const read = await readSniffedCsv(db, "holds", plan);
      const table = await db.allNative("SELECT k, x, c, flag FROM holds WHERE k = 24999 OR k IS NULL ORDER BY k");
      const counts = await db.all(classCountsSql("holds", 3));
      return { read, table, counts };
    });
    expect(read.read.types).toEqual({ k: "BIGINT", x: "DOUBLE", c: "VARCHAR", flag: "BIGINT" });
    expect(table).toEqual([
      { k: 24999n, x: 3124.875, c: "b", flag: 1n },
      { k: null, x: null, c: null, flag: null },
    ]);
    // k, x and flag are checked (c's sample is text): every value a number, k and flag whole.
    expect(counts).toEqual([
      {
        n0: "25000",
        m0: "25000",
        w0: "25000",
        n1: "25000",
        m1: "25000",
        w1: "0",
        n2: "25000",
        m2: "25000",
        w2: "25000",
      },
    ]);
  });

  it("tells codes from numbers as the pattern ^\\s*[-+]?0[0-9] does, cheaply", async () => {
    // Around every byte the fast path compares at: signs, `0`, `:` (after `9`), `!` (after space), non-ASCII.
    const cells = ["007", "0", "0.5", "-0.5", "-01", "+01", "+1", " 01", "\t-01", "  5", "00", "09", "1e5", "abc"];
    cells.push("-", "", "é01", "10", "-0", "+0", "0:", "-0:", ".05", "-.5", "!0", "/01", "0/", "\n+02", "\u000b01");
    const rows = await withDatabase((db) =>
      db.all(
        `SELECT x, ${leadingZeroSql("x")} AS fast, regexp_matches(x, '^\\s*[-+]?0[0-9]') AS pattern FROM unnest(${`[${cells.map((cell) => `'${cell}'`).join(", ")}]`}) t(x)`,
      ),
    );
    expect(rows.filter((row) => row.fast).map((row) => row.x)).toEqual([
      "007",
      "-01",
      "+01",
      " 01",
      "\t-01",
      "00",
      "09",
      "\n+02",
    ]);
    for (const row of rows) expect(row.fast).toBe(row.pattern);
  });

  it("decides a checked column from its counts", () => {
    expect(checkedType("BIGINT", { n: 10, m: 10, w: 10 })).toBe("BIGINT");
    expect(checkedType("BIGINT", { n: 10, m: 10, w: 9 })).toBe("DOUBLE");
    expect(checkedType("BIGINT", { n: 10, m: 9, w: 10 })).toBe("VARCHAR");
    expect(checkedType("VARCHAR", { n: 10, m: 10 })).toBe("DOUBLE");
    expect(checkedType("VARCHAR", { n: 0, m: 0 })).toBe("VARCHAR");
  });

  it("with a manifest: its declared types for the columns the file has", () => {
    const columns = [
      { name: "y", type: "boolean" as const },
      { name: "code", type: "category" as const },
      { name: "x", type: "number" as const },
      { name: "k", type: "integer" as const },
      { name: "d", type: "datetime" as const },
      { name: "gone", type: "string" as const },
    ];
    expect(declaredTypes(columns, new Set(["y", "code", "x", "k", "d"]))).toEqual({
      y: "VARCHAR",
      code: "VARCHAR",
      x: "DOUBLE",
      k: "BIGINT",
    });
  });
});
