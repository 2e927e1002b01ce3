/** What a DuckDB column type is, for choosing statistics: numbers, text, booleans, dates or other. */
export type TypeClass = "integer" | "number" | "boolean" | "text" | "temporal" | "other";

const INTEGER_TYPES = new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "HUGEINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
  "UHUGEINT",
]);

/**
 * Classifies a DuckDB type name (as `DESCRIBE` prints it).
 * Example: `typeClass("DECIMAL(8,2)")` → "number"; `typeClass("TIMESTAMP WITH TIME ZONE")` → "temporal".
 */
export function typeClass(duckdbType: string): TypeClass {
  const type = duckdbType.toUpperCase();
  if (INTEGER_TYPES.has(type)) return "integer";
  if (type === "FLOAT" || type === "DOUBLE" || type.startsWith("DECIMAL")) return "number";
  if (type === "BOOLEAN") return "boolean";
  if (type === "VARCHAR" || type.startsWith("ENUM")) return "text";
  if (type.startsWith("DATE") || type.startsWith("TIME") || type.startsWith("INTERVAL")) return "temporal";
  return "other";
}

/** Whether two type classes hold comparable values (integers and decimals are both numbers). */
export function sameKindOfValues(a: TypeClass, b: TypeClass): boolean {
  const numeric = (c: TypeClass) => c === "integer" || c === "number";
  return a === b || (numeric(a) && numeric(b));
}

/**
 * A DOUBLE literal that DuckDB parses back to exactly this value: the shortest round-trip
 * digits with an exponent (a plain `0.1` would be read as DECIMAL).
 * Example: `doubleLiteral(0.1)` → "1e-1"; `doubleLiteral(-2.5)` → "(-2.5e0)".
 */
export function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  const text = `${mantissa}e${Number(exponent)}`;
  return value < 0 || Object.is(value, -0) ? `(${text})` : text;
}
