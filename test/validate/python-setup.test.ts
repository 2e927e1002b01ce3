import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIRD_CARD, createTinyRepo, lineOf, runCli } from "../support/tiny-repo.ts";

const CARD = "models/bird-species/model.md";
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** The bird card with a training.python block. */
function cardWith(python: string): string {
  return BIRD_CARD.replace("  command: node train.ts", `  command: python3 train.py\n  python:\n${python}`);
}

async function validate(card: string, files: Record<string, string> = {}) {
  const root = await createTinyRepo({ card });
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return { root, ...(await runCli(["validate", "--root", root, "--no-data"])) };
}

describe("training.python in validate", () => {
  it("accepts a declared requirements file that exists, in the model folder or at the root", async () => {
    const local = await validate(cardWith('    version: "3.11"\n    requirements: requirements.txt'), {
      "models/bird-species/requirements.txt": "scikit-learn==1.2.1\n",
    });
    expect(local.stdout + local.stderr).not.toContain("error");
    expect(local.code).toBe(0);
    const shared = await validate(cardWith("    requirements: ../../requirements.txt"), {
      "requirements.txt": "pandas==1.5.3\n",
    });
    expect(shared.code).toBe(0);
  });

  it("names the line of a requirements file that does not exist", async () => {
    const card = cardWith('    version: "3.11"\n    requirements: requirments.txt');
    const run = await validate(card, { "models/bird-species/requirements.txt": "pandas==1.5.3\n" });
    expect(run.code).toBe(1);
    const line = lineOf(card, "requirements: requirments.txt");
    expect(run.stdout).toContain(
      `${CARD}:${line}:19 error training.python.requirements: models/bird-species/requirments.txt does not exist`,
    );
    expect(run.stdout).toContain(
      "hint: add it (a pip requirements file, one pinned package a line (e.g. scikit-learn==1.2.1)) or fix the path, which is relative to the model folder",
    );
  });

  it("refuses a requirements path that leaves the repository, by .. or by a symlink", async () => {
    const card = cardWith("    requirements: ../../../requirements.txt");
    const run = await validate(card);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(card, "requirements:")}:19 error training.python.requirements: requirements "../../../requirements.txt" leaves the repository`,
    );
    const linked = cardWith("    requirements: requirements.txt");
    const root = await createTinyRepo({ card: linked });
    roots.push(root);
    await symlink("/etc/hostname", join(root, "models/bird-species/requirements.txt"));
    const escaped = await runCli(["validate", "--root", root, "--no-data"]);
    expect(escaped.code).toBe(1);
    expect(escaped.stdout).toContain(
      "error training.python.requirements: models/bird-species/requirements.txt is a symlink that resolves outside the repository",
    );
  });

  it("warns when the model folder has a requirements.txt the card does not declare", async () => {
    const run = await validate(BIRD_CARD, { "models/bird-species/requirements.txt": "pandas==1.5.3\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(BIRD_CARD, "training:")}:1 warning training: models/bird-species/requirements.txt is not declared: CI will not install it before training`,
    );
  });

  it("says to quote a version YAML read as a number", async () => {
    const card = cardWith("    version: 3.10");
    const run = await validate(card);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${CARD}:${lineOf(card, "version: 3.10")}:14 error training.python.version: expected string, received number 3.1`,
    );
    expect(run.stdout).toContain(
      "hint: put the value in quotes, as meant (YAML reads an unquoted 3.10 as the number 3.1)",
    );
  });

  it("refuses a version or path with shell syntax, which the CI matrix would carry", async () => {
    const card = cardWith('    version: "3.12; curl evil"\n    requirements: "r.txt && rm -rf ~"');
    const run = await validate(card);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'error training.python.version: expected a Python version such as "3.12", "3.11.9" or "pypy3.10", received string "3.12; curl evil"',
    );
    expect(run.stdout).toContain(
      "error training.python.requirements: expected a relative path such as requirements.txt",
    );
  });
});
