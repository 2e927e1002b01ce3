import type { z } from "zod";
import { DatasetManifestSchema } from "./dataset-manifest.ts";
import { DriftReportSchema } from "./drift-report.ts";
import { EvaluationSchema } from "./evaluation.ts";
import { HistoryDocumentSchema, HistoryEventSchema } from "./history.ts";
import { ModelCardSchema } from "./model-card.ts";
import { ProfileSchema } from "./profile.ts";
import { RetrainingRecordSchema } from "./retraining.ts";

/** A schema published as JSON Schema under schemas/<name>.schema.json. */
export interface PublishedSchema {
  name: string;
  title: string;
  schema: z.ZodType;
}

/** Every schema with a generated JSON Schema file; add new report formats here. */
export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = [
  { name: "model-card", title: "Almanac model card front matter", schema: ModelCardSchema },
  { name: "dataset-manifest", title: "Almanac dataset manifest", schema: DatasetManifestSchema },
  { name: "evaluation", title: "Almanac evaluation report", schema: EvaluationSchema },
  { name: "drift-report", title: "Almanac drift report", schema: DriftReportSchema },
  { name: "profile", title: "Almanac dataset profile", schema: ProfileSchema },
  { name: "retraining", title: "Almanac retraining record", schema: RetrainingRecordSchema },
  { name: "history-event", title: "Almanac lifecycle event", schema: HistoryEventSchema },
  { name: "history", title: "Almanac lifecycle history (almanac history --json)", schema: HistoryDocumentSchema },
];
