import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { dialectFromPath, parseCsvHeader, readCsvHeader } from "../../core/data/csv-header.ts";
import { summarizeReadError } from "../../core/data/duckdb-errors.ts";
import { hashFile } from "../../core/data/hash-file.ts";
import { mapLimit } from "../../core/util/map-limit.ts";

const temp = await mkdtemp(join(tmpdir(), "almanac-read-"));
afterAll(() => rm(temp, { recursive: true, force: true }));

describe("CSV headers", () => {
  it("parses quoted names, doubled quotes, a BOM and CRLF", () => {
    const comma = { delimiter: "," } as const;
    expect(parseCsvHeader('\uFEFFa,"b, c","d ""e"""\r\n1,2,3', comma, false)).toEqual(["a", "b, c", 'd "e"']);
    expect(parseCsvHeader("a,b", comma, false)).toBeUndefined();
    expect(parseCsvHeader("a,b", comma, true)).toEqual(["a", "b"]);
    expect(parseCsvHeader('a,"b\n', comma, true)).toBeUndefined();
    expect(parseCsvHeader("a\tb\n", { delimiter: "\t" }, false)).toEqual(["a", "b"]);
    expect(dialectFromPath("x.TSV.gz")).toEqual({ delimiter: "\t" });
    expect(dialectFromPath("x.csv")).toEqual({ delimiter: "," });
  });

  it("reads only the header of plain and gzipped files", async () => {
    await writeFile(join(temp, "a.csv"), `x,y\n${"1,2\n".repeat(100_000)}`);
    await writeFile(join(temp, "a.csv.gz"), gzipSync("p,q\n1,2\n"));
    await writeFile(join(temp, "empty.csv"), "");
    expect(await readCsvHeader(join(temp, "a.csv"), { delimiter: "," })).toEqual(["x", "y"]);
    expect(await readCsvHeader(join(temp, "a.csv.gz"), { delimiter: "," })).toEqual(["p", "q"]);
    expect(await readCsvHeader(join(temp, "empty.csv"), { delimiter: "," })).toEqual([]);
  });
});

describe("summarizeReadError", () => {
  it("turns DuckDB's CSV errors into one line with the file line", () => {
    const ragged =
      "Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 4,5,6,7\nExpected Number of Columns: 3 Found: 4\nPossible fixes:\n* Disable the parser's strict mode";
    expect(summarizeReadError(ragged)).toEqual({
      line: 3,
      message: "line 3: expected 3 columns, found 4 (a ragged row, or an unquoted delimiter)",
    });
    const quote =
      'Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,"2,3\n\nValue with unterminated quote found.\n';
    expect(summarizeReadError(quote).message).toBe(
      "line 2: a quoted value is never closed (a stray quote, or a truncated file)",
    );
  });

  it("keeps the first line of other errors without the class or SQL echo", () => {
    expect(
      summarizeReadError("Invalid Input Error: No magic bytes found at end of file 'x.parquet'\n\nLINE 1: SELECT ..."),
    ).toEqual({ line: undefined, message: "No magic bytes found at end of file 'x.parquet'" });
  });
});

describe("hashFile and mapLimit", () => {
  it("hashes like sha256sum, streaming", async () => {
    await writeFile(join(temp, "abc.txt"), "abc");
    expect(await hashFile(join(temp, "abc.txt"))).toEqual({
      sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      bytes: 3,
    });
    await expect(hashFile(join(temp, "nope"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("keeps order and bounds concurrency", async () => {
    let active = 0;
    let peak = 0;
    const result = await mapLimit([5, 1, 3, 2, 4], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });
});
