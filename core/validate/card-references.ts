import type { LoadedModelCard } from "../load/model-card.ts";
import { type Task, TaskSchema } from "../schemas/metrics.ts";
import {
  DriftColumnSettingSchema,
  EvaluationConfigSchema,
  ModelDatasetSchema,
  MonitoringSchema,
} from "../schemas/model-card.ts";

/**
 * What the cross-reference checks read from a card. From a valid card, all of it; from an
 * invalid one, each field that is valid on its own, so a schema error elsewhere in the card
 * (`primary_metirc`) does not hide a typo in its target or features.
 */
export interface CardReferences {
  task?: Task;
  dataset: {
    id?: string;
    version?: string;
    target?: string;
    features?: string[];
    sensitive?: string[];
  };
  primaryMetric?: string;
  /** Metric names of the gates. */
  gates: string[];
  monitoring?: {
    current?: string;
    format?: "csv" | "parquet" | "json" | "ndjson";
    timestamp?: string;
    /** Column names of the per-column drift settings. */
    columns: string[];
    /** The per-column settings' test names and thresholds, where each is valid on its own. */
    settings: Record<string, { test?: string; threshold?: number }>;
  };
}

/** The references of a loaded card, valid or not (nothing when its YAML did not parse). */
export function cardReferences(loaded: LoadedModelCard): CardReferences | undefined {
  const card = loaded.card;
  if (card)
    return {
      task: card.task,
      dataset: card.dataset,
      primaryMetric: card.evaluation.primary_metric,
      gates: Object.keys(card.evaluation.gates),
      ...(card.monitoring
        ? {
            monitoring: {
              ...card.monitoring,
              columns: Object.keys(card.monitoring.columns),
              settings: card.monitoring.columns,
            },
          }
        : {}),
    };
  if (!isRecord(loaded.raw)) return undefined;
  return partialReferences(loaded.raw);
}

function partialReferences(raw: Record<string, unknown>): CardReferences {
  const dataset = isRecord(raw.dataset) ? raw.dataset : {};
  const evaluation = isRecord(raw.evaluation) ? raw.evaluation : {};
  const monitoring = isRecord(raw.monitoring) ? raw.monitoring : undefined;
  const fields = ModelDatasetSchema.shape;
  const gates = isRecord(evaluation.gates) ? Object.keys(evaluation.gates) : [];
  return {
    task: valid(TaskSchema, raw.task),
    dataset: {
      id: valid(fields.id, dataset.id),
      version: valid(fields.version, dataset.version),
      target: valid(fields.target, dataset.target),
      features: valid(fields.features, dataset.features),
      sensitive: valid(fields.sensitive, dataset.sensitive ?? []),
    },
    primaryMetric: valid(EvaluationConfigSchema.shape.primary_metric, evaluation.primary_metric),
    gates,
    ...(monitoring
      ? {
          monitoring: {
            current: valid(MonitoringSchema.shape.current, monitoring.current),
            format: valid(MonitoringSchema.shape.format, monitoring.format),
            timestamp: valid(MonitoringSchema.shape.timestamp, monitoring.timestamp),
            columns: isRecord(monitoring.columns) ? Object.keys(monitoring.columns) : [],
            settings: isRecord(monitoring.columns) ? partialSettings(monitoring.columns) : {},
          },
        }
      : {}),
  };
}

/** Each raw per-column drift setting's test and threshold, kept where it passes its own schema. */
function partialSettings(columns: Record<string, unknown>): Record<string, { test?: string; threshold?: number }> {
  const fields = DriftColumnSettingSchema.shape;
  return Object.fromEntries(
    Object.entries(columns).map(([name, setting]) => {
      const record = isRecord(setting) ? setting : {};
      const test = valid(fields.test, record.test);
      const threshold = valid(fields.threshold, record.threshold);
      return [name, { ...(test === undefined ? {} : { test }), ...(threshold === undefined ? {} : { threshold }) }];
    }),
  );
}

/** The value when it passes its own schema, else undefined (its schema error is reported already). */
function valid<T>(schema: { safeParse: (value: unknown) => { success: boolean; data?: T } }, value: unknown) {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
