/** JSON-safe row: BIGINT arrives as a string, DATE/TIMESTAMP as ISO text. */
export type Row = Record<string, unknown>;

/** A DuckDB connection with the few calls Almanac needs. The only module that opens DuckDB. */
export interface Database {
  /** Runs a query and returns JSON-safe rows (BIGINT as strings). */
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a query and returns rows with native values (BIGINT as bigint). */
  allNative(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Runs a query and returns its result column by column (DOUBLE as number, VARCHAR as string,
   * NULL as null, BIGINT as bigint): far faster than row objects for large results.
   */
  columns(sql: string, params?: unknown[]): Promise<Record<string, unknown[]>>;
  /** Runs a statement for its effect. */
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): void;
}

export interface DatabaseOptions {
  /** e.g. "1GB"; DuckDB spills to disk beyond it. */
  memoryLimit?: string;
  threads?: number;
  /** Where DuckDB spills; defaults to DuckDB's own. */
  tempDirectory?: string;
}

/** Opens an in-memory DuckDB database. Close it with `close()` or use {@link withDatabase}. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const config: Record<string, string> = {};
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.threads) config.threads = String(options.threads);
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  // Imported here, not at the top: DuckDB's bindings are ~180 modules, and every CLI verb
  // would pay for them at start-up even when it never queries data.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", config);
  const connection = await instance.connect();
  return {
    async all(sql, params) {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJson() as Row[];
    },
    async allNative(sql, params) {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjects() as Row[];
    },
    async columns(sql, params) {
      const result = await connection.run(sql, params as never);
      const names = result.columnNames();
      const out: Record<string, unknown[]> = Object.fromEntries(names.map((name) => [name, []]));
      for (const chunk of await result.fetchAllChunks()) {
        names.forEach((name, c) => {
          const vector = chunk.getColumnVector(c);
          const target = out[name] as unknown[];
          for (let i = 0; i < vector.itemCount; i++) target.push(vector.getItem(i));
        });
      }
      return out;
    },
    async run(sql, params) {
      await connection.run(sql, params as never);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Opens a database, runs `work`, and always closes it. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>, options: DatabaseOptions = {}): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
