import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/** JSON-safe row: BIGINT arrives as a string, DATE/TIMESTAMP as ISO text. */
export type Row = Record<string, unknown>;

/**
 * Where {@link Database.fill} writes a result column: a typed array matching the column's SQL
 * type (INTEGER → Int32Array, DOUBLE → Float64Array, UTINYINT → Uint8Array), or an array that
 * takes VARCHAR values as strings.
 */
export type ColumnTarget = Int32Array | Float64Array | Uint8Array | Array<string | null>;

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
  /**
   * Streams a query's result into preallocated arrays, chunk by chunk: a typed column arrives in
   * one copy of each vector's data (no value is boxed, no chunk is kept), so a million rows cost
   * their typed arrays and nothing more. After each chunk `accept(from, to)` (rows written so
   * far, `to` exclusive) may return false to stop reading. Returns the rows read, which stop at
   * the arrays' length: a larger result returns length + 1. Throws on a NULL in a typed column.
   */
  fill(
    sql: string,
    targets: Readonly<Record<string, ColumnTarget>>,
    accept?: (from: number, to: number) => boolean,
  ): Promise<number>;
  /** Runs a statement for its effect. */
  run(sql: string, params?: unknown[]): Promise<void>;
  /**
   * Another connection to the same database: its queries run at the same time as this one's
   * (DuckDB schedules both on its threads). It sees the tables and views of the main schema,
   * not this connection's TEMP ones. Closing it leaves the database open.
   */
  connect(): Promise<Database>;
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
  const connections = new Set<DuckDBConnection>();
  const database = await connectTo(instance, connections, () => {
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
  });
  return database;
}

/** A connection of `instance` as a {@link Database}; `close` runs `onClose` after closing it. */
async function connectTo(
  instance: DuckDBInstance,
  connections: Set<DuckDBConnection>,
  onClose: () => void,
): Promise<Database> {
  const connection = await instance.connect();
  connections.add(connection);
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
    async fill(sql, targets, accept) {
      const result = await connection.stream(sql);
      const names = result.columnNames();
      const capacity = Math.min(...Object.values(targets).map((target) => target.length));
      let rows = 0;
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const count = chunk.rowCount;
        if (rows + count > capacity) return capacity + 1;
        names.forEach((name, c) => {
          const target = targets[name];
          if (target) copyVector(chunk.getColumnVector(c), target, rows, name);
        });
        rows += count;
        if (accept && !accept(rows - count, rows)) break;
      }
      return rows;
    },
    async run(sql, params) {
      await connection.run(sql, params as never);
    },
    connect() {
      return connectTo(instance, connections, () => {});
    },
    close() {
      if (!connections.delete(connection)) return;
      connection.closeSync();
      onClose();
    },
  };
}

/** The slice of a DuckDB vector {@link Database.fill} reads: a typed vector exposes its data as `items`. */
interface Vector {
  itemCount: number;
  items?: ArrayLike<number> & { constructor: unknown };
  getItem(index: number): unknown;
  /** node-api's validity mask (not in its typings): `data` is null when every item is valid. */
  validity?: { data?: unknown };
}

/**
 * Whether a vector has no NULL, from its validity mask without reading item by item: DuckDB
 * leaves the mask out (`data` null) when every item is valid. A mask that is there is read
 * item by item by the caller.
 */
function allValid(vector: Vector): boolean {
  return vector.validity?.data === null;
}

/** Copies one vector into `target` at `offset`: typed data in one `set`, text value by value. */
function copyVector(vector: Vector, target: ColumnTarget, offset: number, name: string): void {
  const count = vector.itemCount;
  if (Array.isArray(target)) {
    for (let i = 0; i < count; i++) target[offset + i] = vector.getItem(i) as string | null;
    return;
  }
  const items = vector.items;
  if (!items || items.constructor !== target.constructor)
    throw new Error(`column ${name}: the query's type does not match its ${target.constructor.name} target`);
  if (!allValid(vector))
    for (let i = 0; i < count; i++)
      if (vector.getItem(i) === null) throw new Error(`column ${name}: NULL in row ${offset + i} of a typed column`);
  target.set(items as never, offset);
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
