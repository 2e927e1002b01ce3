import { describe, expect, it } from "vitest";
import { parseModelCard } from "../../core/load/model-card.ts";
import { BIRD_CARD, lineOf } from "../support/tiny-repo.ts";

const FILE = "models/bird-species/model.md";

/** [what, text to find, replacement, field, code, a string on the expected line (after the change)] */
const MUTATIONS: [string, string, string, string, string, string][] = [
  ["apiVersion", "apiVersion: almanac/v1", "apiVersion: 1", "apiVersion", "schema.value", "apiVersion:"],
  ["kind", "kind: Model", "kind: Dataset", "kind", "schema.value", "kind:"],
  ["id", "id: bird-species", "id: Bird Species", "id", "schema.invalid", "id: Bird"],
  ["name", "name: Bird species", "name: ''", "name", "schema.invalid", "name: ''"],
  ["version", "version: 1.0.0\nstage", "version: one\nstage", "version", "schema.invalid", "version: one"],
  ["stage", "stage: proposed", "stage: prod", "stage", "schema.value", "stage: prod"],
  ["owners", 'owners: ["@almanac/birds"]', "owners: []", "owners", "schema.invalid", "owners: []"],
  ["task", "task: multiclass-classification", "task: classification", "task", "schema.value", "task:"],
  ["license", "license: MIT", "license: 3", "license", "schema.type", "license: 3"],
  ["dataset.id", "  id: birds", "  id: Birds!", "dataset.id", "schema.invalid", "id: Birds!"],
  [
    "dataset.version",
    "  version: 1.0.0\n  target",
    "  version: latest\n  target",
    "dataset.version",
    "schema.invalid",
    "version: latest",
  ],
  ["dataset.target", "  target: species", "  target: 7", "dataset.target", "schema.type", "target: 7"],
  [
    "dataset.features",
    "  features: [wing_mm, mass_g]",
    "  features: wing_mm",
    "dataset.features",
    "schema.type",
    "features:",
  ],
  [
    "dataset.sensitive",
    "  sensitive: [ringed]",
    "  sensitive: {a: 1}",
    "dataset.sensitive",
    "schema.type",
    "sensitive:",
  ],
  ["training.command", "  command: node train.ts", "  command: ''", "training.command", "schema.invalid", "command:"],
  [
    "training.timeout",
    "  command: node train.ts",
    "  command: node train.ts\n  timeout: 10 minutes",
    "training.timeout",
    "schema.invalid",
    "timeout:",
  ],
  [
    "training.seed",
    "  command: node train.ts",
    "  command: node train.ts\n  seed: -1",
    "training.seed",
    "schema.invalid",
    "seed: -1",
  ],
  [
    "training.python.version",
    "  command: node train.ts",
    "  command: node train.ts\n  python: { version: 3.10 }",
    "training.python.version",
    "schema.type",
    "python:",
  ],
  [
    "training.python.requirements",
    "  command: node train.ts",
    "  command: node train.ts\n  python:\n    requirements: /etc/passwd",
    "training.python.requirements",
    "schema.invalid",
    "requirements:",
  ],
  [
    "training.python (unknown key)",
    "  command: node train.ts",
    "  command: node train.ts\n  python:\n    requirement: requirements.txt",
    "training.python.requirement",
    "schema.unknown-key",
    "requirement:",
  ],
  [
    "evaluation.primary_metric",
    "  primary_metric: macro_f1",
    "  primary_metric: macro_f2",
    "evaluation.primary_metric",
    "schema.value",
    "primary_metric",
  ],
  [
    "evaluation.gates.accuracy.min",
    "accuracy: { min: 0.5 }",
    'accuracy: { min: "high" }',
    "evaluation.gates.accuracy.min",
    "schema.type",
    "accuracy:",
  ],
  [
    "evaluation.gates.accuracy",
    "accuracy: { min: 0.5 }",
    "accuracy: {}",
    "evaluation.gates.accuracy",
    "schema.invalid",
    "accuracy:",
  ],
  [
    "monitoring.current",
    "---\n\n#",
    "monitoring:\n  drift_share: 0.5\n---\n\n#",
    "monitoring.current",
    "schema.missing",
    "drift_share: 0.5",
  ],
  [
    "monitoring.drift_share",
    "---\n\n#",
    "monitoring:\n  current: x.csv\n  drift_share: 2\n---\n\n#",
    "monitoring.drift_share",
    "schema.invalid",
    "drift_share",
  ],
  ["unknown key", "license: MIT", "license: MIT\ntag: [a]", "tag", "schema.unknown-key", "tag:"],
];

describe("model card fields (one valid card, one mutation per field)", () => {
  it("accepts the valid card", () => {
    const parsed = parseModelCard(BIRD_CARD, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.card?.dataset.features).toEqual(["wing_mm", "mass_g"]);
  });

  it.each(MUTATIONS)("%s: names the field and its line in the card", (_what, find, replace, field, code, needle) => {
    expect(BIRD_CARD.includes(find), `fixture contains ${JSON.stringify(find)}`).toBe(true);
    const text = BIRD_CARD.replace(find, replace);
    const { diagnostics } = parseModelCard(text, FILE);
    const match = diagnostics.find((d) => d.field === field);
    expect(match, JSON.stringify(diagnostics, null, 2)).toBeDefined();
    expect(match).toMatchObject({ file: FILE, code, line: lineOf(text, needle), severity: "error" });
    expect(match?.hint).not.toBe("");
  });

  it("suggests the closest key and the closest stage", () => {
    const { diagnostics } = parseModelCard(
      BIRD_CARD.replace("license: MIT", "lisence: MIT").replace("stage: proposed", "stage: stagng"),
      FILE,
    );
    expect(diagnostics.find((d) => d.field === "lisence")?.hint).toBe(
      'did you mean "license"? Remove the key or fix its spelling.',
    );
    expect(diagnostics.find((d) => d.field === "stage")?.hint).toBe('did you mean "staging"?');
  });
});
