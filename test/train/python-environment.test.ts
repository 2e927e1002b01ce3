import { readFile, realpath, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPythonVenv, type PythonVenv } from "../support/python-venv.ts";
import { WITHHELD } from "../support/withheld-variables.ts";
import { makeRepo, runCli, runCliProcess } from "./fixture-repo.ts";

let venv: PythonVenv;
let root: string;

beforeAll(async () => {
  venv = await createPythonVenv();
  root = await makeRepo({ datasets: ["penguins-sex"] });
  const scaffold = await runCli(
    "new model sex-sklearn --dataset penguins-sex --task binary-classification --target sex --language python".split(
      " ",
    ),
    root,
  );
  expect(scaffold.code).toBe(0);
});
afterAll(async () => {
  await venv.remove();
  await rm(root, { recursive: true, force: true });
});

/** Sets the card's training command (the scaffold's train.py stays beside it). */
async function setCommand(command: string): Promise<void> {
  const card = join(root, "models/sex-sklearn/model.md");
  const text = await readFile(card, "utf8");
  await writeFile(card, text.replace(/^ {2}command: .*$/m, `  command: ${JSON.stringify(command)}`));
}

describe("almanac train in an activated Python environment", () => {
  it("runs a python model with the venv's interpreter and packages, its variables passed, secrets withheld", async () => {
    await setCommand(`env && python3 -c 'import sys; print("interpreter", sys.prefix)' && python3 train.py`);
    const activated = {
      ...venv.env,
      CONDA_PREFIX: "/opt/conda/envs/penguins",
      CONDA_DEFAULT_ENV: "penguins",
      PYENV_VERSION: "3.11.2",
      UV_PROJECT_ENVIRONMENT: venv.dir,
      PYTHONHASHSEED: "0",
      OMP_NUM_THREADS: "1",
    };
    const run = await runCliProcess(["train", "sex-sklearn"], root, { ...activated, ...WITHHELD });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    for (const [name, value] of Object.entries(activated))
      expect(lines, `${name} reaches the command`).toContain(`[sex-sklearn] ${name}=${value}`);
    expect(lines).toContain(`[sex-sklearn] interpreter ${await realpath(venv.dir)}`);
    expect(run.stdout).toMatch(/^\[sex-sklearn\] LogisticRegression \(binary-classification\) trained on \d+ rows/m);
    for (const [name, value] of Object.entries(WITHHELD)) {
      expect(run.stdout + run.stderr, `${name} is withheld`).not.toContain(value);
      expect(run.stdout).not.toContain(`[sex-sklearn] ${name}=`);
    }
  });

  it("says which module the Python that ran lacks, and how to install the card's requirements", async () => {
    await setCommand("python3 train.py");
    const empty = await createPythonVenv({ systemSitePackages: false });
    try {
      const run = await runCliProcess(["train", "sex-sklearn"], root, empty.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("[sex-sklearn] ModuleNotFoundError: No module named 'pandas'");
      expect(run.stderr).toContain(
        `hint: the Python that ran has no module "pandas": activate an environment with models/sex-sklearn/requirements.txt installed (pip install -r models/sex-sklearn/requirements.txt), then run almanac train sex-sklearn again (the active environment ${empty.dir} lacks it); see docs/training.md, "Python"`,
      );
    } finally {
      await empty.remove();
    }
  });

  it("says when python3 is not on the PATH it was given", async () => {
    await setCommand("python3 train.py");
    const run = await runCliProcess(["train", "sex-sklearn"], root, { PATH: join(root, "no-such-bin") });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'hint: python3 is not on the PATH almanac train was given: install it or activate the environment that has it; see docs/training.md, "Python"',
    );
  });
});
