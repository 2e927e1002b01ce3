import { describe, expect, it } from "vitest";
import { parseModelCard } from "../../core/load/model-card.ts";
import { checkPolicyReferences } from "../../core/validate/policy-references.ts";
import { BIRD_CARD, lineOf } from "../support/tiny-repo.ts";

const FILE = "models/bird-species/model.md";
const POLICY = [
  "fairness:",
  "  mitigation: reweighing",
  "  column: ringed",
  "retraining:",
  "  on: manual",
  "  data: datasets/birds/labelled/*.csv",
  "  bump: patch",
  "  gates:",
  "    macro_f1: { max_drop: 0.02 }",
].join("\n");
const CARD = BIRD_CARD.replace("---\n\n#", `${POLICY}\n---\n\n#`);

/** [what, text to find, replacement, field, code, a string on the expected line] */
const MUTATIONS: [string, string, string, string, string, string][] = [
  [
    "fairness.mitigation",
    "  mitigation: reweighing",
    "  mitigation: massaging",
    "fairness.mitigation",
    "schema.value",
    "mitigation:",
  ],
  ["fairness.column", "  column: ringed\n", "", "fairness.column", "schema.missing", "mitigation:"],
  ["retraining.on", "  on: manual", "  on: weekly", "retraining.on", "schema.value", "on: weekly"],
  [
    "retraining.data",
    "  data: datasets/birds/labelled/*.csv",
    "  data: ''",
    "retraining.data",
    "schema.invalid",
    "data: ''",
  ],
  ["retraining.bump", "  bump: patch", "  bump: major", "retraining.bump", "schema.value", "bump: major"],
  [
    "retraining.gates.macro_f1.max_drop",
    "{ max_drop: 0.02 }",
    "{ max_drop: -1 }",
    "retraining.gates.macro_f1.max_drop",
    "schema.invalid",
    "macro_f1:",
  ],
  [
    "retraining.gates.macro_f1.judged_on",
    "{ max_drop: 0.02 }",
    "{ max_drop: 0.02, judged_on: mean }",
    "retraining.gates.macro_f1.judged_on",
    "schema.value",
    "macro_f1:",
  ],
];

/** [what, replacement pairs, field, code, message] for the cross-field rules. */
const REFERENCES: [string, [string, string][], string, string, string][] = [
  [
    "mitigated column not sensitive",
    [["  column: ringed", "  column: wing_mm"]],
    "fairness.column",
    "ref.mitigation-column",
    'fairness.column "wing_mm" is not one of dataset.sensitive (ringed)',
  ],
  [
    "reweighing a regression",
    [
      ["task: multiclass-classification", "task: regression"],
      ["macro_f1: { max_drop", "rmse: { max_drop"],
    ],
    "fairness.mitigation",
    "ref.mitigation-task",
    "reweighing balances groups against classes, which a regression target does not have",
  ],
  [
    "gate on an unknown metric",
    [["macro_f1: { max_drop", "macro_f2: { max_drop"]],
    "retraining.gates.macro_f2",
    "ref.metric-unknown",
    'unknown metric "macro_f2"',
  ],
  [
    "fresh data outside the dataset",
    [["  data: datasets/birds/labelled/*.csv", "  data: incoming/*.csv"]],
    "retraining.data",
    "ref.retraining-data",
    'retraining.data "incoming/*.csv" is not inside datasets/birds/',
  ],
  [
    "on drift without monitoring",
    [["  on: manual", "  on: drift"]],
    "retraining.on",
    "ref.retraining-monitoring",
    "retraining.on is drift, but the card has no monitoring section for the scheduled run to watch",
  ],
];

describe("fairness and retraining policy fields", () => {
  it("accepts the valid policy, with defaults filled in", () => {
    const parsed = parseModelCard(CARD, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.card?.fairness).toEqual({ mitigation: "reweighing", column: "ringed" });
    expect(parsed.card?.retraining).toEqual({
      on: "manual",
      data: "datasets/birds/labelled/*.csv",
      bump: "patch",
      gates: { macro_f1: { max_drop: 0.02, judged_on: "interval" } },
    });
    expect(checkPolicyReferences(parsed)).toEqual([]);
  });

  it.each(MUTATIONS)("%s: names the field and its line", (_what, find, replace, field, code, needle) => {
    expect(CARD.includes(find), `fixture contains ${JSON.stringify(find)}`).toBe(true);
    const text = CARD.replace(find, replace);
    const { diagnostics } = parseModelCard(text, FILE);
    const match = diagnostics.find((d) => d.field === field);
    expect(match, JSON.stringify(diagnostics, null, 2)).toBeDefined();
    expect(match).toMatchObject({ file: FILE, code, line: lineOf(text, needle), severity: "error" });
  });

  it.each(REFERENCES)("%s: a cross-field finding naming the field", (_what, replacements, field, code, message) => {
    let text = CARD;
    for (const [find, replace] of replacements) {
      expect(text.includes(find)).toBe(true);
      text = text.replace(find, replace);
    }
    const parsed = parseModelCard(text, FILE);
    expect(parsed.diagnostics).toEqual([]);
    const findings = checkPolicyReferences(parsed);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: FILE, field, code, message });
    expect(findings[0]?.hint).not.toBe("");
  });
});
