import type { ColumnRequest } from "./plan.ts";
import type { SideColumnSummary } from "./side-counts.ts";

/**
 * Evidently's `NUMBER_UNIQUE_AS_CATEGORICAL`: an integer column with at most this many distinct
 * reference values is categorical (legacy `_get_column_type`,
 * https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/utils/data_preprocessing.py).
 */
export const INTEGER_CATEGORY_MAX_DISTINCT = 5;

/**
 * The request as Evidently would type the column: an integer column (integers on both sides, and
 * no missing cell in the current sample, which pandas would read as floats) whose reference holds
 * at most {@link INTEGER_CATEGORY_MAX_DISTINCT} distinct values is compared as categories, with
 * the categorical tests asked for (`whenCategorical`). Others are returned unchanged. Pure.
 * Example: codes 1–4 in the reference and 3 % new codes 7 and 8 in the current sample are
 * categories: chi-square sees the new codes where Kolmogorov–Smirnov would not.
 */
export function evidentlyKind(
  request: ColumnRequest,
  reference: SideColumnSummary | undefined,
  current: SideColumnSummary | undefined,
  currentRows: number,
): ColumnRequest {
  if (request.kind !== "numeric" || !request.integerStorage || !request.whenCategorical) return request;
  const distinct = reference?.values?.size;
  if (distinct === undefined || distinct > INTEGER_CATEGORY_MAX_DISTINCT) return request;
  if ((current?.count ?? 0) < currentRows) return request;
  const { tests, threshold, thresholdReason, ...numeric } = request;
  return {
    ...numeric,
    ...request.whenCategorical,
    kind: "categorical",
    kindReason: `integer column with ${distinct} distinct reference values (≤ ${INTEGER_CATEGORY_MAX_DISTINCT}): categories, as Evidently types it`,
  };
}
