/**
 * The baseline model and the CSV code shared by train.mts and predict.mts (written by
 * `almanac new model`): training saves a `Baseline` as ALMANAC_MODEL_DIR/baseline.json, the
 * version's artifact, and both scripts score rows with `scoreRows`, so `almanac predict` on the test
 * rows gives exactly the evaluated predictions. Node's standard library only.
 */
import { writeFileSync } from "node:fs";

/** What training learns: the mean of the target, or the majority class and every class's share. */
export type Baseline =
  | { task: "regression"; mean: number }
  | { task: string; prediction: string; classes: string[]; shares: number[] };

export const KEY = "row_id";

export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) fail(`${name} is not set: run this through \`almanac train <model>\` or \`almanac predict <model>\``);
  return value;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into records keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== "," && char !== "\n" && char !== "\r")) {
      field += char;
    } else if (char === ",") {
      endField();
    } else {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""])));
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function writeCsv(path: string, header: string[], rows: (string | number)[][]): void {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(","));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/** The predictions file for `rows` (row_id,prediction[,p_<class>...]): training and predict both write it. */
export function scoreRows(baseline: Baseline, rows: Record<string, string>[], path: string): void {
  if ("mean" in baseline) {
    writeCsv(
      path,
      [KEY, "prediction"],
      rows.map((row) => [row[KEY] ?? "", baseline.mean]),
    );
    return;
  }
  writeCsv(
    path,
    [KEY, "prediction", ...baseline.classes.map((label) => `p_${label}`)],
    rows.map((row) => [row[KEY] ?? "", baseline.prediction, ...baseline.shares]),
  );
}
