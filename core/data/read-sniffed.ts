import type { Database } from "./duckdb.ts";
import {
  CHECKED_TYPES,
  checkedType,
  inferredTypes,
  leadingZeroSql,
  SNIFF_SAMPLE_ROWS,
  typeCheckSql,
} from "./read-types.ts";
import { quoteIdentifier, type ReadOptions, readSourceSql } from "./sql.ts";

/**
 * Reading a CSV that no manifest describes, in one parse. DuckDB sniffs the types from a
 * sample; then one scan reads the whole file into a table, every checked column (numbers, and
 * text the sample shows may be numbers) read as text and cast in the same scan to its sniffed
 * type, with each cell classed on the way (null, text, number, whole number). The classes decide
 * each column's type exactly as a separate check of every cell would (see read-types.ts): when a
 * column keeps its sniffed type, which is nearly always, the table is the sample; when one does
 * not (a word or a decimal far down a column of numbers, a `007` code), the file is read once
 * more with the types decided.
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
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS SELECT ${[...values, ...classes].join(", ")} FROM ${source}`;
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

/**
 * Reads a CSV no manifest describes into the temp table `table` in one parse (see above), the
 * `text` columns (labels, keys the caller knows of) and booleans as text. Returns the file's
 * columns (the table holds the cell classes after them) and the types they were read with.
 */
export async function readSniffedCsv(
  db: Database,
  table: string,
  files: readonly string[],
  options: { text?: readonly string[]; nullTokens?: readonly string[] } = {},
): Promise<{ columns: string[]; read: ReadOptions }> {
  const tokens = options.nullTokens?.length ? { nullTokens: options.nullTokens } : {};
  const sniffed = await sniff(db, files, tokens);
  const text = new Set(options.text ?? []);
  const stays = await textInSample(
    db,
    files,
    tokens,
    sniffed.filter(({ name, type }) => type === "VARCHAR" && !text.has(name)),
  );
  const candidates = sniffed.filter(({ name, type }) => CHECKED_TYPES.has(type) && !text.has(name) && !stays.has(name));
  const checked = new Map(candidates.map(({ name }, i) => [name, i]));
  const asText = new Set([...text, ...stays, ...checked.keys()]);
  const readTypes = Object.fromEntries(
    sniffed.map(({ name, type }) => [name, asText.has(name) || type === "BOOLEAN" ? "VARCHAR" : type]),
  );
  await db.run(readOnceSql(table, readSourceSql(files, "csv", { types: readTypes, ...tokens }), sniffed, checked));
  const decided = new Map<string, string>([...stays].map((name) => [name, "VARCHAR"]));
  if (candidates.length > 0) {
    const [counts = {}] = await db.all(classCountsSql(table, candidates.length));
    candidates.forEach(({ name, type }, i) => {
      const count = (key: string) => Number(counts[`${key}${i}`] ?? 0);
      decided.set(name, checkedType(type, { n: count("n"), m: count("m"), w: count("w") }));
    });
  }
  const types = inferredTypes(sniffed, text, decided);
  const read = { types, ...tokens };
  const columns = sniffed.map(({ name }) => name);
  if (candidates.some(({ name, type }) => types[name] !== type)) {
    const select = columns.map(quoteIdentifier).join(", ");
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS SELECT ${select} FROM ${readSourceSql(files, "csv", read)}`,
    );
  }
  return { columns, read };
}
