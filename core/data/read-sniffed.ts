import type { Database, Row } from "./duckdb.ts";
import {
  CHECKED_TYPES,
  checkedType,
  inferredTypes,
  leadingZeroSql,
  SNIFF_SAMPLE_ROWS,
  typeCheckSql,
} from "./read-types.ts";
import { quoteIdentifier, quoteLiteral, type ReadOptions, readSourceSql } from "./sql.ts";

/**
 * Reading a CSV that no manifest describes. DuckDB sniffs the types from a sample; then every
 * cell of the checked columns (numbers, and text the sample shows may be numbers) is classed
 * (null, text, number, whole number), and the classes decide each column's type (see
 * read-types.ts). Either in one scan that reads the whole file into a table, each checked column
 * read as text and cast in the same scan to its sniffed type ({@link readSniffedCsv}: when a
 * column keeps its sniffed type, which is nearly always, the table is the sample; when one does
 * not, a word or a decimal far down a column of numbers, a `007` code, the file is read once more
 * with the types decided), or in one scan of the file as text that keeps nothing
 * ({@link checkSniffedCsv}), for files that later queries parse anyway.
 */

/** A column as DuckDB's sniffer typed it. */
export interface SniffedColumn {
  name: string;
  type: string;
}

/** Where the class of a checked column's cells is kept during the read (quoted; not a name a data file uses). */
export function classColumn(index: number): string {
  return quoteIdentifier(`almanac:class:${index}`);
}

/**
 * A checked cell's class: NULL when empty, 0 text (not a number, or a code like `007`), 1 a
 * number, 2 a whole number (columns sniffed as BIGINT only: TRY_CAST rounds 1.5 to 2 as BIGINT,
 * so a whole number is one whose DOUBLE equals its BIGINT). Pure.
 */
export function cellClassSql(identifier: string, type: string): string {
  const whole =
    type === "BIGINT" ? `WHEN TRY_CAST(${identifier} AS DOUBLE) = TRY_CAST(${identifier} AS BIGINT) THEN 2 ` : "";
  return `CASE WHEN ${identifier} IS NULL THEN NULL WHEN TRY_CAST(${identifier} AS DOUBLE) IS NULL OR ${leadingZeroSql(identifier)} THEN 0 ${whole}ELSE 1 END::UTINYINT`;
}

/**
 * The single scan: every column in file order (checked ones cast from their text to the sniffed
 * type; a cell that does not fit becomes NULL, its class says so), then one class column per
 * checked column. `source` reads the checked columns as VARCHAR. Pure.
 */
export function readOnceSql(
  table: string,
  source: string,
  sniffed: readonly SniffedColumn[],
  checked: ReadonlyMap<string, number>,
): string {
  const values = sniffed.map(({ name, type }) => {
    const identifier = quoteIdentifier(name);
    return checked.has(name) && type !== "VARCHAR" ? `TRY_CAST(${identifier} AS ${type}) AS ${identifier}` : identifier;
  });
  const classes = sniffed.flatMap(({ name, type }) => {
    const index = checked.get(name);
    return index === undefined ? [] : [`${cellClassSql(quoteIdentifier(name), type)} AS ${classColumn(index)}`];
  });
  return `CREATE OR REPLACE TABLE ${quoteIdentifier(table)} AS SELECT ${[...values, ...classes].join(", ")} FROM ${source}`;
}

/** Per checked column, its non-null cells `n<i>`, number cells `m<i>` and whole-number cells `w<i>`, from the classes. Pure. */
export function classCountsSql(table: string, count: number): string {
  const select = Array.from({ length: count }, (_, i) => {
    const cell = classColumn(i);
    return `count(${cell}) AS n${i}, count(*) FILTER (WHERE ${cell} >= 1) AS m${i}, count(*) FILTER (WHERE ${cell} = 2) AS w${i}`;
  });
  return `SELECT ${select.join(", ")} FROM ${quoteIdentifier(table)}`;
}

