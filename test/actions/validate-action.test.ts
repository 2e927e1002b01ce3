import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCompositeAction } from "../support/action-runner.ts";
import { BASE_REPOSITORY, forkPullRequestEvent } from "../support/webhook-events.ts";
import { ALMANAC_ROOT, createWorkspace } from "../support/workspace.ts";

const ACTION = join(ALMANAC_ROOT, "actions", "validate");

function run(workspace: string, inputs: Record<string, string> = {}) {
  return runCompositeAction(ACTION, {
    eventName: "pull_request",
    event: forkPullRequestEvent("synchronize"),
    repository: BASE_REPOSITORY,
    workspace,
    inputs,
  });
}

describe("validate action (composite, under the runner's contract)", () => {
  it("passes on the examples and says so in its outputs and summary", async () => {
    const workspace = createWorkspace({ models: ["penguin-species"], datasets: ["penguins"] });
    const result = await run(workspace);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({ ok: "true", errors: "0", warnings: "0" });
    expect(result.summary).toBe("## Almanac validate: ✅ valid\n\n1 model, 1 dataset: 0 errors, 0 warnings.\n");
    expect(result.commands).toEqual([]);
  });

  it("annotates a bad card at its file, line and column and fails the step", async () => {
    const workspace = createWorkspace({ models: ["penguin-species"], datasets: ["penguins"] });
    const card = join(workspace, "models", "penguin-species", "model.md");
    const text = readFileSync(card, "utf8");
    const line = String(text.split("\n").findIndex((l) => /^stage: /.test(l)) + 1);
    writeFileSync(card, text.replace(/^stage: \w+/m, "stage: prod"));
    const result = await run(workspace, { data: "false", paths: "models/penguin-species" });
    expect(result.exitCode).toBe(1);
    expect(result.commands).toEqual([
      {
        command: "error",
        properties: {
          title: "schema.value: stage",
          file: "models/penguin-species/model.md",
          line,
          col: "8",
        },
        message:
          'expected one of "proposed", "staging", "production", "archived", received string "prod"\nhint: expected one of: proposed, staging, production, archived',
      },
    ]);
    expect(result.outputs).toEqual({ ok: "false", errors: "1", warnings: "0" });
    expect(result.summary).toBe(
      [
        "## Almanac validate: ❌ invalid",
        "",
        "1 model, 1 dataset: 1 error, 0 warnings.",
        "",
        "| Severity | Where | Field | Problem | How to fix |",
        "|---|---|---|---|---|",
        `| error | models/penguin-species/model.md:${line}:8 | stage | expected one of "proposed", "staging", "production", "archived", received string "prod" | expected one of: proposed, staging, production, archived |`,
        "",
      ].join("\n"),
    );
  });
});
