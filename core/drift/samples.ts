import type { Database } from "../data/duckdb.ts";
import { type TypeClass, typeClass } from "../data/duckdb-types.ts";
import {
  checkSniffedCsv,
  mayHoldDecimals,
  planSniffedRead,
  readSniffedCsv,
  type SniffedPlan,
  speculativeSql,
} from "../data/read-sniffed.ts";
import { manifestReadOptions } from "../data/read-types.ts";
import { createSampleSql, describeSql, materializeSampleSql, nonNullCountSql, selectSql } from "../data/sample-sql.ts";
import { type DataSource, sourceSql } from "../data/source.ts";
import { quoteIdentifier } from "../data/sql.ts";
import { usageError } from "../util/errors.ts";
import { allRowsNull } from "../util/plural.ts";

/** A column of a sample as DuckDB sees it. */
export interface SampleColumn {
  name: string;
  duckdbType: string;
  typeClass: TypeClass;
}

/** What the comparison needs to know about a sample before reading it. */
export interface SampleSchema {
  /** The DuckDB table or view name. */
  table: string;
  /** How messages name it. */
  label: string;
  columns: SampleColumn[];
  /** Reads the source into a table, when later queries would otherwise parse it again (CSV, JSON). */
  materialize?: () => Promise<void>;
  /**
   * Columns whose sniffed types are taken on trust and checked by the queries that read them
   * (see `speculate`): a query raising core/data/read-sniffed.ts's SNIFFED_TYPE_BROKEN means the
   * sample must be loaded again without speculating.
   */
  trusted?: string[];
}

/** The first line of a DuckDB error, without its class prefix. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? text).replace(/^[A-Za-z ]*Error: /, "");
}

/** Describes a query's columns (names and DuckDB types). */
export async function describeQuery(db: Database, query: string): Promise<SampleColumn[]> {
  const rows = await db.all(describeSql(query));
  return rows.map((row) => {
    const duckdbType = String(row.column_type);
    return { name: String(row.column_name), duckdbType, typeClass: typeClass(duckdbType) };
  });
}

/** How a sample's CSV columns are typed: by a dataset manifest, or by sniffing with these columns kept as text. */
export interface SampleTyping {
  manifest?: Parameters<typeof manifestReadOptions>[3];
  text?: readonly string[];
  /**
   * A sniffed CSV of integers and text: trust its sniffed types and let each query check the
   * cells it reads (one parse less; see `trusted`), for callers that retry on SNIFFED_TYPE_BROKEN.
   */
  speculate?: boolean;
}

/**
 * Puts a source into DuckDB under `table` as a view, optionally filtered. CSV columns are typed
 * by the manifest when given, else sniffed and checked over the whole file
 * (core/data/read-sniffed.ts): a sniffed CSV that may hold decimals is read into a table at once,
 * in the parse that checks it. Other CSV and JSON sources stay views that `materialize` can read
 * into a table when several scans follow. A file DuckDB cannot read is a usage error naming it.
 */
export async function loadSample(
  db: Database,
  table: string,
  source: DataSource,
  options: { where?: string[]; label?: string } & SampleTyping = {},
): Promise<SampleSchema> {
  const label = options.label ?? source.label;
  try {
    let typed = source;
    let sniffed: string[] | undefined;
    if (source.format === "csv" && !source.read && options.manifest)
      typed = { ...source, read: await manifestReadOptions(db, source.files, source.format, options.manifest) };
    else if (source.format === "csv" && !source.read) {
      const plan = await planSniffedRead(db, source.files, options.text ? { text: options.text } : {});
      // Decimal columns are scanned again after counting (sorted, binned): read the file into
      // memory once, checking it on the way. Integers and categories are counted in one scan.
      if (mayHoldDecimals(plan)) return await loadSniffedTable(db, table, plan, label, options.where);
      if (options.speculate) return await loadSpeculativeView(db, table, plan, label, options.where);
      typed = { ...source, read: await checkSniffedCsv(db, plan) };
      sniffed = plan.sniffed.map(({ name }) => name);
    }
    const query = selectSql(sourceSql(typed), { where: options.where });
    // A view: the first scan reads every column's counts at once; the source is read into a
    // table only if row-by-row scans follow (see compareSamples).
    await db.run(createSampleSql(table, query, false));
    // A sniffed CSV's types are all decided: no need to bind (and sniff) the file once more.
    const types = typed.read?.types ?? {};
    const columns = sniffed
      ? sniffed.map((name) => ({
          name,
          duckdbType: types[name] as string,
          typeClass: typeClass(types[name] as string),
        }))
      : await describeQuery(db, selectSql(quoteIdentifier(table)));
    if (source.format === "parquet") return { table, label, columns };
    return { table, label, columns, materialize: materializeOnce(db, table) };
  } catch (error) {
    throw readError(label, error);
  }
}

