import { readFile } from "node:fs/promises";
import { IdSchema } from "../schemas/common.ts";
import { type DriftReport, DriftReportSchema } from "../schemas/drift-report.ts";
import { AlmanacError } from "../util/errors.ts";

/**
 * Reads a drift report written by `almanac drift <model>` and checks it against the published
 * schema. The model is the report's own `model`; `expected` (when given) must agree with it.
 */
export async function readDriftReport(path: string, expected = ""): Promise<{ model: string; report: DriftReport }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new AlmanacError(`cannot read the drift report ${path}: ${(error as Error).message}`, {
      hint: "run `almanac drift <model>` first; it writes reports/drift/<model>/<date>.json",
    });
  }
  const parsed = DriftReportSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AlmanacError(`${path} is not a drift report: ${first?.path.join(".") || "(root)"}: ${first?.message}`, {
      hint: "see schemas/drift-report.schema.json",
    });
  }
  const model = parsed.data.model ?? expected;
  if (!IdSchema.safeParse(model).success) {
    throw new AlmanacError(`${path} names no model (expected a model id, received ${JSON.stringify(model)})`, {
      hint: "pass the action's `model` input, or use a report written by `almanac drift <model>`",
    });
  }
  if (expected && expected !== model) {
    throw new AlmanacError(`${path} is the drift report of ${model}, not of ${expected}`);
  }
  return { model, report: parsed.data };
}
