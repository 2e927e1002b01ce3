import { gunzipSync } from "node:zlib";

/** A predictions file (`row_id,target,prediction[,p_<class>…]` plus sensitive columns) as columns. */
export interface PredictionTable {
  /** Column names in file order. */
  columns: string[];
  rowIds: string[];
  target: string[];
  prediction: string[];
  /** `p_<class>` columns by class label. */
  probabilities: Map<string, Float64Array>;
  /** Every other column (sensitive attributes), as text. */
  extra: Map<string, string[]>;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const REQUIRED = ["row_id", "target", "prediction"] as const;
const PROBABILITY_PREFIX = "p_";

/** The text of a predictions file: gunzipped when it starts with the gzip magic bytes. */
export function decodePredictions(bytes: Uint8Array): string {
  const gzipped = bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
  return (gzipped ? gunzipSync(bytes) : Buffer.from(bytes)).toString("utf8");
}

/**
 * Parses predictions CSV (RFC 4180: quoted fields, doubled quotes, CRLF) into columns.
 * Throws an Error naming the problem (missing column, ragged row) for callers to report.
 * O(characters). Pure.
 */
export function parsePredictionsCsv(text: string): PredictionTable {
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) throw new Error("the file is empty");
  for (const name of REQUIRED) {
    if (!header.includes(name)) throw new Error(`column '${name}' is missing (columns: ${header.join(", ")})`);
  }
  const columns = header.map(() => [] as string[]);
  rows.forEach((row, index) => {
    if (row.length === 1 && row[0] === "") return;
    if (row.length !== header.length) {
      throw new Error(`row ${index + 2} has ${row.length} fields, the header ${header.length}`);
    }
    row.forEach((cell, c) => {
      (columns[c] as string[]).push(cell);
    });
  });
  const column = (name: string) => columns[header.indexOf(name)] as string[];
  const probabilities = new Map<string, Float64Array>();
  const extra = new Map<string, string[]>();
  for (const name of header) {
    if ((REQUIRED as readonly string[]).includes(name)) continue;
    if (name.startsWith(PROBABILITY_PREFIX))
      probabilities.set(name.slice(PROBABILITY_PREFIX.length), toNumbers(column(name)));
    else extra.set(name, column(name));
  }
  return {
    columns: header,
    rowIds: column("row_id"),
    target: column("target"),
    prediction: column("prediction"),
    probabilities,
    extra,
  };
}

function toNumbers(cells: readonly string[]): Float64Array {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = cells[i] === "" ? Number.NaN : Number(cells[i]);
  return out;
}

/** Splits CSV text into rows of fields. A fast path for lines without quotes. */
function parseCsv(text: string): string[][] {
  if (!text.includes('"')) {
    const lines = text.replace(/\r\n/g, "\n").split("\n");
    if (lines.at(-1) === "") lines.pop();
    return lines.map((line) => line.split(","));
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
