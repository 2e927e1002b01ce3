import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack as createPack } from "tar-stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { packModelDir } from "../../core/artifacts/pack.ts";
import { isSafeEntryName, unpackArtifact } from "../../core/artifacts/unpack.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "almanac-pack-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A model folder with nested files, written in a given order with given times and modes. */
function modelFolder(name: string, order: "forward" | "reverse", time: number): string {
  const folder = join(dir, name);
  const files: Array<[string, string]> = [
    ["model.json", '{"weights":[1,2,3]}'],
    ["vocab/b.txt", "bee\n"],
    ["vocab/a.txt", "ay\n"],
    ["run.sh", "#!/bin/sh\necho hi\n"],
  ];
  for (const [path, text] of order === "forward" ? files : [...files].reverse()) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
    utimesSync(join(folder, path), time, time);
  }
  chmodSync(join(folder, "run.sh"), 0o775);
  chmodSync(join(folder, "model.json"), order === "forward" ? 0o600 : 0o664);
  return folder;
}

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("packModelDir", () => {
  it("gives the same bytes for the same files whatever their times, modes, owners and creation order", async () => {
    const a = await packModelDir(modelFolder("a", "forward", 1_600_000_000), join(dir, "a.tar"), "none");
    const b = await packModelDir(modelFolder("b", "reverse", 1_700_000_000), join(dir, "b.tar"), "none");
    expect(a.sha256).toBe(b.sha256);
    expect(sha(join(dir, "a.tar"))).toBe(a.sha256);
    expect(readFileSync(join(dir, "a.tar")).length).toBe(a.size);
    expect(a.media_type).toBe("application/vnd.almanac.model.layer.v1.tar");
    expect(a.files).toEqual([
      { path: "model.json", size: 19, sha256: createHash("sha256").update('{"weights":[1,2,3]}').digest("hex") },
      { path: "run.sh", size: 18, sha256: createHash("sha256").update("#!/bin/sh\necho hi\n").digest("hex") },
      { path: "vocab/a.txt", size: 3, sha256: createHash("sha256").update("ay\n").digest("hex") },
      { path: "vocab/b.txt", size: 4, sha256: createHash("sha256").update("bee\n").digest("hex") },
    ]);
  });

  it("writes a POSIX tar that GNU tar lists with fixed times, owners 0/0 and normalised modes", async () => {
    await packModelDir(modelFolder("m", "forward", 1_600_000_000), join(dir, "m.tar"), "none");
    const listing = execFileSync("tar", ["--numeric-owner", "--utc", "-tvf", join(dir, "m.tar")], { encoding: "utf8" });
    expect(listing.trim().split("\n")).toEqual([
      "-rw-r--r-- 0/0              19 1970-01-01 00:00 model.json",
      "-rwxr-xr-x 0/0              18 1970-01-01 00:00 run.sh",
      "-rw-r--r-- 0/0               3 1970-01-01 00:00 vocab/a.txt",
      "-rw-r--r-- 0/0               4 1970-01-01 00:00 vocab/b.txt",
    ]);
  });

  it("gzips reproducibly too: a fixed header (no name, mtime 0) and the same bytes for the same files", async () => {
    const a = await packModelDir(modelFolder("a", "forward", 1), join(dir, "a.tgz"), "gzip");
    const b = await packModelDir(modelFolder("b", "reverse", 2), join(dir, "b.tgz"), "gzip");
    expect(a.sha256).toBe(b.sha256);
    expect(a.media_type).toBe("application/vnd.almanac.model.layer.v1.tar+gzip");
    const header = readFileSync(join(dir, "a.tgz")).subarray(0, 10);
    expect([...header.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(header.readUInt32LE(4)).toBe(0);
    expect(execFileSync("tar", ["-tzf", join(dir, "a.tgz")], { encoding: "utf8" })).toBe(
      "model.json\nrun.sh\nvocab/a.txt\nvocab/b.txt\n",
    );
  });

  it("refuses a symbolic link, naming it", async () => {
    const folder = modelFolder("l", "forward", 1);
    symlinkSync("/etc/passwd", join(folder, "passwd"));
    await expect(packModelDir(folder, join(dir, "l.tar"), "none")).rejects.toThrow(
      "ALMANAC_MODEL_DIR/passwd is a symbolic link",
    );
    expect(readdirSync(dir).filter((name) => name.startsWith("l.tar"))).toEqual([]);
  });
});

describe("unpackArtifact", () => {
  it("restores the files and the executable bit", async () => {
    await packModelDir(modelFolder("m", "forward", 1), join(dir, "m.tar"), "gzip");
    const files = await unpackArtifact(
      join(dir, "m.tar"),
      "application/vnd.almanac.model.layer.v1.tar+gzip",
      join(dir, "out"),
    );
    expect(files).toEqual(["model.json", "run.sh", "vocab/a.txt", "vocab/b.txt"]);
    expect(readFileSync(join(dir, "out/vocab/b.txt"), "utf8")).toBe("bee\n");
    expect(execFileSync(join(dir, "out/run.sh"), { encoding: "utf8" })).toBe("hi\n");
  });

  it("refuses an entry that escapes the folder and leaves nothing behind", async () => {
    const pack = createPack();
    pack.entry({ name: "ok.txt" }, "fine");
    pack.entry({ name: "../escaped.txt" }, "evil");
    pack.finalize();
    const chunks: Buffer[] = [];
    pack.on("data", (chunk) => chunks.push(chunk as Buffer));
    await once(pack, "end");
    writeFileSync(join(dir, "evil.tar"), Buffer.concat(chunks));
    await expect(
      unpackArtifact(join(dir, "evil.tar"), "application/vnd.almanac.model.layer.v1.tar", join(dir, "out")),
    ).rejects.toThrow('the artifact holds an unsafe path "../escaped.txt"');
    expect(readdirSync(dir).sort()).toEqual(["evil.tar"]);
  });

  it("refuses a non-empty --out", async () => {
    await packModelDir(modelFolder("m", "forward", 1), join(dir, "m.tar"), "none");
    mkdirSync(join(dir, "full"));
    writeFileSync(join(dir, "full/keep.txt"), "mine");
    await expect(
      unpackArtifact(join(dir, "m.tar"), "application/vnd.almanac.model.layer.v1.tar", join(dir, "full")),
    ).rejects.toThrow("is not empty");
    expect(readdirSync(join(dir, "full"))).toEqual(["keep.txt"]);
  });

  it("judges entry names", () => {
    expect(["a", "a/b.txt", "dir/"].map(isSafeEntryName)).toEqual([true, true, true]);
    expect(["", "/etc/x", "../x", "a/../../x", "a//b", "./a", "a\\b"].map(isSafeEntryName)).toEqual(
      Array(7).fill(false),
    );
  });
});
