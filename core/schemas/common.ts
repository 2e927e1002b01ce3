import { z } from "zod";

/** The format version every Almanac file declares; a later format adds `almanac/v2` and keeps v1 readable. */
export const API_VERSION = "almanac/v1";

/** Ids are folder names: lowercase letters, digits and dashes, starting with a letter or digit. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lowercase letters, digits and dashes (e.g. churn-model)")
  .max(64)
  .describe("Identifier: lowercase letters, digits and dashes; equal to the folder name.");

/** Semantic version, as https://semver.org (no leading `v`). */
export const SemverSchema = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
    "expected a semantic version such as 1.2.0",
  )
  .describe("Semantic version (MAJOR.MINOR.PATCH), e.g. 1.2.0.");

/** Dataset and model file formats DuckDB reads for Almanac. */
export const DataFormatSchema = z
  .enum(["csv", "parquet", "json", "ndjson"])
  .describe("File format: csv, parquet, json (an array of records) or ndjson (one record per line).");
export type DataFormat = z.infer<typeof DataFormatSchema>;

/** A duration: seconds as a number, or a string such as `90s`, `10m`, `2h`. */
export const DurationSchema = z
  .union([
    z.number().int().positive().describe("Seconds."),
    z
      .string()
      .regex(/^\d+(s|m|h)$/, "expected a duration such as 90s, 10m or 2h")
      .describe("A number followed by s, m or h."),
  ])
  .describe("A duration: seconds, or a string such as 90s, 10m, 2h.");

/** Converts a {@link DurationSchema} value to milliseconds. */
export function durationToMs(value: number | string): number {
  if (typeof value === "number") return value * 1000;
  const amount = Number.parseInt(value, 10);
  const unit = value.at(-1);
  const factor = unit === "h" ? 3_600_000 : unit === "m" ? 60_000 : 1000;
  return amount * factor;
}
