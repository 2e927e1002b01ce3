import type { DatasetManifest } from "../schemas/dataset-manifest.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import type { Evaluation, Mitigation } from "../schemas/evaluation.ts";
import type { ModelCard } from "../schemas/model-card.ts";
import type { IntervalMethod } from "./delta-intervals.ts";
import type { PredictionTable } from "./predictions.ts";

/** Everything known about one model at one ref, parsed; each part may be missing or broken. */
export interface ModelSide {
  /** Card path at this ref (the folder may differ between refs after a rename). */
  cardPath: string;
  /** Whether the card file exists at this ref. */
  present: boolean;
  card: ModelCard | undefined;
  /** Why the card could not be used, e.g. `models/x/model.md:4:1 version: expected …`. */
  cardProblems: string[];
  evaluation: Evaluation | undefined;
  /** Why there is no usable evaluation: missing, not JSON, or not the evaluation schema. */
  evaluationProblem: string | undefined;
  predictions: PredictionTable | undefined;
  predictionsProblem: string | undefined;
  dataset: DatasetManifest | undefined;
  datasetProblem: string | undefined;
  /** The newest drift report of the model at this ref. */
  drift: { path: string; report: DriftReport } | undefined;
}

/** improved / regressed / unchanged (the interval contains 0) / not compared. */
export type MetricVerdict = "improved" | "regressed" | "unchanged" | "not_compared";

/** One metric at base and head. */
export interface MetricComparison {
  metric: string;
  label: string;
  higherIsBetter: boolean;
  primary: boolean;
  /** From the committed evaluation.json of each ref. */
  base: number | null;
  head: number | null;
  /** head − base. */
  delta: number | null;
  /** delta / |base|; null when base is 0 or missing. */
  relative: number | null;
  /** Interval of the delta at the card's confidence. */
  interval: [number, number] | null;
  method: IntervalMethod | null;
  /** true: same rows; false: unpaired; null: no interval. */
  paired: boolean | null;
  verdict: MetricVerdict;
  /** E.g. why there is no interval. */
  note?: string;
}

/** One gate of the head card checked on the head evaluation (max_drop against the base). */
export interface GateCheck {
  metric: string;
  kind: "min" | "max" | "max_drop";
  bound: number;
  value: number | null;
  baseline: number | null;
  /** null when it could not be checked (no value, no baseline for max_drop). */
  passed: boolean | null;
  message: string;
}

/** A between-group measure of one sensitive column at base and head. */
export interface FairnessComparison {
  column: string;
  measure: string;
  higherIsBetter: boolean;
  base: number | null;
  head: number | null;
  delta: number | null;
  /** widened: the gap grew (a regression); narrowed; unchanged; not_compared. */
  verdict: "widened" | "narrowed" | "unchanged" | "not_compared";
}

/** A card field that differs between base and head. */
export interface CardChange {
  field: string;
  base: string | null;
  head: string | null;
}

/** The dataset the model trains on, at base and head. */
export interface DatasetComparison {
  id: string;
  baseId: string | null;
  baseVersion: string | null;
  headVersion: string | null;
  rows: { base: number | null; head: number | null };
  columnsAdded: string[];
  columnsRemoved: string[];
  /** `name: number → string`. */
  typesChanged: string[];
  /** Files whose sha256 changed, appeared or disappeared. */
  filesChanged: string[];
  changed: boolean;
  /** Drift of the head data against the base data (both read from git), when the files changed. */
  drift?: DataDrift;
  /** Why the data could not be drift-tested. */
  driftProblem?: string;
}

/** The headline of a drift comparison of two data versions. */
export interface DataDrift {
  drifted: boolean;
  share: number;
  threshold: number;
  columns: number;
  driftedColumns: string[];
  referenceRows: number;
  currentRows: number;
}

/** The headline of a drift report. */
export interface DriftHeadline {
  path: string;
  date: string;
  drifted: boolean;
  share: number;
  threshold: number;
  driftedColumns: string[];
  columns: number;
  /** True when this report was added or changed by the change under review. */
  new: boolean;
}

/** A point of the primary metric across versions (oldest first). */
export interface TrendPoint {
  version: string;
  value: number;
  commit: string;
  /** head: the evaluation under review. */
  head: boolean;
}

/** The overall judgement of one model. */
export type ModelVerdict = "failed" | "regressed" | "improved" | "unchanged" | "new" | "removed" | "not_compared";

/** What a change does to one model. */
export interface ModelComparison {
  model: string;
  status: "added" | "changed" | "removed" | "renamed";
  renamedFrom?: string;
  reasons: string[];
  task: string | null;
  primaryMetric: string | null;
  versions: { base: string | null; head: string | null };
  confidence: number;
  cardChanges: CardChange[];
  metrics: MetricComparison[];
  /** How predictions were paired, or null when they could not be compared. */
  pairing: { paired: boolean; reason: string } | null;
  gates: GateCheck[];
  fairness: FairnessComparison[];
  dataset: DatasetComparison | null;
  drift: DriftHeadline | null;
  trend: TrendPoint[];
  /** The head evaluation's bias mitigation (fairness gaps with and without, and its cost), when it has one. */
  mitigation?: Mitigation;
  /** What could not be compared, for people. */
  problems: string[];
  /** What the reviewer should fix though everything was compared (e.g. a version not bumped). */
  warnings: string[];
  verdict: ModelVerdict;
  /** One line: why the verdict. */
  summary: string;
}

/** The result of `almanac diff`. */
export interface DiffResult {
  base: { ref: string; commit: string | null };
  head: { ref: string; commit: string | null };
  mergeBase: string | null;
  models: ModelComparison[];
  /** Problems that stopped parts of the comparison (missing ref, shallow clone). */
  problems: string[];
  notes: string[];
}
