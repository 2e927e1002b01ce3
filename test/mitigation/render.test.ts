import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { mitigationMarkdown } from "../../core/mitigation/render.ts";
import { EvaluationSchema } from "../../core/schemas/evaluation.ts";

describe("the mitigation table of reports", () => {
  it("shows the cost in the primary metric and each gap with and without reweighing, with intervals", async () => {
    const evaluation = EvaluationSchema.parse(
      JSON.parse(await readFile("reports/models/penguin-sex/evaluation.json", "utf8")),
    );
    const mitigation = evaluation.mitigation;
    expect(mitigation).toBeDefined();
    const lines = mitigationMarkdown(mitigation as NonNullable<typeof mitigation>).split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "`reweighing` on `island`, against the same training command without weights, scored on the same test rows (the change in the primary metric is paired; the gaps' changes use the same resamples).",
      "",
      "| measure | with | without | change (with − without) |",
      "|---|---:|---:|---:|",
    ]);
    expect(lines[4]).toBe(
      "| roc\\_auc (primary) | 0.9572 [0.9199, 0.9945] | 0.9565 [0.919, 0.994] | +0.000713 [-0.001501, 0.002927] |",
    );
    expect(lines.slice(5).map((line) => line.split(" | ")[0])).toEqual([
      "| demographic_parity_difference",
      "| equalized_odds_difference",
      "| primary_metric_gap",
    ]);
    for (const line of lines.slice(4)) expect(line.match(/\[[^\]]+\]/g)).toHaveLength(3);
  });
});
