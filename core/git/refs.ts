import { AlmanacError } from "../util/errors.ts";
import type { ObjectReader } from "./object-reader.ts";
import { runGit } from "./process.ts";

/** The hint every shallow-clone message carries. */
export const SHALLOW_HINT =
  "fetch the whole history: `git fetch --unshallow`, or in GitHub Actions set `fetch-depth: 0` on actions/checkout";

/** True when the checkout is a shallow clone (history cut off). */
export async function isShallowRepository(root: string): Promise<boolean> {
  const { stdout } = await runGit(root, ["rev-parse", "--is-shallow-repository"]);
  return stdout.toString("utf8").trim() === "true";
}

/** Throws a clear error for a shallow clone: history and diffs against a base need all of it. */
export async function assertFullHistory(root: string, what: string): Promise<void> {
  if (await isShallowRepository(root)) {
    throw new AlmanacError(`${what} needs the full git history, but this is a shallow clone`, { hint: SHALLOW_HINT });
  }
}

/** True when the repository has at least one commit on HEAD. */
export async function hasHead(root: string): Promise<boolean> {
  const result = await runGit(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { okCodes: [1, 128] });
  return result.code === 0;
}

/**
 * Resolves a ref (branch, tag, sha, `HEAD~2`, `origin/main`) to a full commit hash through
 * the object reader. Throws a clear error naming the ref; in a shallow clone the hint says
 * to fetch the whole history, since the ref is most likely just not fetched.
 */
export async function resolveCommit(reader: ObjectReader, ref: string, shallow: boolean): Promise<string> {
  const object = ref.startsWith("-") ? undefined : await reader.read(`${ref}^{commit}`);
  if (object?.type === "commit") return object.sha;
  const hint = shallow
    ? `this is a shallow clone, so '${ref}' may not be fetched: ${SHALLOW_HINT}`
    : `check the name (git branch -a, git log --oneline); for a remote branch fetch it first (git fetch origin ${ref.replace(/^origin\//, "")})`;
  throw new AlmanacError(`ref '${ref}' does not exist in this repository`, { hint });
}

/** The best common ancestor of two commits, or undefined for unrelated histories. */
export async function mergeBase(root: string, a: string, b: string): Promise<string | undefined> {
  const result = await runGit(root, ["merge-base", a, b], { okCodes: [1] });
  const sha = result.stdout.toString("utf8").trim();
  return result.code === 0 && sha !== "" ? sha : undefined;
}
