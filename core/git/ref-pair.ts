import { AlmanacError } from "../util/errors.ts";
import { type ObjectReader, openObjectReader } from "./object-reader.ts";
import { isShallowRepository, mergeBase, resolveCommit, SHALLOW_HINT } from "./refs.ts";

/** A resolved ref. */
export interface ResolvedRef {
  /** As the user wrote it. */
  ref: string;
  /** Full commit hash. */
  commit: string;
}

/** Two refs to compare, resolved, with the merge base and one open object reader. */
export interface RefPair {
  root: string;
  reader: ObjectReader;
  shallow: boolean;
  base: ResolvedRef;
  head: ResolvedRef;
  /** Where the head branched from the base: what a pull request is compared against. */
  mergeBase: string;
  /** Notes for people (e.g. comparing against the base tip of unrelated histories). */
  notes: string[];
}

/**
 * Resolves `base` and `head` and their merge base, keeping one `git cat-file --batch`
 * process open for the caller (close it with `pair.reader.close()`). Throws a clear
 * AlmanacError for a ref that does not exist or a shallow clone without a merge base.
 */
export async function openRefPair(root: string, baseRef: string, headRef: string): Promise<RefPair> {
  const shallow = await isShallowRepository(root);
  const reader = openObjectReader(root);
  try {
    const base = { ref: baseRef, commit: await resolveCommit(reader, baseRef, shallow) };
    const head = { ref: headRef, commit: await resolveCommit(reader, headRef, shallow) };
    const notes: string[] = [];
    let common = await mergeBase(root, base.commit, head.commit);
    if (common === undefined) {
      if (shallow) {
        throw new AlmanacError(`no common history between '${baseRef}' and '${headRef}' in this shallow clone`, {
          hint: SHALLOW_HINT,
        });
      }
      notes.push(`'${baseRef}' and '${headRef}' share no history: compared against the tip of '${baseRef}'`);
      common = base.commit;
    }
    return { root, reader, shallow, base, head, mergeBase: common, notes };
  } catch (error) {
    await reader.close();
    throw error;
  }
}

/** Reads a file's text at a commit, or undefined when it does not exist there. */
export async function readTextAt(reader: ObjectReader, commit: string, path: string): Promise<string | undefined> {
  const object = await reader.read(`${commit}:${path}`);
  return object?.type === "blob" ? object.data.toString("utf8") : undefined;
}

/** Reads a file's bytes at a commit, or undefined when it does not exist there. */
export async function readBytesAt(reader: ObjectReader, commit: string, path: string): Promise<Buffer | undefined> {
  const object = await reader.read(`${commit}:${path}`);
  return object?.type === "blob" ? object.data : undefined;
}
