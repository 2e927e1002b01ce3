import { checkSourceSql, describeSql } from "../data/check-sql.ts";
import { dialectFromPath, readCsvHeader } from "../data/csv-header.ts";
import type { Database } from "../data/duckdb.ts";
import { summarizeReadError } from "../data/duckdb-errors.ts";
import { distinctValuesSql, profileAlias, profileSql } from "../data/infer-sql.ts";
import type { DataFormat } from "../schemas/common.ts";
import { AlmanacError, usageError } from "../util/errors.ts";
import { columnProfile, type InferredColumn, inferColumn, inferType, numericButTokens } from "./infer-columns.ts";

/** The schema `almanac new dataset` infers from a file. */
export interface InferredDataset {
  rows: number;
  columns: InferredColumn[];
  /** Distinct non-null values per column. */
  distinct: Map<string, number>;
  /** Columns that are numbers except for texts that look like missing values (e.g. n/a, ?), with those texts. */
  numericButTokens: Array<{ column: string; tokens: string[] }>;
}

/** The file's columns and how it stores them, read the same strict way `almanac validate` reads it. */
export async function readColumns(db: Database, path: string, format: DataFormat, nullTokens?: readonly string[]) {
  if (format === "csv") {
    const dialect = dialectFromPath(path);
    const header = await readCsvHeader(path, dialect);
    if (!header || header.length === 0)
      throw new Error("no header line: the file is empty or its first line is not a CSV header");
    const duplicate = header.find((name, index) => name === "" || header.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`the header has an empty or repeated column name "${duplicate}"`);
    return {
      source: checkSourceSql(path, format, { header, dialect, nullTokens }),
      columns: header.map((name) => ({ name, sourceType: "VARCHAR" })),
    };
  }
  const source = checkSourceSql(path, format);
  const described = await db.all(describeSql(source));
  return {
    source,
    columns: described.map((row) => ({ name: String(row.column_name), sourceType: String(row.column_type) })),
  };
}

/**
 * Infers a dataset's columns the way TFDV infers a schema, in one profiling scan (plus one
 * for the values of category columns): types, nullability, ranges, uniqueness, categories
 * and id roles. A file DuckDB cannot read is a usage error naming it.
 */
export async function inferDataset(
  db: Database,
  path: string,
  displayPath: string,
  format: DataFormat,
  nullTokens?: readonly string[],
): Promise<InferredDataset> {
  try {
    const { source, columns } = await readColumns(db, path, format, nullTokens);
    const [row = {}] = await db.all(profileSql(source, columns));
    const profiles = columns.map((column, index) => columnProfile(row, index, column.name, column.sourceType));
    const categories = profiles.flatMap((profile, index) =>
      inferType(profile) === "category" ? [{ index, name: profile.name }] : [],
    );
    const [values = {}] = categories.length > 0 ? await db.all(distinctValuesSql(source, categories)) : [];
    return {
      rows: Number(row.rows ?? 0),
      distinct: new Map(profiles.map((profile) => [profile.name, profile.distinct])),
      numericButTokens: profiles.flatMap((profile) => {
        const tokens = numericButTokens(profile);
        return tokens ? [{ column: profile.name, tokens }] : [];
      }),
      columns: profiles.map((profile, index) =>
        inferColumn(profile, values[profileAlias(index, "values")] as unknown[] | undefined),
      ),
    };
  } catch (error) {
    throw readError(displayPath, format, error);
  }
}

/** A usage error naming a file DuckDB cannot read, with DuckDB's message trimmed to one line. */
export function readError(displayPath: string, format: DataFormat, error: unknown): AlmanacError {
  if (error instanceof AlmanacError) return error;
  const problem = summarizeReadError(error instanceof Error ? error.message : String(error));
  return usageError(
    `${displayPath} cannot be read as ${format}: ${problem.message}`,
    "fix the file, or pass --format if its extension is misleading",
  );
}
