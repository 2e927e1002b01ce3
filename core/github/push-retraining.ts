import { copyFile, mkdir, readdir } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { runGit } from "../git/process.ts";
import { AlmanacError } from "../util/errors.ts";
import type { ReportFile } from "./push-reports.ts";

const BOT = { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" };

/**
 * The files a retraining may change, for one model: its card, its reports and a dataset manifest.
 * The folder came from a job that ran model code, so anything else in it is refused.
 */
export function retrainingFileAllowed(model: string, path: string): boolean {
  return (
    path === `models/${model}/model.md` ||
    /^datasets\/[a-z0-9][a-z0-9-]*\/dataset\.yaml$/.test(path) ||
    [`evaluation.json`, `predictions.csv.gz`, `retraining.json`, `retraining.md`].some(
      (name) => path === `reports/models/${model}/${name}`,
    )
  );
}

/** Every file under `dir` as a repository path (the folder mirrors the repository), checked against the allow list. */
export async function collectRetrainingFiles(dir: string, model: string): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push({ path: relative(dir, full).split(sep).join("/"), source: full });
    }
  };
  await walk(dir);
  const refused = files.filter((file) => !retrainingFileAllowed(model, file.path));
  if (refused.length > 0)
    throw new AlmanacError(
      `the retraining of ${model} carries files it may not change: ${refused.map((f) => f.path).join(", ")}`,
      {
        hint: `a retraining changes models/${model}/model.md, datasets/<id>/dataset.yaml and reports/models/${model}/ only`,
      },
    );
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Puts a retraining on its own branch: the base branch's fresh tip, the files copied in, one commit
 * as github-actions[bot], force-pushed to `branch` (each run replaces the last retraining of the
 * model). Returns the commit pushed.
 */
export async function pushRetraining(options: {
  root: string;
  base: string;
  branch: string;
  files: readonly ReportFile[];
  message: string;
  remote?: string;
}): Promise<string> {
  const remote = options.remote ?? "origin";
  const git = (args: string[]) => runGit(options.root, args);
  await git(["fetch", "--quiet", remote, `+refs/heads/${options.base}:refs/remotes/${remote}/${options.base}`]);
  await git(["checkout", "--quiet", "--force", "-B", options.branch, `${remote}/${options.base}`]);
  for (const file of options.files) {
    const target = join(options.root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file.source, target);
  }
  await git(["add", "--", ...options.files.map((file) => file.path)]);
  await git([
    "-c",
    `user.name=${BOT.name}`,
    "-c",
    `user.email=${BOT.email}`,
    "commit",
    "--quiet",
    "--allow-empty",
    "-m",
    options.message,
  ]);
  const pushed = await runGit(
    options.root,
    ["push", "--quiet", "--force", remote, `HEAD:refs/heads/${options.branch}`],
    {
      okCodes: [1, 128],
    },
  );
  if (pushed.code !== 0)
    throw new AlmanacError(`could not push ${options.branch}: ${pushed.stderr.toString().trim().split("\n")[0]}`, {
      hint: "the job needs `contents: write`, and branch protection must allow github-actions[bot] to push almanac/retrain/* branches",
    });
  return (await git(["rev-parse", "HEAD"])).stdout.toString("utf8").trim();
}
