import { availableParallelism } from "node:os";
import { StringDecoder } from "node:string_decoder";
import { runGit, streamGit } from "./process.ts";

/** The object id git uses for "no file" in raw diff output. */
export const NULL_SHA = "0000000000000000000000000000000000000000";

/** One file a commit added, modified, deleted or renamed, with the blob before and after. */
export interface FileChange {
  /** A added, M modified, D deleted, R renamed (with `oldPath`), T type change. */
  status: "A" | "M" | "D" | "R" | "T";
  /** Path after the change (for D: the deleted path). */
  path: string;
  /** Path before the change (differs from `path` only for renames). */
  oldPath: string;
  /** Blob before the change, or undefined for an added file. */
  oldBlob: string | undefined;
  /** Blob after the change, or undefined for a deleted file. */
  newBlob: string | undefined;
}

/** One commit from the log, with the files it changed against its first parent. */
export interface Commit {
  sha: string;
  parents: string[];
  author: string;
  /** Committer date, ISO 8601 with offset. */
  date: string;
  subject: string;
  /** Empty for merge commits (their changes are shown on the commits they merge). */
  changes: FileChange[];
}

const RECORD = "\x1e";
const FIELD = "\x1f";
/** %H parents author committer-date subject, fields split by US, records by RS. */
export const LOG_FORMAT = `${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%cI${FIELD}%s`;

/** Options of {@link readLog} and {@link streamLog}. */
export interface LogOptions {
  /** Revisions to walk; default HEAD. */
  revisions?: readonly string[];
  /**
   * Limit the diff entries to these paths. Every commit is still listed with its real parents
   * (`--full-history --sparse`), so merges can be followed for pull request numbers. Without
   * it git diffs every commit fully, which measured faster when most commits touch them anyway.
   */
  paths?: readonly string[];
}

/** The `git log` arguments: raw diffs (`--name-status` plus both blob ids) with renames, date order. */
function logArguments(options: LogOptions): string[] {
  const args = ["log", "-z", "--raw", "--no-abbrev", "-M", "--date-order", `--format=${LOG_FORMAT}`];
  if (options.paths && options.paths.length > 0) args.push("--full-history", "--sparse");
  args.push(...(options.revisions ?? ["HEAD"]), "--", ...(options.paths ?? []));
  return args;
}

/**
 * Reads the whole history in ONE `git log` pass: every commit reachable from `revisions`
 * (default HEAD), newest first in date order (a commit always before its parents), with raw
 * diff entries (status, both blob ids, renames via -M). `--raw` is `--name-status` plus the
 * blob ids, which spares a tree walk per commit.
 */
export async function readLog(root: string, options: LogOptions = {}): Promise<Commit[]> {
  const { stdout } = await runGit(root, logArguments(options));
  return parseLog(stdout.toString("utf8"));
}

/** Each extra git process of {@link streamLog} gets at least this many commits (fewer are not worth a process). */
export const MIN_COMMITS_PER_PROCESS = 5000;

/** Options of {@link streamLog}. */
export interface StreamLogOptions extends LogOptions {
  /** git processes that diff commits side by side (default: one per core; path-limited logs use one). */
  processes?: number;
  /** Fewest commits per process (default {@link MIN_COMMITS_PER_PROCESS}). */
  minCommitsPerProcess?: number;
}

/**
 * The same commits, diffs and order as {@link readLog}, handed to `onCommit` as soon as git
 * prints them, so a caller can start reading blobs while git is still diffing. Diffing every
 * commit is the expensive part (git rebuilds and walks the `models/` tree, one entry per
 * model, for each commit: commits × models), so the commits, listed first by one cheap
 * `git rev-list` in the same date order, are split into consecutive runs diffed by
 * `git diff-tree --stdin` processes side by side, one per core. Their outputs, taken in order,
 * are byte for byte `git log`'s; the first is parsed as it arrives, the others when their turn
 * comes. Path-limited logs keep one `git log` (it lists every commit with its parents).
 */
