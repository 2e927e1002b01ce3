import { createHash } from "node:crypto";
import { MANIFEST_SCHEMA_FILE, renderManifestText } from "../../core/new/render.ts";
import type { Task } from "../../core/schemas/metrics.ts";
import { createRandom, deriveSeed, type Random } from "./random.ts";

/** A generated dataset: what models need to reference it, and the files to write. */
export interface GeneratedDataset {
  id: string;
  /** The task its target column fits. */
  task: Task;
  target: string;
  /** Class labels, sorted (classification only). */
  classes: string[];
  /** Columns a model may use as features. */
  features: string[];
  /** Columns with role sensitive. */
  sensitive: string[];
  /** Repository-relative path of the production-like inputs (features only, no target). */
  current: string;
  /** Whether the current inputs were generated with a shifted distribution (drift). */
  drifted: boolean;
  /** Files by path relative to the repository root. */
  files: Map<string, string>;
}

const DOMAINS = [
  "retail",
  "clinic",
  "energy",
  "traffic",
  "credit",
  "sensor",
  "support",
  "logistics",
  "telecom",
  "farm",
];
const SEGMENTS = ["east", "north", "south", "west"];
const GROUPS = ["group-a", "group-b"];
const TASKS: readonly Task[] = ["binary-classification", "multiclass-classification", "regression"];
const SEGMENT_EFFECT: Record<string, number> = { east: 0.4, north: -0.3, south: 0.1, west: -0.2 };
const NULL_SHARE = 0.05;
const START_DAY = Date.UTC(2022, 0, 1);
const DAY_MS = 86_400_000;

