import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../core/cli/main.ts";
import { formatInterval, formatValue } from "../../core/diff/format.ts";
import type { DiffResult } from "../../core/diff/types.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";
import { createTestRepo, type TestRepo } from "../git/test-repo.ts";

/**
 * A pull request in a throwaway repository that retrains the real penguin-species example
 * with `almanac train` at the base and at the head: the comment's numbers, intervals,
 * verdicts and gates must agree with the two committed evaluations.
 */
let repo: TestRepo;
let comment: string;
let diff: DiffResult;
const MAIN = resolve(import.meta.dirname, "../..");
const silent = { stdout: () => {}, stderr: () => {} };

async function train(): Promise<void> {
  const code = await main(["--root", repo.dir, "train", "penguin-species"], silent);
  expect([0, 1]).toContain(code);
}

beforeAll(async () => {
  repo = createTestRepo("almanac-example-pr-");
  cpSync(`${MAIN}/models/penguin-species`, `${repo.dir}/models/penguin-species`, { recursive: true });
  cpSync(`${MAIN}/datasets/penguins`, `${repo.dir}/datasets/penguins`, { recursive: true });
  symlinkSync(`${MAIN}/node_modules`, `${repo.dir}/node_modules`);
  symlinkSync(`${MAIN}/core`, `${repo.dir}/core`);
  writeFileSync(`${repo.dir}/.gitignore`, "node_modules\ncore\n");
  await train();
  repo.git("add", "-A");
  repo.commit("Add the penguin classifier (#1)", {});
  repo.branch("fewer-trees");
  const card = `${repo.dir}/models/penguin-species/model.md`;
  writeFileSync(
    card,
    readFileSync(card, "utf8").replace("trees: 50", "trees: 3").replace("version: 1.0.0", "version: 1.1.0"),
  );
  await train();
  repo.git("add", "-A");
  repo.commit("Retrain with three trees", {});
  const out: string[] = [];
  const io = { stdout: (text: string) => out.push(text), stderr: () => {} };
  await main(["--root", repo.dir, "report", "--base", "main", "--head", "fewer-trees"], io);
  comment = out.join("");
  out.length = 0;
  await main(["--root", repo.dir, "diff", "--base", "main", "--head", "fewer-trees", "--json"], io);
  diff = JSON.parse(out.join(""));
}, 120_000);

afterAll(() => repo.remove());

const evaluationAt = (ref: string) =>
  EvaluationSchema.parse(
    JSON.parse(
      execFileSync("git", ["-C", repo.dir, "show", `${ref}:reports/models/penguin-species/evaluation.json`], {
        encoding: "utf8",
      }),
    ),
  );

describe("a pull request that retrains the penguin example", () => {
  it("shows the committed numbers of both refs, paired on the same test rows", () => {
    const [base, head] = [evaluationAt("main"), evaluationAt("fewer-trees")];
    const model = diff.models[0];
    expect(diff.models.map((m) => m.model)).toEqual(["penguin-species"]);
    expect(model?.pairing?.paired).toBe(true);
    for (const metric of model?.metrics ?? []) {
      expect(metric.base).toBe(base.metrics[metric.metric]?.value ?? null);
      expect(metric.head).toBe(head.metrics[metric.metric]?.value ?? null);
    }
    const macro = model?.metrics.find((metric) => metric.metric === "macro_f1");
    expect(macro?.primary).toBe(true);
    expect(macro?.method).toBe("paired bootstrap");
    const row = `| **macro\\_f1** (primary) | ${formatValue(macro?.base ?? null)} | ${formatValue(macro?.head ?? null)} | ${formatValue(macro?.delta ?? null, true)} |`;
    expect(comment).toContain(row);
    expect(comment).toContain(`${formatInterval(macro?.interval ?? null)} paired`);
  });

  it("judges each metric by whether its interval contains 0, in the metric's direction", () => {
    for (const metric of diff.models[0]?.metrics ?? []) {
      if (!metric.interval || metric.delta === null) continue;
      const [low, high] = metric.interval;
      const expected =
        low <= 0 && high >= 0 ? "unchanged" : low > 0 === metric.higherIsBetter ? "improved" : "regressed";
      expect(metric.verdict, metric.metric).toBe(expected);
      expect(low).toBeLessThanOrEqual(high);
    }
  });

  it("checks the card's gates, max_drop against the base", () => {
    const [base, head] = [evaluationAt("main"), evaluationAt("fewer-trees")];
    const gates = diff.models[0]?.gates ?? [];
    const headMacro = head.metrics.macro_f1?.value as number;
    const baseMacro = base.metrics.macro_f1?.value as number;
    expect(gates.find((gate) => gate.metric === "macro_f1" && gate.kind === "min")?.passed).toBe(headMacro >= 0.9);
    const maxDrop = gates.find((gate) => gate.kind === "max_drop");
    expect(maxDrop?.baseline).toBe(baseMacro);
    expect(maxDrop?.passed).toBe(baseMacro - headMacro <= 0.02 + 1e-12);
    const failed = gates.some((gate) => gate.passed === false);
    expect(comment.split("\n")[1]?.startsWith(failed ? "**❌" : "**")).toBe(true);
    expect(comment).toContain("| Version | macro\\_f1 | Commit |");
    expect(comment).toContain("1.1.0 (this change)");
  });
});
