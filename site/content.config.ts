import { defineCollection } from "astro:content";
import { z } from "astro/zod";
import { DatasetManifestSchema } from "../core/schemas/dataset-manifest.ts";
import { DriftReportSchema } from "../core/schemas/drift-report.ts";
import { EvaluationSchema } from "../core/schemas/evaluation.ts";
import { HistoryEventSchema } from "../core/schemas/history.ts";
import { ModelCardSchema } from "../core/schemas/model-card.ts";
import { ProfileSchema } from "../core/schemas/profile.ts";
import { RetrainingRecordSchema } from "../core/schemas/retraining.ts";
import { EvaluationCurvesSchema } from "./lib/data/curves.ts";
import {
  datasetsLoader,
  driftLoader,
  evaluationsLoader,
  historyLoader,
  modelsLoader,
  profilesLoader,
} from "./lib/loaders.ts";

// The catalogue's collections: each loader reads the repository through the core library
// (one shared, validated read), and each schema is the core's own zod schema, so the site,
// the CLI and the JSON Schemas agree on one definition.

const file = z.string().describe("Path of the source file from the repository root.");

export const collections = {
  models: defineCollection({
    loader: modelsLoader,
    schema: z.object({ file, card: ModelCardSchema, body: z.string().describe("Markdown body of the card.") }),
  }),
  datasets: defineCollection({
    loader: datasetsLoader,
    schema: z.object({ file, manifest: DatasetManifestSchema }),
  }),
  evaluations: defineCollection({
    loader: evaluationsLoader,
    schema: z.object({
      file,
      model: z.string(),
      evaluation: EvaluationSchema,
      retraining: RetrainingRecordSchema.optional(),
      curves: EvaluationCurvesSchema.optional(),
    }),
  }),
  drift: defineCollection({
    loader: driftLoader,
    schema: z.object({ file, model: z.string(), date: z.string(), report: DriftReportSchema }),
  }),
  profiles: defineCollection({
    loader: profilesLoader,
    schema: z.object({ file, dataset: z.string(), version: z.string(), profile: ProfileSchema }),
  }),
  history: defineCollection({
    loader: historyLoader,
    schema: HistoryEventSchema,
  }),
};
