import { createReadStream } from "node:fs";
import { pipeline, type Readable } from "node:stream";
import { createGunzip, createZstdDecompress } from "node:zlib";

/** The header must fit in this many bytes; a longer first line is almost surely not a CSV header. */
const MAX_HEADER_BYTES = 1 << 20;
const READ_BYTES = 64 * 1024;

/** The CSV dialect Almanac reads: RFC 4180 with `"` quotes, comma (or tab for .tsv) delimited. */
export interface CsvDialect {
  delimiter: "," | "\t";
}

/** The delimiter a CSV path implies: tab for `.tsv`, else comma. */
export function dialectFromPath(path: string): CsvDialect {
  return { delimiter: /\.tsv(\.(gz|zst))?$/i.test(path) ? "\t" : "," };
}

/**
 * Parses the first record of CSV text (RFC 4180: quoted fields, doubled quotes). Returns
 * undefined when the text ends before the record does (an unclosed quote, or no newline and
 * `complete` is false). A leading UTF-8 BOM is ignored. Pure.
 */
export function parseCsvHeader(text: string, dialect: CsvDialect, complete: boolean): string[] | undefined {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === dialect.delimiter) {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      fields.push(field);
      return fields;
    } else field += char;
  }
  if (quoted || !complete) return undefined;
  fields.push(field);
  return fields;
}

/** A readable stream of the file's text bytes, decompressed for `.gz` and `.zst`. */
function openText(path: string): { stream: Readable; close: () => void } {
  const raw = createReadStream(path, { highWaterMark: READ_BYTES });
  const decompress = /\.gz$/i.test(path) ? createGunzip() : /\.zst$/i.test(path) ? createZstdDecompress() : undefined;
  const stream = decompress ? pipeline(raw, decompress, () => {}) : raw;
  return {
    stream,
    close: () => {
      stream.destroy();
      raw.destroy();
    },
  };
}

/**
 * Reads the header names of a CSV file (plain, .gz or .zst) without reading the rest: [] for
 * an empty file, undefined when no header record ends within the first MiB.
 */
export async function readCsvHeader(path: string, dialect: CsvDialect): Promise<string[] | undefined> {
  const { stream, close } = openText(path);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      const header = parseCsvHeader(Buffer.concat(chunks).toString("utf8"), dialect, false);
      if (header) return header;
      if (total >= MAX_HEADER_BYTES) return undefined;
    }
  } finally {
    close();
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.trim() === "" ? [] : parseCsvHeader(text, dialect, true);
}
