import { spawn } from "node:child_process";
import { once } from "node:events";

/** A file written by a commit. */
export interface FileWrite {
  path: string;
  content: string | Uint8Array;
  delete?: undefined;
}
/** A file deleted by a commit. */
export interface FileDelete {
  path: string;
  delete: true;
}
export type Change = FileWrite | FileDelete;

/** Commit metadata: subject, author name, Unix time; `from` starts the commit on another branch's tip. */
export interface CommitMeta {
  subject: string;
  author: string;
  date: number;
  from?: string;
}

/** Streams commits into ONE `git fast-import` process. */
export interface FastImport {
  commit(branch: string, meta: CommitMeta, changes: readonly Change[]): Promise<void>;
  /**
   * A merge commit on `branch` with `other`'s tip as second parent. fast-import does not merge
   * trees: `changes` must be what `other` brings in, so the merge's tree has them.
   */
  merge(branch: string, meta: CommitMeta, other: string, changes: readonly Change[]): Promise<void>;
  /** Ends the stream; resolves to the number of commits written. */
  finish(): Promise<number>;
  /** Stops the process without writing anything more (after an error). */
  abort(): void;
}

/**
 * Opens `git fast-import` in `root` (https://git-scm.com/docs/git-fast-import): commits are
 * written as a stream with inline file data, so 20,000 commits take seconds, not the
 * minutes 20,000 `git commit` processes would. Branch tips are tracked by marks.
 */
export function createFastImport(root: string): FastImport {
  const child = spawn("git", ["-C", root, "fast-import", "--quiet", "--done"], {
    stdio: ["pipe", "inherit", "inherit"],
  });
  const closed = once(child, "close");
  const tips = new Map<string, number>();
  let marks = 0;
  let commits = 0;
  const write = async (chunk: string | Uint8Array) => {
    if (!child.stdin.write(chunk)) await once(child.stdin, "drain");
  };
  const data = async (content: string | Uint8Array) => {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    await write(`data ${bytes.length}\n`);
    await write(bytes);
    await write("\n");
  };
  const header = async (branch: string, meta: CommitMeta) => {
    const mark = ++marks;
    commits++;
    const email = `${meta.author.split(" ")[0]?.toLowerCase()}@example.com`;
    await write(`commit refs/heads/${branch}\nmark :${mark}\n`);
    await write(
      `author ${meta.author} <${email}> ${meta.date} +0000\ncommitter ${meta.author} <${email}> ${meta.date} +0000\n`,
    );
    await data(`${meta.subject}\n`);
    const parent = meta.from === undefined ? tips.get(branch) : tips.get(meta.from);
    if (parent !== undefined) await write(`from :${parent}\n`);
    tips.set(branch, mark);
  };
  const changes = async (list: readonly Change[]) => {
    for (const change of list) {
      if (change.delete) await write(`D ${change.path}\n`);
      else {
        await write(`M 100644 inline ${change.path}\n`);
        await data(change.content);
      }
    }
  };
  return {
    async commit(branch, meta, list) {
      await header(branch, meta);
      await changes(list);
      await write("\n");
    },
    async merge(branch, meta, other, list) {
      const second = tips.get(other);
      await header(branch, meta);
      if (second !== undefined) await write(`merge :${second}\n`);
      await changes(list);
      await write("\n");
    },
    abort() {
      child.kill();
    },
    async finish() {
      await write("done\n");
      child.stdin.end();
      const [code] = await closed;
      if (code !== 0) throw new Error(`git fast-import failed (exit ${code})`);
      return commits;
    },
  };
}
