import { sanitizeMarkdown } from "./comment-body.ts";

/** One Markdown table cell: pipes escaped, newlines flattened. */
export function tableCell(value: unknown): string {
  return String(value ?? "")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

/** A number for tables: 4 significant digits, "—" when absent. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A Markdown table; every cell escaped (pipes, newlines), HTML and mentions neutralised. */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const line = (cells: readonly unknown[]) => `| ${cells.map((cell) => tableCell(cell)).join(" | ")} |`;
  const table = [line(headers), `|${headers.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
  return sanitizeMarkdown(table);
}

/** Every kind of line break, flattened to a space so a value stays on its line. */
const LINE_BREAK = /\r\n?|[\n\v\f\u0085\u2028\u2029]/g;

/**
 * A data-derived string (a column name, a file path) as inline code that nothing inside can break
 * out of: line breaks flattened, a fence longer than any backtick run, `|` escaped so a table cell
 * keeps its place (GFM splits cells before code spans), and an empty value shown as a visible space.
 */
export function safeCode(value: unknown): string {
  const flat = String(value ?? "").replace(LINE_BREAK, " ");
  return inlineCode(flat === "" ? " " : flat).replace(/\|/g, "\\|");
}

/** Inline code that survives any backticks inside the value. */
export function inlineCode(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}
