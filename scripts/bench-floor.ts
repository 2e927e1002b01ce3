/**
 * The floor of raw-data drift on CSV files: a Node process that opens DuckDB and parses each
 * file once, every column with its sniffed type, doing nothing with the values but counting them.
 * scripts/bench-peers.ts times it beside Almanac and the peer; Almanac cannot read the same files
 * faster than this. Prints the rows read per file.
 *
 * Run: node scripts/bench-floor.ts <file.csv> [<file.csv> ...]
 */
import { withDatabase } from "../core/data/duckdb.ts";
import { quoteIdentifier, readSourceSql } from "../core/data/sql.ts";

const files = process.argv.slice(2);
await withDatabase(async (db) => {
  for (const file of files) {
    const source = readSourceSql([file], "csv");
    const columns = (await db.all(`DESCRIBE SELECT * FROM ${source}`)).map((row) => String(row.column_name));
    const counts = columns.map((name) => `count(${quoteIdentifier(name)})`).join(", ");
    const [row] = await db.all(`SELECT count(*) AS rows, ${counts} FROM ${source}`);
    console.log(`${file}: ${row?.rows} rows`);
  }
});
