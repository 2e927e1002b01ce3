/** Small, valid Almanac files for throwaway repositories. */

export interface CardOptions {
  id: string;
  version?: string;
  stage?: string;
  owners?: string[];
  name?: string;
  dataset?: string;
  datasetVersion?: string;
  task?: "binary-classification" | "multiclass-classification" | "regression";
  primary?: string;
  gates?: string;
  runner?: string;
  dependencies?: string[];
  /** training.python lines, e.g. `{ version: "3.12", requirements: requirements.txt }`. */
  python?: string;
  body?: string;
  license?: string | null;
}

export const COMPLETE_BODY = `
# Model

## Intended use

Tests.

## Limitations

Synthetic.

## Ethical considerations

None.

## Training data

Generated.

## Evaluation

Accuracy.
`;

/** A model card's text with the given fields (a comment line included, to check byte-for-byte edits). */
export function cardText(options: CardOptions): string {
  const task = options.task ?? "binary-classification";
  const lines = [
    "---",
    "# yaml-language-server: $schema=../../schemas/model-card.schema.json",
    "apiVersion: almanac/v1",
    "kind: Model",
    `id: ${options.id}`,
    `name: ${options.name ?? `Model ${options.id}`}`,
    `version: ${options.version ?? "1.0.0"}`,
    `stage: ${options.stage ?? "proposed"}   # lifecycle stage`,
    `owners: [${(options.owners ?? ["@team/ml"]).map((owner) => JSON.stringify(owner)).join(", ")}]`,
    `task: ${task}`,
    ...(options.license === null ? [] : [`license: ${options.license ?? "MIT"}`]),
    "dataset:",
    `  id: ${options.dataset ?? "data"}`,
    `  version: ${options.datasetVersion ?? "1.0.0"}`,
    "  target: label",
    "  features: [x1, x2]",
    "  sensitive: [group]",
    "training:",
    "  command: node train.ts",
    `  runner: ${options.runner ?? "ubuntu-latest"}`,
    ...(options.dependencies
      ? [`  dependencies: [${options.dependencies.map((d) => JSON.stringify(d)).join(", ")}]`]
      : []),
    ...(options.python ? [`  python: ${options.python}`] : []),
    "evaluation:",
    `  primary_metric: ${options.primary ?? "accuracy"}`,
    "  gates:",
    options.gates ?? "    accuracy: { min: 0.7, max_drop: 0.02 }",
    "---",
  ];
  return `${lines.join("\n")}\n${options.body ?? COMPLETE_BODY}`;
}

export interface EvaluationOptions {
  id: string;
  version?: string;
  metrics: Record<string, number | [number, number, number]>;
  task?: string;
  primary?: string;
  fairness?: Record<string, unknown>;
  passed?: boolean;
  gates?: unknown[];
  rows?: number;
  datasetVersion?: string;
  /** The commit the evaluation was made on (default a fixed sha; null: not committed). */
  commit?: string | null;
  dirty?: boolean;
  uncommitted?: string[];
}

/** A valid evaluation.json (EvaluationSchema) with the given metric values (or [value, low, high]). */
export function evaluationJson(options: EvaluationOptions): string {
  const metrics: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options.metrics)) {
    metrics[name] = Array.isArray(value)
      ? { value: value[0], ci: [value[1], value[2]], method: "bootstrap" }
      : { value, ci: null, method: "none" };
  }
  const document = {
    apiVersion: "almanac/v1",
    kind: "Evaluation",
    model: {
      id: options.id,
      version: options.version ?? "1.0.0",
      task: options.task ?? "binary-classification",
      primary_metric: options.primary ?? "accuracy",
    },
    metrics,
    fairness: options.fairness ?? {},
    gates: options.gates ?? [],
    passed: options.passed ?? true,
    provenance: {
      card_version: options.version ?? "1.0.0",
      commit: options.commit === undefined ? "f".repeat(40) : options.commit,
      dirty: options.dirty ?? false,
      ...(options.uncommitted ? { uncommitted: options.uncommitted } : {}),
      dataset: { id: "data", version: options.datasetVersion ?? "1.0.0", files: [] },
      split: "test",
      rows: { train: null, test: options.rows ?? 100 },
      params: {},
      command: null,
      exit_code: null,
      duration_ms: null,
      seed: 42,
      bootstrap: { resamples: 1000, seed: 42, confidence: 0.95 },
      predictions: { file: `reports/models/${options.id}/predictions.csv.gz`, sha256: "0".repeat(64) },
      tool: { name: "almanac", version: "0.1.0" },
      runtime: {},
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A drift report with the given headline. */
export function driftJson(
  model: string,
  date: string,
  drifted: boolean,
  share = drifted ? 0.6 : 0.1,
  tests: Record<string, [test: string, threshold: number]> = {},
): string {
  return `${JSON.stringify(
    {
      apiVersion: "almanac/v1",
      kind: "DriftReport",
      model,
      date,
      reference: { source: "train", kind: "raw", rows: 100 },
      current: { source: "current.csv", rows: 100 },
      dataset_drift: drifted,
      drift_share: share,
      drift_share_threshold: 0.5,
      drifted_columns: drifted ? 3 : 0,
      columns: Object.entries(tests).map(([column, [test, threshold]]) => ({ column, test, threshold, drifted })),
    },
    null,
    2,
  )}\n`;
}

/** Deterministic pseudo-random numbers in [0, 1) for fixtures (LCG). */
export function fixtureRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** Binary predictions CSV (`row_id,target,prediction,p_no,p_yes,group`) with a given share of correct rows. */
export function binaryPredictions(
  rows: number,
  correctShare: number,
  seed: number,
  firstRow = 0,
): { csv: string; accuracy: number } {
  const random = fixtureRandom(seed);
  const truthRandom = fixtureRandom(7);
  const lines = ["row_id,target,prediction,p_no,p_yes,group"];
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    const id = firstRow + i;
    const truth = truthRandom() < 0.5 ? "yes" : "no";
    const right = random() < correctShare;
    const prediction = right ? truth : truth === "yes" ? "no" : "yes";
    if (right) correct++;
    const confidence = 0.55 + 0.4 * random();
    const pYes = prediction === "yes" ? confidence : 1 - confidence;
    lines.push(`${id},${truth},${prediction},${(1 - pYes).toFixed(4)},${pYes.toFixed(4)},${i % 2 ? "a" : "b"}`);
  }
  return { csv: `${lines.join("\n")}\n`, accuracy: correct / rows };
}

/** A valid dataset manifest with one CSV file (hash and rows as given). */
export function datasetYaml(id: string, version = "1.0.0", sha = "a".repeat(64), rows = 100): string {
  return [
    "apiVersion: almanac/v1",
    "kind: Dataset",
    `id: ${id}`,
    `version: ${version}`,
    "description: Test data.",
    "license: CC0-1.0",
    "source: { name: tests }",
    "format: csv",
    "files:",
    `  - { path: data/d.csv, sha256: "${sha}", bytes: 10, rows: ${rows} }`,
    "columns:",
    "  - { name: row_id, type: integer, role: id, unique: true }",
    "  - { name: x1, type: number }",
    "  - { name: x2, type: number }",
    "  - { name: group, type: category, role: sensitive }",
    "  - { name: label, type: category, role: target }",
    "split: { method: hash, key: row_id }",
    "",
  ].join("\n");
}
