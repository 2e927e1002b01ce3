import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withDatabase } from "../../core/data/duckdb.ts";
import { checkedType, declaredTypes, sniffedReadOptions } from "../../core/data/read-types.ts";

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
    const read = await withDatabase((db) => sniffedReadOptions(db, [path], "csv", { text: ["label"] }));
    // n: integers for 30,000 rows, then 1.5; code: 0/1, then 00 (a code, not the number 0).
    expect(read.types).toEqual({ n: "DOUBLE", answer: "VARCHAR", code: "VARCHAR", x: "DOUBLE", label: "VARCHAR" });
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
