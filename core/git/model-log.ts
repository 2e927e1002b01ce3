import { type Commit, type FileChange, LOG_FORMAT, parseLog, parseRawEntries } from "./log.ts";
import { runGit } from "./process.ts";

/** Renames followed at most per model (each costs four more git processes). */
export const MAX_RENAMES_FOLLOWED = 8;

const CARD = /^models\/([^/]+)\/model\.md$/;

/**
 * The history of a few models without diffing every commit of the repository: ONE graph
 * walk (`git log` without diffs: every commit's parents and subject, for pull request
 * numbers) plus, per model folder, three single-path `git log --raw` runs (card folder,
 * evaluation folder, drift folder) in parallel, which git answers from its changed-path
 * Bloom filters when the repository has a commit graph. A renamed folder is found by one
 * `git diff-tree -M` on the commit that created the card, and its old name is followed the
 * same way. Returns the commits newest first (date order) with only those models' changes,
 * renames paired (a D of the old folder and an A of the new one in one commit become R).
 */
export async function readModelsLog(root: string, ids: readonly string[], revision: string): Promise<Commit[]> {
  const graphRun = runGit(root, ["log", "--date-order", `--format=${LOG_FORMAT}%x00`, revision, "--"]);
  const changes = new Map<string, FileChange[]>();
  const names: { id: string; folder: string; revision: string }[] = ids.map((id) => ({ id, folder: id, revision }));
  const pairs = new Map<string, string>();
  for (let index = 0; index < names.length && index < ids.length * (MAX_RENAMES_FOLLOWED + 1); index++) {
    const name = names[index] as (typeof names)[number];
    const found = await folderChanges(root, name.folder, name.revision);
    if (index < ids.length && (await renamedAway(root, found, name.folder))) continue;
    for (const [sha, list] of found) changes.set(sha, [...(changes.get(sha) ?? []), ...list]);
    const creation = creationCommit(found, name.folder);
    const renamedFrom = creation ? await renameSource(root, creation, name.folder) : undefined;
    if (renamedFrom && !names.some((other) => other.folder === renamedFrom)) {
      names.push({ id: name.id, folder: renamedFrom, revision: creation as string });
      pairs.set(renamedFrom, name.folder);
    }
  }
  const graph = parseLog((await graphRun).stdout.toString("utf8"));
  return graph.map((commit) => ({ ...commit, changes: pairRenames(changes.get(commit.sha) ?? [], pairs) }));
}

/** Changes under one model folder's three lifecycle paths, by commit. */
async function folderChanges(root: string, folder: string, revision: string): Promise<Map<string, FileChange[]>> {
  // No trailing slash: git uses its changed-path Bloom filters only for plain paths.
  const runs = [`models/${folder}`, `reports/models/${folder}`, `reports/drift/${folder}`].map((path) =>
    runGit(root, ["log", "-z", "--raw", "--no-abbrev", "--format=%x1e%H%x00", revision, "--", path]),
  );
  const byCommit = new Map<string, FileChange[]>();
  for (const run of await Promise.all(runs)) {
    for (const record of run.stdout.toString("utf8").split("\x1e")) {
      const end = record.indexOf("\0");
      if (end === -1) continue;
      const sha = record.slice(0, end);
      byCommit.set(sha, [...(byCommit.get(sha) ?? []), ...parseRawEntries(record.slice(end + 1))]);
    }
  }
  return byCommit;
}

/**
 * True when the folder's card was last deleted by a rename: the model now has another id, and
 * its history belongs to that id (as the full history pass attributes it).
 */
async function renamedAway(root: string, changes: Map<string, FileChange[]>, folder: string): Promise<boolean> {
  const card = `models/${folder}/model.md`;
  for (const [sha, list] of changes) {
    const change = list.find((item) => item.path === card);
    if (!change) continue;
    if (change.status !== "D") return false;
    const result = await runGit(root, ["diff-tree", "-r", "-z", "--raw", "--no-abbrev", "-M", sha, "--", "models/"], {
      okCodes: [128],
    });
    const entries = parseRawEntries(result.stdout.toString("utf8").replace(/^[0-9a-f]+\0/, ""));
    return entries.some((entry) => entry.status === "R" && entry.oldPath === card);
  }
  return false;
}

/** The commit that added the folder's card (the last one listed, since logs are newest first). */
function creationCommit(changes: Map<string, FileChange[]>, folder: string): string | undefined {
  let creation: string | undefined;
  for (const [sha, list] of changes) {
    if (list.some((change) => change.status === "A" && change.path === `models/${folder}/model.md`)) creation = sha;
  }
  return creation;
}

/** The folder a card was renamed from in `commit`, by git's rename detection over models/. */
async function renameSource(root: string, commit: string, folder: string): Promise<string | undefined> {
  const result = await runGit(
    root,
    ["diff-tree", "-r", "-z", "--raw", "--no-abbrev", "-M", "--root", commit, "--", "models/"],
    { okCodes: [128] },
  );
  for (const change of parseRawEntries(result.stdout.toString("utf8").replace(/^[0-9a-f]+\0/, ""))) {
    const from = CARD.exec(change.oldPath)?.[1];
    if (change.status === "R" && change.path === `models/${folder}/model.md` && from && from !== folder) return from;
  }
  return undefined;
}

/** A deletion under an old folder and an addition of the same file under its new name, in one commit: a rename. */
export function pairRenames(changes: readonly FileChange[], pairs: ReadonlyMap<string, string>): FileChange[] {
  if (pairs.size === 0) return [...changes];
  const added = new Map(changes.filter((change) => change.status === "A").map((change) => [change.path, change]));
  const used = new Set<FileChange>();
  const out: FileChange[] = [];
  for (const change of changes) {
    if (change.status !== "D") continue;
    const match = /^(models|reports\/models|reports\/drift)\/([^/]+)\/(.+)$/.exec(change.path);
    const target = match ? pairs.get(match[2] as string) : undefined;
    const partner = target ? added.get(`${match?.[1]}/${target}/${match?.[3]}`) : undefined;
    if (!partner) continue;
    used.add(change).add(partner);
    out.push({ ...partner, status: "R", oldPath: change.path, oldBlob: change.oldBlob });
  }
  return [...out, ...changes.filter((change) => !used.has(change))];
}
