import { plural } from "../../../core/util/plural.ts";

/**
 * How many of a report's columns drifted, in words.
 *
 * @example columnsDrifted(1, 4) // "1 of 4 columns drifted"
 * @example columnsDrifted(1, 1) // "1 of 1 column drifted"
 */
export function columnsDrifted(drifted: number, total: number): string {
  return `${drifted} of ${plural(total, "column")} drifted`;
}