interface Row {
  row_id: number;
  observed_on: string;
  x1: number;
  x2: number;
  x3: number;
  x4: number | null;
  count: number;
  segment: string;
  active: boolean;
  group: string;
  score: number;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const isoDay = (day: number) => new Date(START_DAY + day * DAY_MS).toISOString().slice(0, 10);

/** One synthetic row; `shift` moves x1 (and the segment mix) to simulate drift. */
function makeRow(random: Random, rowId: number, day: number, shift: number): Row {
  const x1 = random.normal() + shift;
  const x2 = random.normal();
  const x3 = random.normal();
  const segment = shift > 0 && random.chance(0.3) ? "west" : random.pick(SEGMENTS);
  const active = random.chance(0.6);
  const score = 0.9 * x1 - 0.7 * x2 + 0.4 * x3 + (SEGMENT_EFFECT[segment] ?? 0) + (active ? 0.3 : -0.3);
  return {
    row_id: rowId,
    observed_on: isoDay(day),
    x1: round(10 + 2 * x1),
    x2: round(50 + 15 * x2),
    x3: round(x3),
    x4: random.chance(NULL_SHARE) ? null : round(100 + 20 * random.normal(), 1),
    count: Math.floor(Math.exp(1.5 + 0.5 * random.normal())),
    segment,
    active,
    group: random.pick(GROUPS),
    score: score + 0.6 * random.normal(),
  };
}

function targetOf(task: Task, score: number): string | number {
  if (task === "binary-classification") return score > 0 ? "yes" : "no";
  if (task === "multiclass-classification") return score < -0.5 ? "low" : score < 0.5 ? "medium" : "high";
  return round(20 + 4 * score);
}

const FEATURE_COLUMNS = ["x1", "x2", "x3", "x4", "count", "segment", "active"] as const;

function toCsv(rows: Row[], task: Task, withTarget: boolean): string {
  const header = ["row_id", "observed_on", ...FEATURE_COLUMNS, "group", ...(withTarget ? ["target"] : [])];
  const lines = rows.map((row) => {
    const cells = [row.row_id, row.observed_on, ...FEATURE_COLUMNS.map((name) => row[name] ?? ""), row.group];
    if (withTarget) cells.push(targetOf(task, row.score));
    return cells.join(",");
  });
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

function bounds(values: number[], pad: number): { min: number; max: number } {
  return { min: Math.floor(Math.min(...values)) - pad, max: Math.ceil(Math.max(...values)) + pad };
}

function columnsOf(rows: Row[], task: Task, days: number): Record<string, unknown>[] {
  const numbers = (name: "x1" | "x2" | "x3") => rows.map((row) => row[name]);
  const x4 = rows.flatMap((row) => (row.x4 === null ? [] : [row.x4]));
  const target: Record<string, unknown> =
    task === "regression"
      ? {
          name: "target",
          type: "number",
          role: "target",
          ...bounds(
            rows.map((row) => targetOf(task, row.score) as number),
            5,
          ),
        }
      : {
          name: "target",
          type: "category",
          role: "target",
          values: task === "binary-classification" ? ["no", "yes"] : ["high", "low", "medium"],
        };
  return [
    { name: "row_id", type: "integer", role: "id", unique: true, min: 1 },
    { name: "observed_on", type: "datetime", role: "timestamp", min: isoDay(0), max: isoDay(days) },
    {
      name: "x1",
      type: "number",
      description: "Synthetic signal, strongly related to the target.",
      ...bounds(numbers("x1"), 2),
    },
    {
      name: "x2",
      type: "number",
      description: "Synthetic signal, inversely related to the target.",
      ...bounds(numbers("x2"), 5),
    },
    { name: "x3", type: "number", ...bounds(numbers("x3"), 1) },
    {
      name: "x4",
      type: "number",
      nullable: true,
      max_null_fraction: 0.15,
      description: "Noise with missing cells.",
      ...bounds(x4, 10),
    },
    { name: "count", type: "integer", min: 0 },
    { name: "segment", type: "category", values: SEGMENTS },
    { name: "active", type: "boolean" },
    {
      name: "group",
      type: "category",
      role: "sensitive",
      values: GROUPS,
      description: "Synthetic group for fairness slices.",
    },
    target,
  ];
}

/** The rows, manifest and current inputs of dataset number `index` (0-based), deterministically. */
export function generateDataset(index: number, options: { seed: number; rows: number }): GeneratedDataset {
  const random = createRandom(deriveSeed(options.seed, "dataset", index));
  const task = TASKS[index % TASKS.length] as Task;
  const id = `${DOMAINS[index % DOMAINS.length]}-${String(index + 1).padStart(3, "0")}`;
  const days = 364;
  const rows = Array.from({ length: options.rows }, (_, i) =>
    makeRow(random, i + 1, Math.floor((i * days) / options.rows), 0),
  );
  const drifted = index % 2 === 1;
  const currentRows = Array.from({ length: Math.max(10, Math.floor(options.rows / 2)) }, (_, i) =>
    makeRow(random, options.rows + i + 1, days + 1 + (i % 90), drifted ? 1 : 0),
  );
  const csv = toCsv(rows, task, true);
  const file = `data/${id}.csv`;
  const manifest = {
    apiVersion: "almanac/v1",
    kind: "Dataset",
    id,
    name: `Synthetic ${DOMAINS[index % DOMAINS.length]} data ${index + 1}`,
    version: "1.0.0",
    description: `Synthetic ${task} data (${options.rows} rows) written by scripts/generate-repo.ts for benchmarks and tests.`,
    license: "CC0-1.0",
    source: { name: "Almanac synthetic generator (scripts/generate-repo.ts)" },
    format: "csv",
    files: [
      {
        path: file,
        sha256: createHash("sha256").update(csv).digest("hex"),
        bytes: Buffer.byteLength(csv),
        rows: rows.length,
      },
    ],
    columns: columnsOf(rows, task, days),
    split: { method: "hash", key: "row_id", seed: index, test_fraction: 0.25 },
    checks: { rows: { min: Math.floor(options.rows * 0.9) }, null_fraction: { x4: 0.2 } },
  };
  const folder = `datasets/${id}`;
  const current = `${folder}/current/current.csv`;
  return {
    id,
    task,
    target: "target",
    classes: task === "binary-classification" ? ["no", "yes"] : task === "regression" ? [] : ["high", "low", "medium"],
    features: [...FEATURE_COLUMNS],
    sensitive: ["group"],
    current,
    drifted,
    files: new Map([
      [`${folder}/dataset.yaml`, renderManifestText(manifest, `../../schemas/${MANIFEST_SCHEMA_FILE}`)],
      [`${folder}/${file}`, csv],
      [current, toCsv(currentRows, task, false)],
    ]),
  };
}
