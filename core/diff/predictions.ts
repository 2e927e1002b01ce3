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
  const { header, columns } = text.includes('"') ? quotedColumns(text) : plainColumns(text);
  if (!header) throw new Error("the file is empty");
  for (const name of REQUIRED) {
    if (!header.includes(name)) throw new Error(`column '${name}' is missing (columns: ${header.join(", ")})`);
  }
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

/** Columns of CSV without quotes, field by field straight into column arrays (no row arrays). */
function plainColumns(text: string): { header: string[] | undefined; columns: string[][] } {
  const normalised = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  const firstEnd = normalised.indexOf("\n");
  const headerLine = firstEnd === -1 ? normalised : normalised.slice(0, firstEnd);
  if (headerLine === "") return { header: undefined, columns: [] };
  const header = headerLine.split(",");
  const columns = header.map(() => [] as string[]);
  const width = header.length;
  let position = firstEnd === -1 ? normalised.length : firstEnd + 1;
  let row = 2;
  while (position < normalised.length) {
    let end = normalised.indexOf("\n", position);
    if (end === -1) end = normalised.length;
    if (end > position) {
      let start = position;
      for (let c = 0; c < width; c++) {
        const next = normalised.indexOf(",", start);
        const last = c === width - 1;
        const comma = last ? end : next;
        if (last && next !== -1 && next < end) throw new Error(`row ${row} has more than ${width} fields`);
        if (comma === -1 || comma > end) throw new Error(`row ${row} has ${c + 1} fields, the header ${width}`);
        (columns[c] as string[]).push(normalised.slice(start, comma));
        start = comma + 1;
      }
    }
    position = end + 1;
    row++;
  }
  return { header, columns };
}

/** Columns of CSV with quoted fields (RFC 4180). */
function quotedColumns(text: string): { header: string[] | undefined; columns: string[][] } {
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) return { header: undefined, columns: [] };
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
  return { header, columns };
}

function toNumbers(cells: readonly string[]): Float64Array {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = cells[i] === "" ? Number.NaN : Number(cells[i]);
  return out;
}

/** Splits quoted CSV text into rows of fields. */
function parseCsv(text: string): string[][] {
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
