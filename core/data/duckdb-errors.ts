/** A DuckDB read error boiled down to what a person needs: what is wrong, and where. */
export interface ReadProblem {
  /** One line, e.g. `line 7: expected 8 columns, found 9 (a ragged row)`. */
  message: string;
  /** 1-based line of the data file, when DuckDB names one. */
  line: number | undefined;
}

const ERROR_PREFIX = /^[A-Za-z ]*Error: /;

/** Whether an error is DuckDB's (its message starts with its class, e.g. `Invalid Input Error: `), not Almanac's own. */
export function isDuckDBError(error: unknown): boolean {
  return error instanceof Error && ERROR_PREFIX.test(error.message);
}

/**
 * Trims a DuckDB error about reading a file to its first useful line: CSV errors become
 * `line N: …` (ragged rows, unclosed quotes), others keep DuckDB's first line without its
 * error class, SQL echo or "possible fixes". Pure.
 */
export function summarizeReadError(text: string): ReadProblem {
  const lines = text.split("\n").map((line) => line.trim());
  const csvLine = /CSV Error on Line: (\d+)/.exec(text);
  if (csvLine) {
    const line = Number(csvLine[1]);
    const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
    if (columns) {
      const [expected, found] = [Number(columns[1]), Number(columns[2])];
      const what =
        found < expected ? "a ragged row, or the file is truncated" : "a ragged row, or an unquoted delimiter";
      return { line, message: `line ${line}: expected ${expected} columns, found ${found} (${what})` };
    }
    if (/unterminated quote/i.test(text))
      return { line, message: `line ${line}: a quoted value is never closed (a stray quote, or a truncated file)` };
    const detail = lines.find(
      (entry, index) =>
        index > 0 && entry !== "" && !entry.startsWith("Original Line") && !entry.startsWith("Possible"),
    );
    return { line, message: `line ${line}: ${detail ?? "the row cannot be read"}` };
  }
  const first = (lines[0] ?? text).replace(ERROR_PREFIX, "");
  return { line: undefined, message: first.replace(/\s*LINE \d+:.*$/, "") };
}
