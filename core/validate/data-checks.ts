import {
  aggregateSql,
  checkSourceSql,
  describeSql,
  duplicateExamplesSql,
  examplesSql,
  ROWS_ALIAS,
} from "../data/check-sql.ts";
import { type ColumnPlan, planColumnChecks, type RowCheck } from "../data/column-checks.ts";
import { dialectFromPath, readCsvHeader } from "../data/csv-header.ts";
import type { Database, Row } from "../data/duckdb.ts";
import { summarizeReadError } from "../data/duckdb-errors.ts";
import { formatFromPath } from "../data/sql.ts";
import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import { didYouMean } from "../util/suggest.ts";
import { describeDuplicates, describeRowCheck, formatExamples, type RowExample } from "./data-messages.ts";
import type { LocalDataFile, ManifestReporter } from "./integrity.ts";

/** What one file's scan found, for the dataset-level checks. */
export interface FileScan {
  rows: number;
  /** Null count per manifest column index. */
  nulls: Map<number, number>;
  /** Duplicates within the file per unique column index. */
  duplicates: Map<number, number>;
  source: string;
  plans: ColumnPlan[];
}

/** Reports a read failure of a data file: DuckDB's message trimmed to one line, naming the file. */
function reportReadError(file: LocalDataFile, format: string, error: unknown, report: ManifestReporter): void {
  const problem = summarizeReadError(error instanceof Error ? error.message : String(error));
  report(["files", file.index, "path"], {
    code: "data.read-error",
    message: `${file.path} cannot be read as ${format}: ${problem.message}`,
    hint:
      format === "csv"
        ? "every row needs as many cells as the header, and quotes must be closed; fix the file or regenerate it"
        : `check that the file really is ${format} (the manifest's format applies to every file) and is complete`,
  });
}

/** The source SQL and stored column types of a file, or undefined after reporting why it cannot be read. */
async function openSource(
  db: Database,
  file: LocalDataFile,
  format: DatasetManifest["format"],
  report: ManifestReporter,
  nullTokens?: readonly string[],
): Promise<{ source: string; types: Map<string, string> } | undefined> {
  try {
    if (format === "csv") {
      const dialect = dialectFromPath(file.path);
      const header = await readCsvHeader(file.absolute, dialect);
      const problem =
        header === undefined
          ? "no header line ends within the first MiB"
          : header.length === 0
            ? "the file is empty (no header line)"
            : header.find((name, index) => name === "" || header.indexOf(name) !== index) !== undefined
              ? `the header has an empty or repeated column name (${header.join(", ")})`
              : undefined;
      if (problem || !header) throw new Error(problem);
      return {
        source: checkSourceSql(file.absolute, format, { header, dialect, nullTokens }),
        types: new Map(header.map((name) => [name, "VARCHAR"])),
      };
    }
    const source = checkSourceSql(file.absolute, format);
    const described = await db.all(describeSql(source));
    return { source, types: new Map(described.map((row) => [String(row.column_name), String(row.column_type)])) };
  } catch (error) {
    reportReadError(file, format, error, report);
    return undefined;
  }
}

function checkColumnsPresent(
  manifest: DatasetManifest,
  file: LocalDataFile,
  types: Map<string, string>,
  report: ManifestReporter,
): void {
  const inFile = [...types.keys()];
  const declared = new Set(manifest.columns.map((column) => column.name));
  manifest.columns.forEach((column, index) => {
    if (types.has(column.name)) return;
    report(["columns", index, "name"], {
      code: "data.column-missing",
      message: `column "${column.name}" is declared but ${file.path} has no such column`,
      hint: `${didYouMean(column.name, inFile)} Column names are case-sensitive.`,
    });
  });
  const extra = inFile.filter((name) => !declared.has(name));
  if (extra.length > 0)
    report(["files", file.index, "path"], {
      code: "data.column-undeclared",
      severity: "warning",
      message: `${file.path} has columns the manifest does not declare: ${extra.join(", ")}`,
      hint: "declare them under columns (almanac new dataset infers them), or drop them from the file",
    });
}

const count = (row: Row, alias: string) => Number(row[alias] ?? 0);

async function reportRowChecks(
  db: Database,
  scan: FileScan,
  totals: Row,
  file: LocalDataFile,
  csv: boolean,
  report: ManifestReporter,
): Promise<void> {
  const failing: { plan: ColumnPlan; check: RowCheck; found: number }[] = [];
  for (const plan of scan.plans)
    for (const check of plan.rowChecks) {
      const found = count(totals, check.kind === "null" ? plan.nullsAlias : check.alias);
      if (found > 0) failing.push({ plan, check, found });
    }
  if (failing.length === 0) return;
  const ranges = [
    ...new Set(failing.filter(({ check }) => check.kind === "min" || check.kind === "max").map(({ plan }) => plan)),
  ];
  const checks = failing.map((item) => item.check);
  const [examples = {}] = await db.all(examplesSql(scan.source, checks, ranges));
  for (const { plan, check, found } of failing) {
    const seen = plan.seenAliases && { min: examples[plan.seenAliases.min], max: examples[plan.seenAliases.max] };
    const finding = describeRowCheck(check, plan.column, found, seen);
    const rows = ((examples[check.alias] as { row: string; value: string | null }[] | null) ?? []).map(
      (example): RowExample => ({ row: Number(example.row), value: check.kind === "null" ? null : example.value }),
    );
    report(["columns", plan.index, finding.key], {
      code: finding.code,
      message: `${file.path}: ${finding.message}${formatExamples(rows, csv)}`,
      hint: finding.hint,
    });
  }
}

