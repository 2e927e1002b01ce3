import { z } from "zod";
import { API_VERSION, DataFormatSchema, IdSchema, SemverSchema } from "./common.ts";

export const COLUMN_TYPES = ["number", "integer", "category", "boolean", "string", "datetime"] as const;
export const ColumnTypeSchema = z
  .enum(COLUMN_TYPES)
  .describe("Column type: number, integer, category, boolean, string or datetime.");
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

export const ColumnRoleSchema = z
  .enum(["feature", "target", "id", "timestamp", "sensitive"])
  .describe("What the column is for: feature, target, id, timestamp or sensitive.");
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ColumnSchema = z
  .strictObject({
    name: z.string().min(1).describe("Column name as it appears in the file."),
    type: ColumnTypeSchema,
    role: ColumnRoleSchema.default("feature"),
    description: z.string().optional().describe("What the column holds, with units."),
    nullable: z.boolean().default(false).describe("Whether nulls (empty cells) are allowed."),
    min: z.union([z.number(), z.string()]).optional().describe("Smallest allowed value (number or ISO date)."),
    max: z.union([z.number(), z.string()]).optional().describe("Largest allowed value (number or ISO date)."),
    values: z.array(Scalar).optional().describe("Allowed values (categories)."),
    unique: z.boolean().default(false).describe("Whether every non-null value is distinct."),
    max_null_fraction: z.number().min(0).max(1).optional().describe("Largest allowed share of null cells (0..1)."),
  })
  .describe("One column of the dataset's schema.");
export type Column = z.infer<typeof ColumnSchema>;

export const DataFileSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .optional()
      .describe("Path inside the dataset folder, e.g. data/train.csv (no .., not absolute)."),
    uri: z
      .string()
      .regex(/^(s3|gs|https?|az|hf):\/\//, "expected a URI such as s3://bucket/key or https://…")
      .optional()
      .describe("Remote location (s3://, gs://, https://) for data too large for git."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits")
      .describe("SHA-256 of the file."),
    bytes: z.number().int().nonnegative().describe("Size in bytes."),
    rows: z.number().int().nonnegative().describe("Number of data rows (header excluded)."),
    split: z.string().optional().describe("For split method files: the split this file belongs to (train, test)."),
  })
  .refine((file) => (file.path === undefined) !== (file.uri === undefined), {
    message: "a file needs exactly one of path or uri",
  })
  .describe("One data file, pinned by hash.");
export type DataFile = z.infer<typeof DataFileSchema>;

export const SplitSchema = z
  .discriminatedUnion("method", [
    z
      .strictObject({
        method: z.literal("hash").describe("Rows go to test when hash(key, seed) falls below test_fraction."),
        key: z.string().min(1).describe("Key column hashed to assign rows (role id)."),
        seed: z.number().int().nonnegative().default(0).describe("Seed mixed into the hash."),
        test_fraction: z.number().gt(0).lt(1).default(0.2).describe("Share of rows in the test split."),
      })
      .describe("Deterministic split by hash of a key column."),
    z
      .strictObject({
        method: z.literal("column").describe("Rows are assigned by the value of a column."),
        column: z.string().min(1).describe("Column whose value names the split."),
        test_values: z.array(Scalar).min(1).describe("Values of the column that put a row in the test split."),
      })
      .describe("Split by the value of a column."),
    z
      .strictObject({
        method: z.literal("files").describe("Each file declares its split."),
      })
      .describe("Split by files: each file's `split` field."),
  ])
  .describe("How rows are split into train and test, deterministically.");
export type Split = z.infer<typeof SplitSchema>;

export const ChecksSchema = z
  .strictObject({
    rows: z
      .strictObject({
        min: z.number().int().nonnegative().optional().describe("Fewest rows allowed."),
        max: z.number().int().nonnegative().optional().describe("Most rows allowed."),
      })
      .optional()
      .describe("Row-count bounds over all files."),
    null_fraction: z
      .record(z.string(), z.number().min(0).max(1))
      .default({})
      .describe("Largest allowed null share per column."),
  })
  .describe("Dataset-level checks.");

export const SourceSchema = z
  .strictObject({
    name: z.string().min(1).describe("Who published the data."),
    url: z.string().url().optional().describe("Where the data comes from."),
    citation: z.string().optional().describe("How to cite it."),
  })
  .describe("Provenance of the data.");

/** The manifest `datasets/<id>/dataset.yaml`. */
export const DatasetManifestSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of this JSON Schema, for editors."),
    apiVersion: z.literal(API_VERSION).describe(`Format version; currently ${API_VERSION}.`),
    kind: z.literal("Dataset").describe("Always Dataset for a dataset manifest."),
    id: IdSchema.describe("Dataset id; equals the folder name under datasets/."),
    name: z.string().min(1).optional().describe("Human-readable name."),
    version: SemverSchema.describe("Dataset version; bump it when the data changes."),
    description: z.string().min(1).describe("What the data is and how it was collected."),
    license: z.string().min(1).describe("License of the data (SPDX id or a short name)."),
    source: SourceSchema,
    format: DataFormatSchema,
    files: z.array(DataFileSchema).min(1).describe("The data files, each pinned by sha256, size and row count."),
    columns: z.array(ColumnSchema).min(1).describe("The column schema."),
    null_tokens: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Cell texts of CSV files read as missing besides the empty cell, e.g. ["n/a", "?"]; every reader (validate, train, evaluate, profile, drift) honours them.',
      ),
    split: SplitSchema,
    checks: ChecksSchema.default({ null_fraction: {} }),
  })
  .describe("An Almanac dataset manifest (datasets/<id>/dataset.yaml).");

export type DatasetManifest = z.infer<typeof DatasetManifestSchema>;