export async function streamLog(
  root: string,
  options: StreamLogOptions,
  onCommit: (commit: Commit) => void,
): Promise<void> {
  const parser = createLogParser(onCommit);
  if (options.paths && options.paths.length > 0) {
    await streamGit(root, logArguments(options), parser.write);
    return parser.end();
  }
  const listed = await runGit(root, ["rev-list", "--date-order", ...(options.revisions ?? ["HEAD"]), "--"]);
  const shas = listed.stdout
    .toString("latin1")
    .split("\n")
    .filter((line) => line !== "");
  const runs = splitRuns(shas, options.processes ?? availableParallelism(), options.minCommitsPerProcess);
  const outputs = runs.map(() => ({ chunks: [] as Buffer[], done: false }));
  let current = 0;
  const advance = () => {
    while (current < outputs.length && outputs[current]?.done) {
      current++;
      const next = outputs[current];
      if (next) for (const chunk of next.chunks.splice(0)) parser.write(chunk);
    }
  };
  await Promise.all(
    runs.map(async (run, index) => {
      const output = outputs[index] as (typeof outputs)[number];
      await streamGit(
        root,
        DIFF_TREE_ARGUMENTS,
        (chunk) => (index === current ? parser.write(chunk) : output.chunks.push(chunk)),
        `${run.join("\n")}\n`,
      );
      output.done = true;
      advance();
    }),
  );
  parser.end();
}

/** `git diff-tree --stdin` printing each listed commit exactly as {@link logArguments}' `git log` does. */
const DIFF_TREE_ARGUMENTS = [
  "diff-tree",
  "--stdin",
  "--always",
  "--root",
  "-r",
  "-z",
  "--raw",
  "--no-abbrev",
  "-M",
  `--format=${LOG_FORMAT}`,
];

/**
 * `shas` cut into consecutive runs of near-equal length: `processes` runs, fewer when a run
 * would get under `minimum` commits, at least one. Pure. `splitRuns(["a", "b", "c"], 2, 1)`
 * is `[["a", "b"], ["c"]]`.
 */
export function splitRuns(shas: readonly string[], processes: number, minimum = MIN_COMMITS_PER_PROCESS): string[][] {
  const count = Math.max(1, Math.min(processes, Math.floor(shas.length / minimum)));
  const size = Math.ceil(shas.length / count);
  const runs: string[][] = [];
  for (let start = 0; start < shas.length; start += size) runs.push(shas.slice(start, start + size));
  return runs;
}

/** Parses log output fed chunk by chunk, handing each complete commit to `onCommit`. */
function createLogParser(onCommit: (commit: Commit) => void) {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const flush = (final: boolean) => {
    const last = final ? pending.length : pending.lastIndexOf(RECORD);
    if (last <= 0) return;
    for (const commit of parseLog(pending.slice(0, last))) onCommit(commit);
    pending = pending.slice(last);
  };
  return {
    write: (chunk: Buffer) => {
      pending += decoder.write(chunk);
      flush(false);
    },
    end: () => {
      pending += decoder.end();
      flush(true);
    },
  };
}

/** Parses the output of {@link readLog}'s git command. Pure. */
export function parseLog(text: string): Commit[] {
  const commits: Commit[] = [];
  for (const record of text.split(RECORD)) {
    if (record === "") continue;
    const headerEnd = record.indexOf("\0");
    const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
    const [sha = "", parents = "", author = "", date = "", subject = ""] = header.split(FIELD);
    const rest = headerEnd === -1 ? "" : record.slice(headerEnd + 1);
    commits.push({
      sha,
      parents: parents === "" ? [] : parents.split(" "),
      author,
      date,
      subject,
      changes: parseRawEntries(rest),
    });
  }
  return commits;
}

/** Parses `-z --raw` entries: `:mode mode old new S\0path\0` (two paths for R and C). */
export function parseRawEntries(text: string): FileChange[] {
  const tokens = text.split("\0");
  const changes: FileChange[] = [];
  let index = 0;
  while (index < tokens.length) {
    const meta = (tokens[index] ?? "").replace(/^\n/, "");
    index++;
    if (!meta.startsWith(":")) continue;
    const [, , oldSha = NULL_SHA, newSha = NULL_SHA, statusText = "M"] = meta.slice(1).split(" ");
    const letter = statusText.charAt(0);
    const first = tokens[index++] ?? "";
    const two = letter === "R" || letter === "C";
    const second = two ? (tokens[index++] ?? "") : first;
    if (letter === "C") {
      changes.push(change("A", second, second, NULL_SHA, newSha));
    } else {
      const status = (["A", "M", "D", "R", "T"].includes(letter) ? letter : "M") as FileChange["status"];
      changes.push(change(status, second, first, oldSha, newSha));
    }
  }
  return changes;
}

function change(status: FileChange["status"], path: string, oldPath: string, oldSha: string, newSha: string) {
  return {
    status,
    path,
    oldPath,
    oldBlob: oldSha === NULL_SHA ? undefined : oldSha,
    newBlob: newSha === NULL_SHA ? undefined : newSha,
  };
}
