import type { Database } from "../data/duckdb.ts";
import { quoteIdentifier } from "../data/sql.ts";

/** Bits of DuckDB's 64-bit `hash()` kept, so each hash is an exact DOUBLE. */
const HASH_BITS = 53;

/**
 * Whether a table's `row_id` may be missing or repeated, screened in 8 bytes a row instead of
 * DuckDB's hash table (≈ 40 bytes a row, kept resident afterwards): each key's hash (53 bits, as
 * doubles) is streamed into a typed array and sorted in place. Equal keys have equal hashes, so
 * no two equal hashes proves every key distinct; equal hashes (a repeated key, or two keys whose
 * hashes collide, about n² / 2⁵⁴) or a missing key answer true, for the exact query to name them.
 */
export async function mayHaveBadKeys(db: Database, table: string, rows: number): Promise<boolean> {
  const source = quoteIdentifier(table);
  const [counts] = await db.all(`SELECT count(*) - count(row_id) AS missing FROM ${source}`);
  if (Number(counts?.missing) > 0) return true;
  const hashes = new Float64Array(rows);
  const read = await db.fill(`SELECT (hash(row_id) >> ${64 - HASH_BITS})::DOUBLE AS h FROM ${source}`, { h: hashes });
  if (read !== rows) return true;
  hashes.sort();
  for (let i = 1; i < rows; i++) if (hashes[i] === hashes[i - 1]) return true;
  return false;
}
