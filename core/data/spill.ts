import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseOptions } from "./duckdb.ts";

/**
 * DuckDB options for a memory limit: past it DuckDB spills to disk, here to the system's temp
 * folder (DuckDB's default, `.tmp` in the working directory, would land in the repository).
 * No limit: DuckDB's defaults.
 */
export function databaseOptions(memoryLimit: string | undefined): DatabaseOptions {
  if (!memoryLimit) return {};
  return { memoryLimit, tempDirectory: join(tmpdir(), `almanac-duckdb-${process.pid}`) };
}
