import { gzipSync } from "node:zlib";
import type { JoinedColumns } from "./assemble.ts";

/** Quotes a CSV field when it holds a comma, quote, line break or edge spaces (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : value;
}

/**
 * The committed predictions file's CSV: `row_id,target,prediction[,p_<class>…][,<sensitive>…]`,
 * one row per evaluated row in the split's order; numbers in JavaScript's shortest round-trip
 * form, missing sensitive values empty. `almanac diff` pairs two versions of it by row_id.
 */
export function predictionsCsv(joined: JoinedColumns): string {
  const sensitive = Object.keys(joined.sensitive);
  const header = [
    "row_id",
    "target",
    "prediction",
    ...joined.probabilityLabels.map((label) => `p_${label}`),
    ...sensitive,
  ];
  const lines = [header.map(csvField).join(",")];
  const labels = joined.labels;
  const asText = (value: number) => (labels ? (labels[value] as string) : String(value));
  for (let i = 0; i < joined.truth.length; i++) {
    const fields = [
      text(joined.rowIds?.[i]),
      asText(joined.truth[i] as number),
      asText(joined.prediction[i] as number),
    ];
    for (const column of joined.probabilities) fields.push(text(column[i]));
    for (const column of sensitive) {
      const coded = joined.sensitive[column];
      const code = coded?.codes[i] ?? -1;
      fields.push(text(code < 0 ? null : coded?.values[code]));
    }
    lines.push(fields.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Gzip with a fixed header (no name, mtime 0): the same predictions give the same bytes. */
export function gzipDeterministic(textContent: string): Uint8Array {
  return gzipSync(Buffer.from(textContent, "utf8"), { level: 9 });
}
