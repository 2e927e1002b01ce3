import { parse } from "yaml";
import { splitFrontMatter } from "../load/front-matter.ts";
import { readFastCardFields } from "./fast-front-matter.ts";

/** The lifecycle-relevant fields of a model card at one commit. */
export interface CardSnapshot {
  /** False when the front matter is missing or is not YAML; the other fields are then empty. */
  readable: boolean;
  version: string | null;
  stage: string | null;
  owners: string[];
  /** `<dataset id>@<version>`, or null. */
  dataset: string | null;
  /** Every other front matter field, serialised, to detect edits. */
  rest: string;
  body: string;
}

/** The lifecycle-relevant fields of an evaluation.json at one commit. */
export interface EvaluationSnapshot {
  readable: boolean;
  /** Model version that was evaluated. */
  version: string | null;
  /** Metric values by name (metrics with a null value are left out). */
  metrics: Record<string, number>;
  /** The evaluated artifact's digest and size, when the evaluation records one. */
  artifact?: { sha256: string; size: number };
}

/** The lifecycle-relevant fields of a drift report. */
export interface DriftSnapshot {
  readable: boolean;
  drifted: boolean | null;
  driftShare: number | null;
  driftedColumns: number | null;
  /** Each column's test and threshold as the report judged it, e.g. {temp_max: "ks 0.05"}. */
  tests: Record<string, string>;
}

const LIFECYCLE_KEYS = new Set(["version", "stage", "owners", "dataset"]);
const MAX_ALIASES = 100;

/**
 * Reads a card's lifecycle fields from its text without full schema validation: history
 * must still say what changed when a card was invalid at some commit. Uses the line reader
 * for the usual block-style front matter and the YAML parser for anything else. Pure.
 */
export function snapshotCard(text: string): CardSnapshot {
  const split = splitFrontMatter(text, "model.md");
  const empty: CardSnapshot = {
    readable: false,
    version: null,
    stage: null,
    owners: [],
    dataset: null,
    rest: "",
    body: split.body,
  };
  if (split.yaml === undefined) return { ...empty, body: text };
  const fast = readFastCardFields(split.yaml);
  if (fast) return { readable: true, ...fast, body: split.body };
  return { ...snapshotCardYaml(split.yaml), body: split.body };
}

/** The slow path of {@link snapshotCard}: the real YAML parser (any YAML). Pure. */
export function snapshotCardYaml(yaml: string): Omit<CardSnapshot, "body"> {
  const empty = { readable: false, version: null, stage: null, owners: [], dataset: null, rest: yaml };
  let data: unknown;
  try {
    data = parse(yaml, { maxAliasCount: MAX_ALIASES });
  } catch {
    return empty;
  }
  if (!isRecord(data)) return empty;
  const dataset = isRecord(data.dataset) ? data.dataset : undefined;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!LIFECYCLE_KEYS.has(key)) rest[key] = value;
  return {
    readable: true,
    version: scalar(data.version),
    stage: scalar(data.stage),
    owners: Array.isArray(data.owners) ? data.owners.map(String) : [],
    dataset: dataset ? `${scalar(dataset.id) ?? "?"}@${scalar(dataset.version) ?? "?"}` : null,
    rest: JSON.stringify(rest) + JSON.stringify(dataset ? { ...dataset, id: null, version: null } : null),
  };
}

/** Reads the evaluated version and metric values from evaluation.json text. Pure. */
export function snapshotEvaluation(text: string): EvaluationSnapshot {
  const data = parseJson(text);
  if (!isRecord(data) || !isRecord(data.metrics)) return { readable: false, version: null, metrics: {} };
  const metrics: Record<string, number> = {};
  for (const [name, entry] of Object.entries(data.metrics)) {
    if (isRecord(entry) && typeof entry.value === "number" && Number.isFinite(entry.value)) metrics[name] = entry.value;
  }
  const model = isRecord(data.model) ? data.model : {};
  const artifact = isRecord(data.artifact) ? data.artifact : undefined;
  return {
    readable: true,
    version: scalar(model.version),
    metrics,
    ...(artifact && typeof artifact.sha256 === "string" && typeof artifact.size === "number"
      ? { artifact: { sha256: artifact.sha256, size: artifact.size } }
      : {}),
  };
}

/** Reads the headline of a drift report. Pure. */
export function snapshotDrift(text: string): DriftSnapshot {
  const data = parseJson(text);
  if (!isRecord(data)) return { readable: false, drifted: null, driftShare: null, driftedColumns: null, tests: {} };
  return {
    readable: typeof data.dataset_drift === "boolean",
    drifted: typeof data.dataset_drift === "boolean" ? data.dataset_drift : null,
    driftShare: typeof data.drift_share === "number" ? data.drift_share : null,
    driftedColumns: typeof data.drifted_columns === "number" ? data.drifted_columns : null,
    tests: columnTests(data.columns),
  };
}

/** `{column: "test threshold"}` of a report's column results (a column with several tests: joined by ", "). */
function columnTests(columns: unknown): Record<string, string> {
  const tests: Record<string, string> = {};
  if (!Array.isArray(columns)) return tests;
  for (const result of columns) {
    if (!isRecord(result) || typeof result.column !== "string" || typeof result.test !== "string") continue;
    const judged = `${result.test}${typeof result.threshold === "number" ? ` ${result.threshold}` : ""}`;
    tests[result.column] = tests[result.column] ? `${tests[result.column]}, ${judged}` : judged;
  }
  return tests;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for a plain object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}
