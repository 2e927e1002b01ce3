import { copyFile, mkdir, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { runGit } from "../git/process.ts";
import { IdSchema } from "../schemas/common.ts";
import { AlmanacError } from "../util/errors.ts";

/** A file to commit: where it goes in the repository, and where it is now. */
export interface ReportFile {
  /** Repository-relative destination, e.g. `reports/drift/churn/2026-01-02.json`. */
  path: string;
  /** Absolute path of the file to copy there. */
  source: string;
}

export interface PushReportsOptions {
  /** The checkout (its `origin` must accept pushes with the job's token). */
  root: string;
  /** The branch to add the commit to, e.g. `main`. */
  branch: string;
  files: readonly ReportFile[];
  message: string;
  remote?: string;
  /** Attempts before giving up (default 6). */
  attempts?: number;
  /** First wait after a rejected push, doubled each time, with jitter (default 2,000 ms). */
  backoffMs?: number;
  author?: { name: string; email: string };
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export type PushReportsResult = { action: "pushed"; commit: string; attempts: number } | { action: "unchanged" };

const BOT = { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" };

/**
 * Commits report files on top of the branch's current tip and pushes, racing other writers safely.
 * Each attempt starts from the freshly fetched tip (never the commit the workflow started from),
 * copies the files in, and commits; a push rejected because another run got there first is retried
 * from the new tip after a growing, jittered wait. Nothing is ever rebased, so two runs writing the
 * same report path cannot conflict: the file being pushed is the newer report (its run finished
 * later) and replaces the one on the tip. Files already identical on the tip make no commit.
 */
export async function pushReports(options: PushReportsOptions): Promise<PushReportsResult> {
  const remote = options.remote ?? "origin";
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const git = (args: string[], okCodes?: number[]) => runGit(options.root, args, { okCodes });
  const author = options.author ?? BOT;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await git(["fetch", "--quiet", remote, `+refs/heads/${options.branch}:refs/remotes/${remote}/${options.branch}`]);
    await git(["checkout", "--quiet", "--force", "-B", options.branch, `${remote}/${options.branch}`]);
    for (const file of options.files) {
      const target = join(options.root, file.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file.source, target);
    }
    await git(["add", "--", ...options.files.map((file) => file.path)]);
    const staged = await git(["diff", "--cached", "--quiet"], [1]);
    if (staged.code === 0) return { action: "unchanged" };
    await git([
      "-c",
      `user.name=${author.name}`,
      "-c",
      `user.email=${author.email}`,
      "commit",
      "--quiet",
      "-m",
      options.message,
    ]);
    const pushed = await git(["push", "--quiet", remote, `HEAD:refs/heads/${options.branch}`], [1, 128]);
    if (pushed.code === 0) {
      const commit = (await git(["rev-parse", "HEAD"])).stdout.toString("utf8").trim();
      return { action: "pushed", commit, attempts: attempt };
    }
    const wait = Math.round((options.backoffMs ?? 2000) * 2 ** (attempt - 1) * (0.5 + Math.random()));
    options.log?.(
      `push ${attempt} of ${attempts} rejected (${pushed.stderr.trim().split("\n")[0]}); retrying in ${wait} ms`,
    );
    if (attempt < attempts) await sleep(wait);
  }
  throw new AlmanacError(`could not push the reports to ${options.branch} after ${attempts} attempts`, {
    hint: "other runs kept pushing first, or the token cannot push (the job needs `contents: write`, and branch protection must allow github-actions[bot]); rerun the job",
  });
}

/**
 * The drift reports downloaded from a run's artifacts (`<dir>/drift-<model>/<date>.json`, one
 * artifact per model) as files for `reports/drift/<model>/`. Folder names that are not model ids
 * are refused, so no path leaves reports/drift/.
 */
export async function collectDriftReports(dir: string): Promise<ReportFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: ReportFile[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && e.name.startsWith("drift-")).sort(byName)) {
    const model = entry.name.slice("drift-".length);
    if (!IdSchema.safeParse(model).success) {
      throw new AlmanacError(`artifact ${entry.name} does not name a model id`, {
        hint: "drift artifacts are named drift-<model> by the drift job",
      });
    }
    const reports = await readdir(join(dir, entry.name), { withFileTypes: true });
    for (const report of reports.filter((r) => r.isFile() && /^[\w.-]+\.json$/.test(r.name)).sort(byName)) {
      files.push({ path: `reports/drift/${model}/${report.name}`, source: join(dir, entry.name, report.name) });
    }
  }
  return files;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