/** The sniffer's column names and types. */
async function sniff(db: Database, files: readonly string[], tokens: ReadOptions): Promise<SniffedColumn[]> {
  const rows = await db.all(`DESCRIBE SELECT * FROM ${readSourceSql(files, "csv", tokens)}`);
  return rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/**
 * Sniffed text columns whose sample is not all numbers: text, decided without reading further
 * (only numbers, and text that may be numbers apart from ±inf and NaN, are checked over the whole file).
 */
async function textInSample(
  db: Database,
  files: readonly string[],
  tokens: ReadOptions,
  texts: readonly SniffedColumn[],
): Promise<Set<string>> {
  if (texts.length === 0) return new Set();
  const source = readSourceSql(files, "csv", { allVarchar: true, ...tokens });
  const [sample = {}] = await db.all(typeCheckSql(`(SELECT * FROM ${source} LIMIT ${SNIFF_SAMPLE_ROWS})`, texts));
  return new Set(texts.flatMap(({ name }, i) => (Number(sample[`m${i}`]) !== Number(sample[`n${i}`]) ? [name] : [])));
}

/** What sniffing and the sample decided before the whole file is read. */
export interface SniffedPlan {
  files: readonly string[];
  sniffed: SniffedColumn[];
  /** Columns the caller reads as text. */
  text: ReadonlySet<string>;
  /** Text columns whose sample is not all numbers: text. */
  stays: ReadonlySet<string>;
  /** Columns whose every cell is checked (numbers, and text that may be numbers). */
  candidates: SniffedColumn[];
  tokens: ReadOptions;
}

/** Sniffs a CSV no manifest describes and looks at the sample of its text columns. */
export async function planSniffedRead(
  db: Database,
  files: readonly string[],
  options: { text?: readonly string[]; nullTokens?: readonly string[] } = {},
): Promise<SniffedPlan> {
  const tokens = options.nullTokens?.length ? { nullTokens: options.nullTokens } : {};
  const sniffed = await sniff(db, files, tokens);
  const text = new Set(options.text ?? []);
  const texts = sniffed.filter(({ name, type }) => type === "VARCHAR" && !text.has(name));
  const stays = await textInSample(db, files, tokens, texts);
  const candidates = sniffed.filter(({ name, type }) => CHECKED_TYPES.has(type) && !text.has(name) && !stays.has(name));
  return { files, sniffed, text, stays, candidates, tokens };
}

/** The types a plan's columns are read with once every checked column's cells are counted (`counts` row: n/m/w per candidate). */
function decidedTypes(plan: SniffedPlan, counts: Row): Record<string, string> {
  const decided = new Map<string, string>([...plan.stays].map((name) => [name, "VARCHAR"]));
  plan.candidates.forEach(({ name, type }, i) => {
    const count = (key: string) => Number(counts[`${key}${i}`] ?? 0);
    decided.set(name, checkedType(type, { n: count("n"), m: count("m"), w: count("w") }));
  });
  return inferredTypes(plan.sniffed, plan.text, decided);
}

/**
 * Whether a plan may hold a non-integer number column (sniffed DOUBLE, or text that may be
 * numbers): drift then scans such columns row by row after counting, so the file is worth
 * reading into memory at once ({@link readSniffedCsv}) rather than checked and then parsed on
 * every scan ({@link checkSniffedCsv}).
 */
export function mayHoldDecimals(plan: SniffedPlan): boolean {
  return plan.candidates.some(({ type }) => type !== "BIGINT");
}

/**
 * Checks every cell of the plan's checked columns in one scan of the file as text, and returns
 * the types to read it with (nothing is kept: each later read parses the file again).
 */
export async function checkSniffedCsv(db: Database, plan: SniffedPlan): Promise<ReadOptions> {
  const source = readSourceSql(plan.files, "csv", { allVarchar: true, ...plan.tokens });
  const [counts = {}] = plan.candidates.length > 0 ? await db.all(typeCheckSql(source, plan.candidates)) : [];
  return { types: decidedTypes(plan, counts), ...plan.tokens };
}

/** The text of the error a {@link speculativeSql} read raises at a cell that does not fit its column's sniffed type. */
export const SNIFFED_TYPE_BROKEN = "almanac: a cell does not fit its column's sniffed type";

/** Whether an error (or a message quoting it) is a {@link speculativeSql} read finding a cell that does not fit. */
export function isSniffedTypeBroken(error: unknown): boolean {
  return (error instanceof Error ? error.message : String(error)).includes(SNIFFED_TYPE_BROKEN);
}

/**
 * A read of a plan whose checked columns are all sniffed BIGINT (see {@link mayHoldDecimals})
 * that takes the sniffed types on trust and checks them as it goes, so the file need not be
 * scanned once to check and again to count: each checked column is read as text and cast to
 * BIGINT, and a cell that is not a whole number without a leading zero raises
 * {@link SNIFFED_TYPE_BROKEN}, on which the caller reads the file the checked way
 * ({@link checkSniffedCsv}). Only the cells a query reads are checked. Returns the SELECT and the
 * types it gives. Pure.
 */
export function speculativeSql(plan: SniffedPlan): { sql: string; types: Record<string, string> } {
  const checked = new Set(plan.candidates.map(({ name }) => name));
  const readTypes = Object.fromEntries(
    plan.sniffed.map(({ name, type }) => [
      name,
      checked.has(name) || plan.text.has(name) || plan.stays.has(name) || type === "BOOLEAN" ? "VARCHAR" : type,
    ]),
  );
  const select = plan.sniffed.map(({ name }) => {
    const x = quoteIdentifier(name);
    if (!checked.has(name)) return x;
    const fits = `TRY_CAST(${x} AS DOUBLE) = TRY_CAST(${x} AS BIGINT) AND NOT (${leadingZeroSql(x)})`;
    return `CASE WHEN ${x} IS NULL THEN NULL WHEN ${fits} THEN TRY_CAST(${x} AS BIGINT) ELSE error(${quoteLiteral(SNIFFED_TYPE_BROKEN)}) END AS ${x}`;
  });
  const source = readSourceSql(plan.files, "csv", { types: readTypes, ...plan.tokens });
  return {
    sql: `SELECT ${select.join(", ")} FROM ${source}`,
    types: inferredTypes(plan.sniffed, plan.text, new Map([...plan.stays].map((name) => [name, "VARCHAR"]))),
  };
}

/**
 * Reads a CSV no manifest describes into the table `table` (main schema, see sample-sql.ts) in one parse (see above), the
 * `text` columns (labels, keys the caller knows of) and booleans as text. Returns the file's
 * columns (the table holds the cell classes after them) and the types they were read with.
 */
export async function readSniffedCsv(
  db: Database,
  table: string,
  plan: SniffedPlan,
): Promise<{ columns: string[]; read: ReadOptions }> {
  const { files, sniffed, candidates, tokens } = plan;
  const checked = new Map(candidates.map(({ name }, i) => [name, i]));
  const asText = new Set([...plan.text, ...plan.stays, ...checked.keys()]);
  const readTypes = Object.fromEntries(
    sniffed.map(({ name, type }) => [name, asText.has(name) || type === "BOOLEAN" ? "VARCHAR" : type]),
  );
  await db.run(readOnceSql(table, readSourceSql(files, "csv", { types: readTypes, ...tokens }), sniffed, checked));
  const [counts = {}] = candidates.length > 0 ? await db.all(classCountsSql(table, candidates.length)) : [];
  const types = decidedTypes(plan, counts);
  const read = { types, ...tokens };
  const columns = sniffed.map(({ name }) => name);
  if (candidates.some(({ name, type }) => types[name] !== type)) {
    const select = columns.map(quoteIdentifier).join(", ");
    await db.run(
      `CREATE OR REPLACE TABLE ${quoteIdentifier(table)} AS SELECT ${select} FROM ${readSourceSql(files, "csv", read)}`,
    );
  }
  return { columns, read };
}
