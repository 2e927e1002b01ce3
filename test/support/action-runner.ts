import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { type ExpressionContext, evaluateTemplate } from "./expressions.ts";
import { parseFileCommands, parseWorkflowCommands, type WorkflowCommand } from "./file-commands.ts";

/**
 * Runs a custom action the way the GitHub Actions runner does, on this machine: a JavaScript action
 * as `node <runs.main>` with INPUT_* variables, a composite action step by step under
 * `bash --noprofile --norc -eo pipefail`, each with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * GITHUB_EVENT_PATH and the other runner variables. Only a clean environment is passed (no host
 * variables but PATH and HOME), as on a fresh runner.
 */
export interface ActionRunOptions {
  inputs?: Record<string, string>;
  /** Event name and payload (written to GITHUB_EVENT_PATH). */
  eventName: string;
  event: object;
  repository: string;
  apiUrl?: string;
  token?: string;
  /** GITHUB_WORKSPACE and the working directory. */
  workspace: string;
  env?: Record<string, string>;
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  /** Messages of `::error` commands (what the job log and annotations show). */
  errors: string[];
}

interface ActionManifest {
  name: string;
  inputs?: Record<string, { required?: boolean; default?: string }>;
  outputs?: Record<string, { value?: string }>;
  runs: { using: string; main?: string; steps?: CompositeStep[] };
}

interface CompositeStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
  if?: string;
}

export function readManifest(actionDir: string): ActionManifest {
  return parse(readFileSync(join(actionDir, "action.yml"), "utf8")) as ActionManifest;
}

function baseEnvironment(options: ActionRunOptions, temp: string, eventPath: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? temp,
    CI: "true",
    NO_COLOR: "1",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_REPOSITORY_OWNER: options.repository.split("/")[0]!,
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_REF_NAME: "main",
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: temp,
    RUNNER_OS: "Linux",
    ...options.env,
  };
}

/** Resolves inputs as the runner does: given values, else defaults (expressions evaluated); unknown names fail. */
function resolveInputs(manifest: ActionManifest, options: ActionRunOptions, context: ExpressionContext) {
  const declared = manifest.inputs ?? {};
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`${manifest.name}: unexpected input ${name}`);
  }
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = options.inputs?.[name] ?? evaluateTemplate(String(spec.default ?? ""), context);
    if (spec.required && value === "") throw new Error(`${manifest.name}: input required and not supplied: ${name}`);
    inputs[name] = value;
  }
  return inputs;
}

function exec(command: string, args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<{ exitCode: number; stdout: string; stderr: string }>((done) => {
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("close", (code) => done({ exitCode: code ?? 1, stdout, stderr }));
  });
}

function prepare(options: ActionRunOptions) {
  const temp = mkdtempSync(join(tmpdir(), "almanac-runner-"));
  const eventPath = join(temp, "event.json");
  writeFileSync(eventPath, JSON.stringify(options.event));
  return { temp, env: baseEnvironment(options, temp, eventPath) };
}

function freshFile(dir: string, name: string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, "");
  return path;
}

function finish(
  result: { exitCode: number; stdout: string; stderr: string },
  outputs: Record<string, string>,
  summary: string,
): ActionRun {
  const commands = parseWorkflowCommands(result.stdout);
  const errors = commands.filter((c) => c.command === "error").map((c) => c.message);
  return { ...result, outputs, summary, commands, errors };
}

/** Runs a `node24` action's `runs.main` (the committed bundle) under the runner's contract. */
export async function runJavaScriptAction(actionDir: string, options: ActionRunOptions): Promise<ActionRun> {
  const manifest = readManifest(actionDir);
  if (manifest.runs.using !== "node24" || !manifest.runs.main) throw new Error(`${actionDir} is not a node24 action`);
  const { temp, env } = prepare(options);
  const context = { github: { token: options.token ?? "", event: options.event, workspace: options.workspace } };
  const inputs = resolveInputs(manifest, options, context);
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  const output = freshFile(temp, "output");
  const summary = freshFile(temp, "summary");
  Object.assign(env, { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTION_PATH: resolve(actionDir) });
  const result = await exec(process.execPath, [join(resolve(actionDir), manifest.runs.main)], env, options.workspace);
  return finish(result, parseFileCommands(readFileSync(output, "utf8")), readFileSync(summary, "utf8"));
}

/** One composite step: its script with expressions evaluated, its own GITHUB_OUTPUT and summary file. */
async function runStep(
  step: CompositeStep,
  index: number,
  run: { temp: string; env: Record<string, string>; workspace: string; actionDir: string; context: ExpressionContext },
) {
  const script = join(run.temp, `step-${index}.sh`);
  writeFileSync(script, evaluateTemplate(step.run ?? "", run.context));
  const env: Record<string, string> = { ...run.env, GITHUB_ACTION_PATH: resolve(run.actionDir) };
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluateTemplate(String(value), run.context);
  env.GITHUB_OUTPUT = freshFile(run.temp, `output-${index}`);
  env.GITHUB_STEP_SUMMARY = freshFile(run.temp, `summary-${index}`);
  const cwd = resolve(run.workspace, evaluateTemplate(step["working-directory"] ?? ".", run.context));
  const result = await exec("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], env, cwd);
  return {
    ...result,
    summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8"),
    outputs: parseFileCommands(readFileSync(env.GITHUB_OUTPUT, "utf8")),
  };
}

/** Runs a composite action's `run` steps in order (no `uses` steps), stopping at the first failure. */
export async function runCompositeAction(actionDir: string, options: ActionRunOptions): Promise<ActionRun> {
  const manifest = readManifest(actionDir);
  if (manifest.runs.using !== "composite") throw new Error(`${actionDir} is not a composite action`);
  const { temp, env } = prepare(options);
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const github = {
    token: options.token ?? "",
    event: options.event,
    workspace: options.workspace,
    action_path: resolve(actionDir),
  };
  const context: ExpressionContext = { github, runner: { temp }, steps };
  context.inputs = resolveInputs(manifest, options, context);
  const all = { exitCode: 0, stdout: "", stderr: "" };
  let summary = "";
  for (const [index, step] of (manifest.runs.steps ?? []).entries()) {
    if (step.uses || step.if)
      throw new Error(`${manifest.name}: step ${index} uses \`uses\` or \`if\`, not modelled here`);
    if (step.shell !== "bash") throw new Error(`${manifest.name}: step ${index} must declare shell: bash`);
    const result = await runStep(step, index, { temp, env, workspace: options.workspace, actionDir, context });
    all.stdout += result.stdout;
    all.stderr += result.stderr;
    summary += result.summary;
    if (step.id) steps[step.id] = { outputs: result.outputs };
    if (result.exitCode !== 0) {
      all.exitCode = result.exitCode;
      break;
    }
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.outputs ?? {}))
    outputs[name] = evaluateTemplate(spec.value ?? "", context);
  return finish(all, outputs, summary);
}
