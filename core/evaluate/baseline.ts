import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { EvaluationSchema } from "../schemas/evaluation.ts";
import { usageError } from "../util/errors.ts";
import type { Baseline } from "./gates.ts";

const run = promisify(execFile);

/** Where a model's evaluation lives in the repository. */
export function evaluationPath(modelId: string): string {
  return `reports/models/${modelId}/evaluation.json`;
}

/** Parses and validates an evaluation document; a usage error names the source when it is not one. */
export function parseEvaluation(text: string, source: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw usageError(
      `${source}: not JSON (${(error as Error).message})`,
      "pass an evaluation.json written by almanac evaluate",
    );
  }
  const parsed = EvaluationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(
      `${source}: not an Almanac evaluation (${issue?.path.join(".")}: ${issue?.message})`,
      "pass an evaluation.json written by almanac evaluate",
    );
  }
  return parsed.data;
}

/** Reads `--baseline FILE`. */
export async function readBaselineFile(path: string): Promise<Baseline> {
  const text = await readFile(path, "utf8").catch(() => {
    throw usageError(`cannot read the baseline ${path}`, "pass the path of an evaluation.json");
  });
  return { evaluation: parseEvaluation(text, path), label: path };
}

/**
 * Reads `--baseline-ref REF`: the model's evaluation.json as committed at REF (`git show`). A ref
 * without that file (a model new on this branch) gives no baseline and a note; an unknown ref is
 * a usage error.
 */
export async function readBaselineRef(root: string, ref: string, modelId: string): Promise<Baseline> {
  try {
    await run("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root });
  } catch {
    throw usageError(
      `unknown git ref "${ref}"`,
      "fetch it first (e.g. git fetch origin main) or pass a commit, branch or tag",
    );
  }
  const path = evaluationPath(modelId);
  try {
    const { stdout } = await run("git", ["show", `${ref}:${path}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { evaluation: parseEvaluation(stdout, `${ref}:${path}`), label: ref };
  } catch (error) {
    if ((error as { code?: unknown }).code === undefined) throw error;
    return { evaluation: null, label: ref, note: `no evaluation at ${ref} (${path} does not exist there)` };
  }
}
