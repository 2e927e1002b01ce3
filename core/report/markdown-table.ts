/** Column alignment of a Markdown table. */
export type Align = "left" | "right";

/**
 * A GitHub-flavoured Markdown table. Cells must already be escaped for Markdown (see
 * escape.ts); a `|` left in a cell would split it, so any remaining one is escaped here. Pure.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const cell = (text: string) => text.replace(/(?<!\\)\|/g, "\\|").replace(/\n/g, " ");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${header.map((_, c) => (align[c] === "right" ? "---:" : "---")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
