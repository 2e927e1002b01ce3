import type { DataFormat } from "../schemas/common.ts";
import { quoteIdentifier, quoteLiteral } from "./sql.ts";

/** Name of the row key column `almanac new dataset --add-row-id` prepends. */
export const ROW_ID_COLUMN = "row_id";

const COPY_OPTIONS: Record<DataFormat, string> = {
  csv: "FORMAT csv, HEADER true",
  parquet: "FORMAT parquet",
  json: "FORMAT json, ARRAY true",
  ndjson: "FORMAT json",
};

/**
 * Copies a source to `target` in the same format with a 1-based `row_id` first, in file
 * order (a streaming window keeps the order). Pure.
 */
export function addRowIdSql(source: string, target: string, format: DataFormat): string {
  const select = `SELECT row_number() OVER () AS ${quoteIdentifier(ROW_ID_COLUMN)}, * FROM ${source}`;
  return `COPY (${select}) TO ${quoteLiteral(target)} (${COPY_OPTIONS[format]})`;
}
