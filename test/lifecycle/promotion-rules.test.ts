import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { promoteModel } from "../../core/lifecycle/promote.ts";
import { cardText, driftJson, evaluationJson } from "../git/fixtures.ts";
import { createTinyRepo, runCli } from "../support/tiny-repo.ts";

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const CARD = "models/churn/model.md";
const card = () => readFileSync(join(root, CARD), "utf8");
/** The evaluated artifact, published to the card's folder store (production needs it). */
const ARTIFACT = {
  sha256: "a".repeat(64),
  size: 10240,
  media_type: "application/vnd.almanac.model.layer.v1.tar",
  files: [],
};
const withStore = (text: string) =>
  text.replace("\nevaluation:\n", "\nartifact:\n  store: file://store\nevaluation:\n");
const evaluated = (options: Parameters<typeof evaluationJson>[0]) =>
  JSON.stringify({ ...JSON.parse(evaluationJson(options)), artifact: ARTIFACT });
const gateReasons = (reasons: readonly string[]) => reasons.filter((reason) => reason.startsWith("gates fail"));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "almanac-promotion-"));
  write("reports/models/churn/evaluation.json", evaluated({ id: "churn", metrics: { accuracy: 0.9, roc_auc: 0.8 } }));
  write("reports/drift/churn/2025-02-01.json", driftJson("churn", "2025-02-01", false));
  const { sha256, size, media_type } = ARTIFACT;
  write("store/churn/1.0.0/churn-1.0.0.tar", "");
  write("store/churn/1.0.0/artifact.json", JSON.stringify({ sha256, size, media_type, file: "churn-1.0.0.tar" }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("production needs an absolute gate on the primary metric that passed", () => {
  it("refuses relative gates alone, naming the primary metric; staging also refuses when no gate passed", async () => {
    write(CARD, cardText({ id: "churn", stage: "staging", gates: "    accuracy: { max_drop: 0.02 }" }));
    const production = await promoteModel(root, "churn", "production");
    expect(gateReasons(production.reasons)).toEqual([
      "gates fail: production needs a min or max gate on the primary metric accuracy: add evaluation.gates.accuracy: { min: … }",
    ]);
    write(CARD, cardText({ id: "churn", stage: "proposed", gates: "    accuracy: { max_drop: 0.02 }" }));
    const staging = await promoteModel(root, "churn", "staging");
    expect(staging.reasons).toEqual([
      "gates fail: the card has no gate that can pass without a baseline: add an absolute gate, e.g. evaluation.gates.accuracy: { min: … }",
    ]);
    expect(staging.checks.find((check) => check.check === "gates")?.detail).not.toContain("0 gates pass");
  });

  it("a gate on another metric is not enough for production, but is for staging", async () => {
    const gates = "    accuracy: { min: 0.7 }";
    write(CARD, cardText({ id: "churn", stage: "staging", primary: "roc_auc", gates }));
    const production = await promoteModel(root, "churn", "production");
    expect(gateReasons(production.reasons)).toEqual([
      "gates fail: production needs a min or max gate on the primary metric roc_auc: add evaluation.gates.roc_auc: { min: … }",
    ]);
    write(CARD, cardText({ id: "churn", stage: "proposed", primary: "roc_auc", gates }));
    expect(await promoteModel(root, "churn", "staging")).toMatchObject({ promoted: true });
    expect(card()).toContain("stage: staging");
  });

  it("a primary gate with no value to check does not count", async () => {
    write(CARD, cardText({ id: "churn", stage: "staging", primary: "f1", gates: "    f1: { min: 0.5 }" }));
    const result = await promoteModel(root, "churn", "production");
    expect(gateReasons(result.reasons)).toEqual([
      "gates fail: production needs the min or max gate on f1 to pass, and it was not checked",
    ]);
  });

  it("lists a failed gate once, though the card and the evaluation word it differently", async () => {
    const failed = {
      metric: "accuracy",
      kind: "min",
      bound: 0.95,
      value: 0.9,
      ci: [0.85, 0.93],
      passed: false,
      message: "accuracy 0.9 [0.85, 0.93] < 0.95 (min)",
    };
    write(CARD, cardText({ id: "churn", stage: "staging", gates: "    accuracy: { min: 0.95 }" }));
    write(
      "reports/models/churn/evaluation.json",
      evaluated({ id: "churn", metrics: { accuracy: 0.9 }, gates: [failed], passed: false }),
    );
    const result = await promoteModel(root, "churn", "production");
    expect(gateReasons(result.reasons)).toEqual(["gates fail: accuracy 0.9 < min 0.95"]);
    const run = await runCli(["promote", "churn", "--to", "production", "--root", root]);
    expect(run.code).toBe(1);
    expect(run.stdout.match(/accuracy 0\.9/g)).toHaveLength(1);
  });
});

describe("production needs a real card", () => {
  it("refuses the scaffold's prompts and UNLICENSED, naming each section", async () => {
    const tiny = await createTinyRepo({ card: null });
    try {
      const made = await runCli([
        "new",
        "model",
        "bird-kind",
        "--dataset",
        "birds",
        "--task",
        "multiclass-classification",
        "--target",
        "species",
        "--root",
        tiny,
      ]);
      expect(made.code).toBe(0);
      const scaffold = readFileSync(join(tiny, "models/bird-kind/model.md"), "utf8");
      rmSync(root, { recursive: true, force: true });
      root = tiny;
      write(
        "models/bird-kind/model.md",
        scaffold.replace("stage: proposed", "stage: staging").replace("max_drop: 0.02", "min: 0.1"),
      );
      write(
        "reports/models/bird-kind/evaluation.json",
        evaluationJson({
          id: "bird-kind",
          version: "0.1.0",
          task: "multiclass-classification",
          primary: "macro_f1",
          metrics: { macro_f1: 0.5 },
        }),
      );
      write("reports/drift/bird-kind/2025-02-01.json", driftJson("bird-kind", "2025-02-01", false));
      const result = await promoteModel(root, "bird-kind", "production");
      const complete = result.checks.find((check) => check.check === "card_complete");
      expect(complete?.passed).toBe(false);
      expect(complete?.detail).toContain('"## Intended use" still holds the scaffold\'s prompt');
      expect(complete?.detail).toContain('"## Limitations" still holds the scaffold\'s prompt');
      expect(complete?.detail).toContain("license is UNLICENSED");
      expect(result.reasons.filter((reason) => reason.includes("Intended use"))).toHaveLength(1);
      expect(readFileSync(join(tiny, "models/bird-kind/model.md"), "utf8")).toContain("stage: staging");
    } finally {
      rmSync(tiny, { recursive: true, force: true });
    }
  });

  it("accepts the same card once both sections are written and it has a license", async () => {
    write(CARD, withStore(cardText({ id: "churn", stage: "staging", license: "UNLICENSED" })));
    expect((await promoteModel(root, "churn", "production")).reasons).toEqual([
      "the card is incomplete for production: license is UNLICENSED (the scaffold's default, meaning no one may use it): set an SPDX identifier such as MIT or Apache-2.0",
    ]);
    write(CARD, withStore(cardText({ id: "churn", stage: "staging", license: "Apache-2.0" })));
    expect(await promoteModel(root, "churn", "production")).toMatchObject({ promoted: true, reasons: [] });
  });
});
