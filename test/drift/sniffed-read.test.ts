import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAdhocDrift } from "../../core/drift/adhoc.ts";

const dir = await mkdtemp(join(tmpdir(), "almanac-sniffed-read-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** 30,000 rows of integer columns k and code and a category, past the sniffer's 20,480-row sample, then `last`. */
async function sample(name: string, shift: number, last?: string): Promise<string> {
  const rows = Array.from({ length: 30_000 }, (_, i) => `${(i + shift) % 50},${i % 7},${i % 3 ? "a" : "b"}`);
  if (last) rows.push(last);
  const path = join(dir, `${name}.csv`);
  await writeFile(path, `k,code,cat\n${rows.join("\n")}\n`);
  return path;
}

const drift = async (current: string, columns?: string[]) =>
  runAdhocDrift({
    reference: await sample("reference", 0),
    current,
    base: dir,
    date: "2026-01-01",
    tests: ["psi"],
    ...(columns ? { columns } : {}),
  });

describe("integer CSVs read on trust of their sniffed types, each cell checked as it is counted", () => {
  it("keeps the sniffed types when every cell fits", async () => {
    const report = await drift(await sample("fits", 3, "49,6,b"));
    expect(report.columns.map((result) => [result.column, result.type])).toEqual([
      ["k", "integer"],
      ["code", "integer"],
      ["cat", "category"],
    ]);
    expect(report.schema_changes).toEqual([]);
    expect(report.current.rows).toBe(30_001);
  });

  it("a decimal far down a compared integer column: compared again as numbers, as a checked read would", async () => {
    const report = await drift(await sample("decimal", 3, "1.5,6,b"), ["k"]);
    expect(report.columns.map((result) => [result.column, result.type])).toEqual([["k", "integer"]]);
    expect(report.schema_changes).toEqual([
      { column: "k", change: "type", reference_type: "integer", current_type: "number" },
    ]);
  });

  it("a code with a leading zero in a column left out of the comparison still shows as a type change", async () => {
    const report = await drift(await sample("code", 3, "7,007,b"), ["k"]);
    expect(report.schema_changes).toEqual([
      { column: "code", change: "type", reference_type: "integer", current_type: "category" },
    ]);
  });
});

describe("decimal CSVs read into memory in one parse, every cell classed on the way", () => {
  /** 30,000 rows of a decimal column x (few values) and an integer k, then `last`. */
  async function decimals(name: string, shift: number, last?: string): Promise<string> {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${((i + shift) % 9) + 0.25},${i % 5}`);
    if (last) rows.push(last);
    const path = join(dir, `${name}.csv`);
    await writeFile(path, `x,k\n${rows.join("\n")}\n`);
    return path;
  }
  const driftDecimals = async (current: string) =>
    runAdhocDrift({
      reference: await decimals("decimal-reference", 0),
      current,
      base: dir,
      date: "2026-01-01",
      tests: ["psi"],
    });

  it("keeps the sniffed types when every cell fits", async () => {
    const report = await driftDecimals(await decimals("decimal-fits", 2, "-inf,3"));
    expect(report.columns.map((result) => [result.column, result.type])).toEqual([
      ["x", "number"],
      ["k", "integer"],
    ]);
    expect(report.schema_changes).toEqual([]);
    expect(report.current.rows).toBe(30_001);
  });

  it("a word or a code far down a decimal column makes it text", async () => {
    for (const last of ["n/a,3", "007.5,3"]) {
      const current = await decimals(`decimal-${last.slice(0, 3).replace("/", "")}`, 2, last);
      await expect(driftDecimals(current)).rejects.toThrow(
        /column "x" is number \(DOUBLE\) in the reference .* but category \(VARCHAR\) in the current sample/,
      );
      const report = await runAdhocDrift({
        reference: await decimals("decimal-reference", 0),
        current,
        base: dir,
        date: "2026-01-01",
        tests: ["psi"],
        columns: ["k"],
      });
      expect(report.schema_changes).toEqual([
        { column: "x", change: "type", reference_type: "number", current_type: "category" },
      ]);
    }
  });
});

describe("the two samples read side by side on two connections", () => {
  it("names the reference when both files are unreadable, whichever read fails first", async () => {
    const broken = async (name: string, body: string) => {
      const path = join(dir, `${name}.csv`);
      await writeFile(path, body);
      return path;
    };
    // A missing file is refused before either is read; a malformed one when its read fails, and
    // the short current file fails before the long reference does: the reference is still named.
    const reference = await broken("broken-reference", `a,b\n${"1,2\n".repeat(50_000)}1,2,3,4\n`);
    const failure = runAdhocDrift({
      reference,
      current: join(dir, "missing-*.csv"),
      base: dir,
      date: "2026-01-01",
    });
    await expect(failure).rejects.toThrow(/missing-\*\.csv/);
    const both = runAdhocDrift({
      reference,
      current: await broken("broken-current", "a,b\n1,2,3\n"),
      base: dir,
      date: "2026-01-01",
    });
    await expect(both).rejects.toThrow(/broken-reference\.csv/);
  });
});
