import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Database, withDatabase } from "../../core/data/duckdb.ts";
import { isDuckDBError } from "../../core/data/duckdb-errors.ts";
import type { CheckOptions } from "../../core/data/predictions-sql.ts";
import { type FetchOptions, fetchInOrder, fetchJoined } from "../../core/evaluate/fetch-joined.ts";
import { loadPredictionsFile, PREDICTIONS_TABLE, predictionsRelation } from "../../core/evaluate/predictions-file.ts";

// Truth rows 10..14 of a source whose rows 0..9 have no target: almanac_ord starts at 10.
const TRUTH = [
  "CREATE TEMP TABLE source AS SELECT 'k' || i AS key, CASE WHEN i < 10 THEN NULL WHEN i % 2 = 0 THEN 'yes' ELSE 'no' END AS label,",
  "CASE WHEN i = 13 THEN NULL ELSE ['a', 'b'][1 + i % 2] END AS grp FROM range(15) t(i)",
].join(" ");
const VIEW = `CREATE TEMP VIEW truth AS SELECT rowid AS almanac_ord, key AS row_id, label, grp FROM source WHERE label IS NOT NULL`;
const HEADER = "key,prediction,p_no,p_yes";
const ROWS = ["k10,yes,0.2,0.8", "k11,no,0.6,0.4", "k12,no,0.7,0.3", "k13,no,0.9,0.1", "k14,yes,0.25,0.75"];

const FETCH: FetchOptions = {
  truthTable: "truth",
  targetColumn: "label",
  sensitive: ["grp"],
  labels: ["no", "yes"],
  probabilityLabels: ["no", "yes"],
  withRowIds: true,
};
const CHECKS: CheckOptions = {
  predictions: PREDICTIONS_TABLE,
  truth: "truth",
  labels: ["no", "yes"],
  probabilityColumns: ["p_no", "p_yes"],
  checkSum: true,
};

async function withTruth<T>(work: (db: Database, write: (rows: string[]) => Promise<string>) => Promise<T>) {
  const dir = await mkdtemp(join(tmpdir(), "almanac-fetch-"));
  let files = 0;
  const write = async (rows: string[]) => {
    const path = join(dir, `predictions-${files++}.csv`);
    await writeFile(path, `${[HEADER, ...rows].join("\n")}\n`);
    return path;
  };
  return withDatabase(async (db) => {
    await db.run(TRUTH);
    await db.run(VIEW);
    return work(db, write);
  });
}

describe("the two ways predictions reach the metrics", () => {
  it("in truth order, read beside the truth: the same typed columns as the checked join", async () => {
    await withTruth(async (db, write) => {
      const path = await write(ROWS);
      const fast = await fetchInOrder(db, predictionsRelation(path, "key"), FETCH, CHECKS);
      await loadPredictionsFile(db, path, "predictions.csv", "key");
      const checked = await fetchJoined(db, FETCH);
      expect(fast).toEqual(checked);
      expect(fast?.rowIds).toEqual(["k10", "k11", "k12", "k13", "k14"]);
      expect(Array.from(fast?.truth ?? [])).toEqual([1, 0, 1, 0, 1]);
      expect(Array.from(fast?.prediction ?? [])).toEqual([1, 0, 0, 0, 1]);
      expect(Array.from(fast?.probabilities[1] ?? [])).toEqual([0.8, 0.4, 0.3, 0.1, 0.75]);
      expect(fast?.sensitive.grp?.values).toEqual(["a", "b"]);
      expect(Array.from(fast?.sensitive.grp?.codes ?? [])).toEqual([0, 1, 0, -1, 0]);
    });
  });

  it("a file of many chunks arrives in the truth's order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "almanac-fetch-"));
    const path = join(dir, "predictions.csv");
    await withDatabase(async (db) => {
      await db.run(
        "CREATE TEMP TABLE source AS SELECT 'r' || i AS key, ['no', 'yes'][1 + (i * 7) % 2] AS label, ['a', 'b', 'c'][1 + i % 3] AS grp FROM range(20000) t(i)",
      );
      await db.run(VIEW);
      await db.run(
        `COPY (SELECT key, CASE WHEN hash(key) % 3 = 0 THEN label ELSE 'no' END AS prediction, 0.25 AS p_no, 0.75 AS p_yes FROM source) TO '${path}' (HEADER)`,
      );
      const fast = await fetchInOrder(db, predictionsRelation(path, "key"), FETCH, CHECKS);
      await loadPredictionsFile(db, path, "predictions.csv", "key");
      expect(fast).not.toBeNull();
      expect(fast).toEqual(await fetchJoined(db, FETCH));
    });
  });

  it("anything off sends the predictions to the checked path (null)", async () => {
    await withTruth(async (db, write) => {
      const off = {
        "rows swapped": [ROWS[1], ROWS[0], ...ROWS.slice(2)],
        "a row missing": ROWS.slice(0, 4),
        "a row too many": [...ROWS, "k15,no,0.5,0.5"],
        "an unknown class": ["k10,maybe,0.2,0.8", ...ROWS.slice(1)],
        "a probability that is not a number": ["k10,yes,NaN,0.8", ...ROWS.slice(1)],
        "probabilities not summing to 1": ["k10,yes,0.3,0.8", ...ROWS.slice(1)],
        "an empty key": [...ROWS.slice(0, 4), ",yes,0.25,0.75"],
        "a ragged row": [...ROWS.slice(0, 4), "k14,yes,0.25"],
      };
      for (const [problem, rows] of Object.entries(off)) {
        const relation = predictionsRelation(await write(rows as string[]), "key");
        const fetched = await fetchInOrder(db, relation, FETCH, CHECKS).catch((error: Error) => error);
        // DuckDB's own error (the caller takes the checked path, which reports the row).
        if (problem === "a ragged row") expect(isDuckDBError(fetched), problem).toBe(true);
        else expect(fetched, problem).toBeNull();
      }
    });
  });
});
