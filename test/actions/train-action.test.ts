import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCompositeAction } from "../support/action-runner.ts";
import { BASE_REPOSITORY, forkPullRequestEvent } from "../support/webhook-events.ts";
import { ALMANAC_ROOT, createWorkspace } from "../support/workspace.ts";

const ACTION = join(ALMANAC_ROOT, "actions", "train");

/** penguin-sex trains with a standard-library Python script, so the workspace needs no packages. */
function run(workspace: string) {
  return runCompositeAction(ACTION, {
    eventName: "pull_request",
    event: forkPullRequestEvent("opened"),
    repository: BASE_REPOSITORY,
    workspace,
    inputs: { model: "penguin-sex" },
  });
}

describe("train action (composite, under the runner's contract)", () => {
  it("trains and evaluates one model, with outputs and a metrics summary", async () => {
    const workspace = createWorkspace({ models: ["penguin-sex"], datasets: ["penguins-sex"] });
    const result = await run(workspace);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const evaluation = JSON.parse(readFileSync(join(workspace, "reports/models/penguin-sex/evaluation.json"), "utf8"));
    const primary = evaluation.model.primary_metric as string;
    expect(result.outputs).toEqual({
      passed: "true",
      "evaluation-path": "reports/models/penguin-sex/evaluation.json",
      "primary-metric": primary,
      "primary-value": String(evaluation.metrics[primary].value),
    });
    const lines = result.summary.split("\n");
    expect(lines[0]).toBe(`## penguin-sex ${evaluation.model.version}: ✅ gates passed`);
    expect(lines).toContain("| Metric | Value | 95% interval |");
    expect(lines.some((line) => line.startsWith(`| ${primary} (primary) | `))).toBe(true);
    expect(lines).toContain("| Gate | Check | Result |");
    expect(lines.filter((line) => line.endsWith("| ✅ passed |")).length).toBeGreaterThan(0);
  });

  it("fails the step when a gate fails, still writing the evaluation and the summary", async () => {
    const workspace = createWorkspace({ models: ["penguin-sex"], datasets: ["penguins-sex"] });
    const card = join(workspace, "models", "penguin-sex", "model.md");
    writeFileSync(
      card,
      readFileSync(card, "utf8").replace(/accuracy: \{ ?min: [0-9.]+ ?\}/, "accuracy: { min: 0.999 }"),
    );
    const result = await run(workspace);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBe("false");
    expect(existsSync(join(workspace, "reports/models/penguin-sex/evaluation.json"))).toBe(true);
    expect(result.summary.split("\n")[0]).toMatch(/^## penguin-sex \S+: ❌ a gate failed$/);
    expect(result.summary).toMatch(/\| accuracy min \| .* \| ❌ failed \|/);
  });
});
