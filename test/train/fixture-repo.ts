import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../core/cli/main.ts";

/** The checkout these tests run in (examples and node_modules come from here). */
export const PROJECT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/**
 * A throwaway repository under the OS temp dir with copies of the given example datasets and
 * models, and node_modules and core/ linked so the examples' training scripts resolve their imports.
 */
export async function makeRepo(options: { datasets?: string[]; models?: string[] } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "almanac-test-"));
  await mkdir(join(root, "models"), { recursive: true });
  await mkdir(join(root, "reports"), { recursive: true });
  await symlink(join(PROJECT, "node_modules"), join(root, "node_modules"));
  // The examples' training scripts import the contract's Node side from core/, as in this checkout.
  await symlink(join(PROJECT, "core"), join(root, "core"));
  await writeFile(join(root, "package.json"), JSON.stringify({ name: "fixture", private: true, type: "module" }));
  for (const dataset of options.datasets ?? [])
    await cp(join(PROJECT, "datasets", dataset), join(root, "datasets", dataset), { recursive: true });
  for (const model of options.models ?? [])
    await cp(join(PROJECT, "models", model), join(root, "models", model), { recursive: true });
  return root;
}

/** A model card whose training command is `command`, on one of the example datasets. */
export async function writeCard(
  root: string,
  id: string,
  fields: {
    dataset: string;
    target: string;
    features: string[];
    task: string;
    command: string;
    sensitive?: string[];
    params?: Record<string, unknown>;
    timeout?: string;
    primary: string;
    gates?: string;
    positive?: string;
  },
): Promise<void> {
  const lines = [
    "---",
    "apiVersion: almanac/v1",
    "kind: Model",
    `id: ${id}`,
    `name: Test model ${id}`,
    "version: 1.0.0",
    "stage: proposed",
    'owners: ["@test"]',
    `task: ${fields.task}`,
    "license: MIT",
    "dataset:",
    `  id: ${fields.dataset}`,
    "  version: 1.0.0",
    `  target: ${fields.target}`,
    `  features: [${fields.features.join(", ")}]`,
    `  sensitive: [${(fields.sensitive ?? []).join(", ")}]`,
    "training:",
    `  command: ${JSON.stringify(fields.command)}`,
    `  params: ${JSON.stringify(fields.params ?? {})}`,
    `  timeout: ${fields.timeout ?? "1m"}`,
    "  seed: 7",
    "evaluation:",
    `  primary_metric: ${fields.primary}`,
    ...(fields.positive ? [`  positive_class: ${fields.positive}`] : []),
    "  bootstrap: { resamples: 200, seed: 1, confidence: 0.95 }",
    `  gates: ${fields.gates ?? "{}"}`,
    "---",
    "",
    `# ${id}`,
    "",
  ];
  await mkdir(join(root, "models", id), { recursive: true });
  await writeFile(join(root, "models", id, "model.md"), lines.join("\n"));
}

/** Runs the CLI in-process with captured output. */
export async function runCli(args: string[], root: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["--root", root, ...args], {
    root,
    stdout: (text) => {
      stdout += text.endsWith("\n") ? text : `${text}\n`;
    },
    stderr: (text) => {
      stderr += text.endsWith("\n") ? text : `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

/**
 * Runs `almanac <args>` as its own process in exactly the environment given (plus NO_COLOR and
 * HOME), as from a user's shell or a CI step: how tests set PATH and the interpreter variables a
 * training command sees, without touching this process's environment.
 */
export function runCliProcess(
  args: string[],
  root: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT, "bin/almanac.ts"), ...args, "--root", root],
      { env: { NO_COLOR: "1", HOME: process.env.HOME ?? root, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 2) : 0, stdout, stderr }),
    );
  });
}

/**
 * A training script for tests: copies the test split's row ids and predicts by the `mode` param:
 * "constant" predicts the first class (or the mean), "echo-env" prints the environment, others
 * fail in the named way.
 */
export const SCRIPTED_TRAIN = `
import { readFileSync, writeFileSync } from "node:fs";
const params = JSON.parse(process.env.ALMANAC_PARAMS);
const mode = params.mode ?? "constant";
const test = readFileSync(process.env.ALMANAC_TEST, "utf8").trim().split("\\n").slice(1).map((line) => line.split(",")[0]);
const classes = process.env.ALMANAC_CLASSES ? JSON.parse(process.env.ALMANAC_CLASSES) : null;
if (mode === "echo-env") console.log(JSON.stringify(Object.keys(process.env).sort()));
if (mode === "fail") { for (let i = 1; i <= 25; i++) console.error("problem line " + i); process.exit(3); }
if (mode === "sleep") { console.log("sleeping"); setTimeout(() => {}, 60000); }
else if (mode !== "none") {
  const header = classes ? ["row_id", "prediction", ...classes.map((c) => "p_" + c)] : ["row_id", "prediction"];
  const rows = test.map((id, i) => {
    if (!classes) return [id, String(20 + (i % 7))];
    const p = classes.map((_, c) => (c === i % classes.length ? 0.6 : 0.4 / (classes.length - 1)));
    return [id, classes[i % classes.length], ...p];
  });
  writeFileSync(process.env.ALMANAC_OUTPUT + "/predictions.csv", [header, ...rows].map((r) => r.join(",")).join("\\n") + "\\n");
  writeFileSync(process.env.ALMANAC_OUTPUT + "/training-log.csv", "epoch,loss\\n1,0.9\\n2,0.5\\n");
  console.log("wrote " + rows.length + " predictions");
}
`;
