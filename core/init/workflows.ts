import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { usageError } from "../util/errors.ts";
import { VERSION } from "../version.ts";

/** Placeholders of the caller workflow templates (templates/workflows/*.yml). */
export const REPO_PLACEHOLDER = "__ALMANAC_REPO__";
export const REF_PLACEHOLDER = "__ALMANAC_REF__";

/** `owner/name` of a GitHub repository URL (`git+https://github.com/o/n.git`, `github:o/n`, `o/n`). */
export function githubSlug(url: string): string | undefined {
  const match =
    /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com[/:]|git@github\.com:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      url.trim(),
    );
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Almanac's own GitHub repository, from its package.json, where the reusable workflows live. */
export function almanacRepository(): string {
  const repository = (packageJson as { repository?: string | { url?: string } }).repository;
  const url = typeof repository === "string" ? repository : (repository?.url ?? "");
  const slug = githubSlug(url);
  if (!slug) throw new Error(`Almanac's package.json names no GitHub repository (repository: ${JSON.stringify(url)})`);
  return slug;
}

/** The ref callers pin by default: the tag of the running version. */
export function defaultRef(): string {
  return `v${VERSION}`;
}

/** A caller workflow to write: `.github/workflows/<name>`. */
export interface WorkflowFile {
  path: string;
  content: string;
}

/**
 * The caller workflows for a registry: every file of `templatesDir` (Almanac's
 * templates/workflows/) with `__ALMANAC_REPO__` and `__ALMANAC_REF__` replaced. None when the
 * package has no templates folder.
 */
export async function callerWorkflows(templatesDir: string, repo: string, ref: string): Promise<WorkflowFile[]> {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
    throw usageError(`--almanac-repo "${repo}" is not owner/name`, "e.g. --almanac-repo my-org/almanac");
  if (!/^[\w./-]+$/.test(ref) || ref.startsWith("-"))
    throw usageError(`--almanac-ref "${ref}" is not a git ref`, "a tag (v0.1.0), branch or commit sha");
  const names = await readdir(templatesDir).catch((): string[] => []);
  const files = names.filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    files.map(async (name) => ({
      path: `.github/workflows/${name}`,
      content: (await readFile(join(templatesDir, name), "utf8"))
        .replaceAll(REPO_PLACEHOLDER, repo)
        .replaceAll(REF_PLACEHOLDER, ref),
    })),
  );
}