async function reportDuplicates(
  db: Database,
  scan: FileScan,
  totals: Row,
  file: LocalDataFile,
  csv: boolean,
  report: ManifestReporter,
): Promise<void> {
  for (const plan of scan.plans) {
    const found = plan.duplicatesAlias ? count(totals, plan.duplicatesAlias) : 0;
    if (found === 0) continue;
    const rows = await db.all(duplicateExamplesSql(scan.source, plan));
    const examples = rows.map((row) => ({ row: Number(row.row), value: row.value as string | null }));
    const finding = describeDuplicates(plan.column, found);
    report(["columns", plan.index, "unique"], {
      code: finding.code,
      message: `${file.path}: ${finding.message}${formatExamples(examples, csv)}`,
      hint: finding.hint,
    });
  }
}

/**
 * Opens a file (its header, or its stored schema) without scanning it and reports what
 * `scanDataFile` would about its columns: a file that cannot be read, a declared column missing.
 */
export async function checkDataFileColumns(
  db: Database,
  manifest: DatasetManifest,
  file: LocalDataFile,
  report: ManifestReporter,
): Promise<void> {
  const opened = await openSource(db, file, manifest.format, report);
  if (opened) checkColumnsPresent(manifest, file, opened.types, report);
}

/**
 * Scans one file once (plus targeted example queries only for checks that failed) and reports
 * its findings: unreadable file, missing columns, stored types, row count and every row check.
 */
export async function scanDataFile(
  db: Database,
  manifest: DatasetManifest,
  file: LocalDataFile,
  report: ManifestReporter,
): Promise<FileScan | undefined> {
  checkExtension(manifest, file, report);
  const opened = await openSource(db, file, manifest.format, report, manifest.null_tokens);
  if (!opened) return undefined;
  checkColumnsPresent(manifest, file, opened.types, report);
  const plans = planAndReportTypes(manifest, file, opened.types, report);
  let totals: Row;
  try {
    [totals = {}] = await db.all(aggregateSql(opened.source, plans));
  } catch (error) {
    reportReadError(file, manifest.format, error, report);
    return undefined;
  }
  const scan: FileScan = {
    rows: count(totals, ROWS_ALIAS),
    nulls: new Map(plans.map((plan) => [plan.index, count(totals, plan.nullsAlias)])),
    duplicates: new Map(
      plans.map((plan) => [plan.index, plan.duplicatesAlias ? count(totals, plan.duplicatesAlias) : 0]),
    ),
    source: opened.source,
    plans,
  };
  if (scan.rows !== file.entry.rows)
    report(["files", file.index, "rows"], {
      code: "data.rows-mismatch",
      message: `${file.path} has ${scan.rows} data rows, the manifest says ${file.entry.rows}`,
      hint: `if the data is meant to change, set rows: ${scan.rows} (and sha256, bytes) and bump version`,
    });
  const csv = manifest.format === "csv";
  await reportRowChecks(db, scan, totals, file, csv, report);
  await reportDuplicates(db, scan, totals, file, csv, report);
  return scan;
}

/** Warns when a file's extension names another format than the manifest's. */
function checkExtension(manifest: DatasetManifest, file: LocalDataFile, report: ManifestReporter): void {
  const implied = formatFromPath(file.path);
  if (implied !== undefined && implied !== manifest.format)
    report(["files", file.index, "path"], {
      code: "data.format-extension",
      severity: "warning",
      message: `${file.path} looks like ${implied} by its extension, but the manifest's format is ${manifest.format}`,
      hint: "set format to the files' real format, or rename the file",
    });
}

/** Plans the column checks and reports columns whose stored type cannot hold the declared type. */
function planAndReportTypes(
  manifest: DatasetManifest,
  file: LocalDataFile,
  types: Map<string, string>,
  report: ManifestReporter,
): ColumnPlan[] {
  const { plans, mismatches } = planColumnChecks(manifest.columns, types);
  for (const { index, column, sourceType } of mismatches)
    report(["columns", index, "type"], {
      code: "data.column-type",
      message: `column "${column.name}" is declared ${column.type}, but ${file.path} stores it as ${sourceType}`,
      hint: "declare the type the file holds, or convert the column in the file",
    });
  return plans;
}
