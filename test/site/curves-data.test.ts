import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadCurves, MAX_RESIDUAL_POINTS, thinPoints } from "../../site/lib/data/curves.ts";
import { evaluation } from "./support/fixtures.ts";

async function repository(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "almanac-curves-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

const binary = () => {
  const base = evaluation("1.0.0", 0.9);
  return {
    ...base,
    model: { ...base.model, positive_class: "yes" },
    provenance: { ...base.provenance, predictions: { file: "reports/models/churn/p.csv.gz", sha256: "0" } },
  };
};

describe("curves from committed predictions", () => {
  it("computes ROC, precision–recall and calibration of the positive class", async () => {
    const csv =
      "row_id,target,prediction,p_no,p_yes\n1,yes,yes,0.2,0.8\n2,no,no,0.9,0.1\n3,yes,no,0.6,0.4\n4,no,yes,0.35,0.65\n";
    const root = await repository({ "reports/models/churn/p.csv.gz": gzipSync(csv) });
    const { curves, warning } = await loadCurves(root, binary());
    expect(warning).toBeUndefined();
    expect(curves).toEqual({
      kind: "binary",
      positive: "yes",
      rows: 4,
      roc: [
        [0, 0],
        [0, 0.5],
        [0.5, 0.5],
        [0.5, 1],
        [1, 1],
      ],
      precisionRecall: [
        [1, 0.5],
        [1, 2 / 3],
        [0.5, 0.5],
        [0.5, 1],
        [0, 1],
      ],
      prevalence: 0.5,
      calibration: [
        [0.1, 0, 1],
        [0.4, 1, 1],
        [0.65, 0, 1],
        [0.8, 1, 1],
      ],
    });
  });

  it("draws nothing without the file, and warns when the file does not parse", async () => {
    expect(await loadCurves(await repository({}), binary())).toEqual({ curves: undefined, warning: undefined });
    const broken = await repository({ "reports/models/churn/p.csv.gz": "row_id,prediction\n1,yes\n" });
    const { curves, warning } = await loadCurves(broken, binary());
    expect(curves).toBeUndefined();
    expect(warning?.message).toBe(
      "the predictions could not be read for the model page's curves: column 'target' is missing (columns: row_id, prediction)",
    );
    expect(warning?.file).toBe("reports/models/churn/p.csv.gz");
  });

  it("keeps at most MAX_RESIDUAL_POINTS residuals, spread over the rows sorted by prediction", async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${i},${i + (i % 3)},${i}`);
    const root = await repository({ "p.csv": `row_id,target,prediction\n${lines.join("\n")}\n` });
    const base = evaluation("1.0.0", 0.9);
    const regression = {
      ...base,
      model: { ...base.model, task: "regression" as const },
      provenance: { ...base.provenance, predictions: { file: "p.csv", sha256: "0" } },
    };
    const { curves } = await loadCurves(root, regression);
    expect(curves?.kind).toBe("regression");
    if (curves?.kind !== "regression") return;
    expect(curves.rows).toBe(1000);
    expect(curves.residuals).toHaveLength(MAX_RESIDUAL_POINTS);
    expect(curves.residuals[0]).toEqual([0, 0]);
    expect(curves.residuals.at(-1)).toEqual([999, 0]);
    expect(thinPoints([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5]);
  });
});
