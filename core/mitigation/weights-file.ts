import { writeFile } from "node:fs/promises";
import type { Database } from "../data/duckdb.ts";
import { quoteIdentifier } from "../data/sql.ts";
import { NULL_GROUP } from "../metrics/fairness/groups.ts";
import type { FairnessConfig } from "../schemas/model-card.ts";
import { TRAIN_TABLE } from "../train/split.ts";
import { type ReweighingCell, reweigh } from "./reweighing.ts";

/** The SQL that reads each training row's key, group and class as text, in split order. Pure. */
export function trainGroupsSql(column: string, target: string): string {
  return [
    `SELECT row_id, COALESCE(CAST(${quoteIdentifier(column)} AS VARCHAR), '${NULL_GROUP}') AS grp,`,
    `CAST(${quoteIdentifier(target)} AS VARCHAR) AS label`,
    `FROM ${TRAIN_TABLE} ORDER BY almanac_ord`,
  ].join(" ");
}

/**
 * Computes the card's mitigation weights on the prepared training split and writes them where
 * the training command reads them (ALMANAC_WEIGHTS): CSV `row_id,weight`, one line per training
 * row in the order of ALMANAC_TRAIN, weights in JavaScript's shortest round-trip form. Returns
 * the (group, class) cells for the evaluation record.
 */
export async function writeWeightsFile(
  db: Database,
  fairness: FairnessConfig,
  target: string,
  path: string,
): Promise<ReweighingCell[]> {
  const rows = await db.columns(trainGroupsSql(fairness.column, target));
  const ids = rows.row_id as string[];
  const { weights, cells } = reweigh(rows.grp as string[], rows.label as string[]);
  const lines = ids.map((id, i) => `${csvField(id)},${weights[i]}`);
  await writeFile(path, `row_id,weight\n${lines.join("\n")}${lines.length ? "\n" : ""}`);
  return cells;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
