import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { palette } from "../../core/cli/output.ts";
import { checkGates, gateValue } from "../../core/evaluate/gates.ts";
import { renderGates } from "../../core/evaluate/render.ts";
import type { Evaluation } from "../../core/schemas/evaluation.ts";
import { makeRepo, runCli } from "../train/fixture-repo.ts";

type Parts = Pick<Evaluation, "metrics" | "fairness">;

const metric = (value: number | null, ci: [number, number] | null = null) => ({
  value,
  ci,
  method: ci ? ("bootstrap" as const) : ("none" as const),
});
const current: Parts = {
  metrics: {
    roc_auc: metric(0.8, [0.75, 0.85]),
    rmse: metric(3.6, [3.1, 4.1]),
    log_loss: { ...metric(null), reason: "no probability columns p_<class> for the classes" },
  },
  fairness: {
    sex: {
      groups: [],
      demographic_parity_ratio: 0.8,
      demographic_parity_difference: 0.05,
      primary_metric_gap: 0.02,
      warnings: [],
    },
    island: {
      groups: [],
      demographic_parity_ratio: 0.6,
      demographic_parity_difference: 0.15,
      primary_metric_gap: 0.01,
      warnings: [],
    },
  },
};
const baseline: Parts = { metrics: { roc_auc: metric(0.85), rmse: metric(3.4) }, fairness: {} };

describe("checkGates", () => {
  it("min and max, with the value, bound and interval in the message", () => {
    expect(
      checkGates({ roc_auc: { min: 0.75 }, rmse: { max: 3.5 } }, current, { evaluation: null, label: null }),
    ).toEqual([
      {
        metric: "roc_auc",
        kind: "min",
        bound: 0.75,
        value: 0.8,
        ci: [0.75, 0.85],
        passed: true,
        message: "roc_auc 0.8 [0.75, 0.85] ≥ 0.75 (min)",
      },
      {
        metric: "rmse",
        kind: "max",
        bound: 3.5,
        value: 3.6,
        ci: [3.1, 4.1],
        passed: false,
        message: "rmse 3.6 [3.1, 4.1] > 3.5 (max)",
      },
    ]);
  });

  it("max_drop is direction-aware", () => {
    const results = checkGates({ roc_auc: { max_drop: 0.02 }, rmse: { max_drop: 0.25 } }, current, {
      evaluation: baseline,
      label: "main",
    });
    expect(results.map((gate) => [gate.passed, gate.message])).toEqual([
      [false, "roc_auc worsened by 0.05 from 0.85 (main) to 0.8 [0.75, 0.85]; allowed drop 0.02"],
      [true, "rmse worsened by 0.2 from 3.4 (main) to 3.6 [3.1, 4.1]; allowed drop 0.25"],
    ]);
    const better = checkGates(
      { rmse: { max_drop: 0 } },
      { ...current, metrics: { rmse: metric(3.0) } },
      { evaluation: baseline, label: "main" },
    );
    expect(better[0]?.passed).toBe(true);
    expect(better[0]?.message).toBe("rmse improved by 0.4 from 3.4 (main) to 3; allowed drop 0");
  });

  it("without a baseline max_drop is not checkable; an undefined metric fails its gate", () => {
    const [drop, undefinedGate] = checkGates({ roc_auc: { max_drop: 0.02 }, log_loss: { max: 0.5 } }, current, {
      evaluation: null,
      label: null,
    });
    expect(drop?.passed).toBeNull();
    // The stored message (evaluation.json, the site) names no flag; the terminal adds them.
    expect(drop?.message).toBe("roc_auc max_drop 0.02 not checked: no baseline evaluation");
    expect(renderGates([drop as Evaluation["gates"][number]], palette(false))).toEqual([
      "  – roc_auc max_drop 0.02 not checked: no baseline evaluation (pass --baseline FILE or --baseline-ref REF)",
    ]);
    expect(undefinedGate?.passed).toBe(false);
    expect(undefinedGate?.message).toBe(
      "log_loss is undefined (no probability columns p_<class> for the classes); the gate max 0.5 cannot pass",
    );
  });

  it("fairness gates read the worst sensitive column", () => {
    expect(gateValue("demographic_parity_difference", current).value).toBe(0.15);
    expect(gateValue("demographic_parity_ratio", current).value).toBe(0.6);
    expect(gateValue("primary_metric_gap", current).value).toBe(0.02);
    expect(gateValue("equalized_odds_difference", current)).toEqual({
      value: null,
      ci: null,
      reason: "no sensitive column gives a value (dataset.sensitive)",
    });
  });
});

describe("gates through the CLI", () => {
  let root: string;
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@e",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@e",
      },
    }).toString();

  beforeAll(async () => {
    root = await makeRepo({ datasets: ["cars"], models: ["car-mpg"] });
    expect((await runCli(["train", "car-mpg"], root)).code).toBe(0);
  });

  it("--baseline FILE: a drop beyond max_drop exits 1 naming the gate, value, bound and interval", async () => {
    const evaluation = JSON.parse(await readFile(join(root, "reports/models/car-mpg/evaluation.json"), "utf8"));
    evaluation.metrics.rmse.value -= 0.5;
    await writeFile(join(root, "better.json"), JSON.stringify(evaluation));
    const { code, stdout } = await runCli(["evaluate", "car-mpg", "--baseline", join(root, "better.json")], root);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ rmse worsened by 0\.5 from [\d.]+ \(.*better\.json\) to [\d.]+ \[[\d.]+, [\d.]+\]; allowed drop 0\.25/,
    );
    expect(stdout).toContain("✓ r2");
  });

  it("--baseline-ref REF reads that commit's evaluation.json with git show", async () => {
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "baseline");
    const same = await runCli(["evaluate", "car-mpg", "--baseline-ref", "HEAD", "--json"], root);
    expect(same.code).toBe(0);
    const evaluation = JSON.parse(same.stdout);
    expect(evaluation.gates.find((gate: { kind: string }) => gate.kind === "max_drop")).toMatchObject({
      passed: true,
      baseline: evaluation.metrics.rmse.value,
    });
    expect(evaluation.provenance.commit).toMatch(/^[0-9a-f]{40}$/);
    const unknown = await runCli(["evaluate", "car-mpg", "--baseline-ref", "no-such-branch"], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown git ref "no-such-branch"');
  });
});
