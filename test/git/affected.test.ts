import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../core/cli/main.ts";
import { findAffected } from "../../core/git/affected.ts";
import { buildMatrix } from "../../core/report/affected.ts";
import { cardText } from "./fixtures.ts";
import { createTestRepo, type TestRepo } from "./test-repo.ts";

let repo: TestRepo;

beforeAll(() => {
  repo = createTestRepo();
  repo.commit("Initial models", {
    "models/alpha/model.md": cardText({ id: "alpha", dataset: "shared" }),
    "models/beta/model.md": cardText({
      id: "beta",
      dataset: "shared",
      runner: "[self-hosted, gpu]",
      python: '{ version: "3.11", requirements: ../../requirements.txt }',
    }),
    "models/gamma/model.md": cardText({ id: "gamma", dataset: "other", dependencies: ["features/**/*.py"] }),
    "models/old/model.md": cardText({ id: "old", dataset: "other" }),
    "datasets/shared/dataset.yaml": "id: shared\n",
    "datasets/other/dataset.yaml": "id: other\n",
    "features/common/encode.py": "print(1)\n",
    "requirements.txt": "scikit-learn==1.2.0\n",
    "core/x.ts": "export {};\n",
    "docs/index.md": "docs\n",
  });
  repo.git("branch", "base");
});

afterAll(() => repo.remove());

async function affectedOn(branch: string, files: Record<string, string | null>, move?: [string, string]) {
  repo.branch(branch, "base");
  if (move) repo.git("mv", ...move);
  repo.commit(`change on ${branch}`, files);
  // main moves on after the branch: its changes must not count (merge-base comparison)
  repo.checkout("base");
  repo.branch(`${branch}-main`);
  repo.commit("main moves on", { "models/alpha/train.ts": "// main\n" });
  repo.checkout(branch);
  const result = await findAffected(repo.dir, `${branch}-main`, branch);
  return result.models.map((model) => `${model.id} ${model.status} ${model.reasons.join("; ")}`);
}

describe("findAffected", () => {
  it("maps a model folder change to that model only (not what the base gained since)", async () => {
    expect(await affectedOn("one", { "models/beta/train.ts": "x\n" })).toEqual([
      "beta changed models/beta/train.ts changed",
    ]);
  });

  it("maps a dataset change to every model trained on it", async () => {
    expect(await affectedOn("data", { "datasets/shared/data/a.csv": "a\n" })).toEqual([
      "alpha changed dataset shared changed (datasets/shared/data/a.csv)",
      "beta changed dataset shared changed (datasets/shared/data/a.csv)",
    ]);
  });

  it("matches training dependency globs", async () => {
    expect(await affectedOn("deps", { "features/common/encode.py": "print(2)\n", "docs/index.md": "d\n" })).toEqual([
      "gamma changed training dependency changed (features/common/encode.py)",
    ]);
  });

  it("maps a change of a shared requirements file to the models that install it", async () => {
    expect(await affectedOn("requirements", { "requirements.txt": "scikit-learn==1.2.1\n" })).toEqual([
      "beta changed training dependency changed (requirements.txt)",
    ]);
  });

  it("affects everything when the toolkit or lockfile changes", async () => {
    const lines = await affectedOn("toolkit", { "package-lock.json": "{}\n" });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe("alpha changed toolkit changed (package-lock.json): every model is affected");
  });

  it("reports added, removed and renamed models", async () => {
    const lines = await affectedOn(
      "lifecycle",
      {
        "models/new/model.md": "---\nid: new\n---\nA card still being written.\n",
        "models/old": null,
      },
      ["models/gamma", "models/gamma2"],
    );
    expect(lines).toEqual([
      "gamma2 renamed models/gamma2/model.md changed",
      "new added models/new/model.md changed",
      "old removed models/old/ removed",
    ]);
  });

  it("builds the matrix with each model's runner and timeout", async () => {
    repo.branch("matrix", "base");
    repo.commit("touch", { "models/beta/x": "1\n", "models/alpha/x": "1\n", "models/old": null });
    const result = await findAffected(repo.dir, "base", "matrix");
    expect(buildMatrix(result.models)).toEqual({
      include: [
        { model: "alpha", runner: "ubuntu-latest", timeout_minutes: 10, python_version: "", python_requirements: "" },
        {
          model: "beta",
          runner: ["self-hosted", "gpu"],
          timeout_minutes: 10,
          python_version: "3.11",
          python_requirements: "requirements.txt",
        },
      ],
    });
  });

  it("prints the matrix and refuses a ref that does not exist, through the CLI", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    expect(await main(["--root", repo.dir, "affected", "--base", "base", "--head", "matrix", "--matrix"], io)).toBe(0);
    expect(JSON.parse(out.join(""))).toEqual({
      include: [
        { model: "alpha", runner: "ubuntu-latest", timeout_minutes: 10, python_version: "", python_requirements: "" },
        {
          model: "beta",
          runner: ["self-hosted", "gpu"],
          timeout_minutes: 10,
          python_version: "3.11",
          python_requirements: "requirements.txt",
        },
      ],
    });
    expect(await main(["--root", repo.dir, "affected", "--base", "nope"], io)).toBe(2);
    expect(err.join("\n")).toContain("ref 'nope' does not exist in this repository");
  });
});