/** A sniffed CSV read into `<table>__rows` in one parse (core/data/read-sniffed.ts), named `table` as a view. */
async function loadSniffedTable(
  db: Database,
  table: string,
  plan: SniffedPlan,
  label: string,
  where: string[] | undefined,
): Promise<SampleSchema> {
  const rows = `${table}__rows`;
  const { columns } = await readSniffedCsv(db, rows, plan);
  await db.run(createSampleSql(table, selectSql(quoteIdentifier(rows), { columns, where }), false));
  return { table, label, columns: await describeQuery(db, selectSql(quoteIdentifier(table))) };
}

/** A sniffed CSV of integers and text as a view that checks its cells as queries read them ({@link SampleTyping.speculate}). */
async function loadSpeculativeView(
  db: Database,
  table: string,
  plan: SniffedPlan,
  label: string,
  where: string[] | undefined,
): Promise<SampleSchema> {
  const { sql, types } = speculativeSql(plan);
  await db.run(createSampleSql(table, selectSql(`(${sql})`, { where }), false));
  const columns = plan.sniffed.map(({ name }) => {
    const duckdbType = types[name] as string;
    return { name, duckdbType, typeClass: typeClass(duckdbType) };
  });
  return {
    table,
    label,
    columns,
    materialize: materializeOnce(db, table),
    trusted: plan.candidates.map(({ name }) => name),
  };
}

/** {@link SampleSchema.materialize} for a sample view: reads it into `<table>__rows` on the first call only. */
function materializeOnce(db: Database, table: string): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    for (const statement of materializeSampleSql(table)) await db.run(statement);
  };
}

/** A read failure for people: remote files that need DuckDB's httpfs, or a malformed file. */
function readError(label: string, error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  if (/httpfs/i.test(text))
    return usageError(
      `cannot read ${label}: remote files need DuckDB's httpfs extension, which DuckDB could not install here`,
      "run where DuckDB can download extensions once (e.g. in CI), or copy the file locally and pass its path",
    );
  return usageError(
    `cannot read ${label}: ${firstLine(error)}`,
    "check that the file is well-formed and of the format its name says",
  );
}

/** Names a query already in the database (e.g. a split table) as a sample view. */
export async function viewSample(db: Database, table: string, query: string, label: string): Promise<SampleSchema> {
  const columns = await describeQuery(db, query);
  await db.run(createSampleSql(table, query, false));
  return { table, label, columns };
}

/**
 * Throws the "no values" finding when a column is entirely null on a side. Used before a type
 * comparison: a CSV column with no value at all is read as text, which would otherwise be
 * reported as a type change.
 */
export async function requireValues(db: Database, column: string, samples: readonly SampleSchema[]): Promise<void> {
  for (const [i, sample] of samples.entries()) {
    const [row] = await db.all(nonNullCountSql(sample.table, column));
    const side = i === 0 ? "reference" : "current";
    if (Number(row?.rows) === 0)
      throw usageError(
        `the ${side} sample is empty (${sample.label}): there is nothing to compare`,
        side === "current" ? "check the path, glob or time window of the current data" : "check the reference data",
      );
    if (Number(row?.n) === 0)
      throw usageError(
        `column "${column}" has no values in the ${i === 0 ? "reference" : "current"} sample (${sample.label}): ${allRowsNull(Number(row?.rows))}`,
        "a drift test needs values on both sides; leave the column out (--columns) or fix the data",
      );
  }
}
