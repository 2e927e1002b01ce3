/**
 * Writes datasets/penguins-sex/data/penguins-sex.csv: the rows of the penguins dataset whose sex
 * was recorded (the target of models/penguin-sex), same columns and row_id, in the same order.
 * Prints the sha256, bytes and rows for the manifest. Run: node scripts/make-penguins-sex-data.ts
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { withDatabase } from "../core/data/duckdb.ts";
import { copyCsvSql } from "../core/data/split-sql.ts";

const source = "datasets/penguins/data/penguins.csv";
const target = "datasets/penguins-sex/data/penguins-sex.csv";
await withDatabase(async (db) => {
  await db.run(`CREATE TABLE penguins AS SELECT * FROM read_csv('${source}', header = true)`);
  await db.run(copyCsvSql("SELECT * FROM penguins WHERE sex IS NOT NULL ORDER BY row_id", target));
});
const bytes = await readFile(target);
const rows = bytes.toString("utf8").trim().split("\n").length - 1;
console.log(
  `${target}\n  sha256: ${createHash("sha256").update(bytes).digest("hex")}\n  bytes: ${bytes.length}\n  rows: ${rows}`,
);
