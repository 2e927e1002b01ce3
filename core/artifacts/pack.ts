import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { pack as createPack, type Pack } from "tar-stream";
import type { ArtifactMediaType, ArtifactRecord } from "../schemas/artifact.ts";
import { findingError } from "../util/errors.ts";

/** Every entry's time: the Unix epoch plus one second (some tools read an mtime of 0 as "unset"). */
export const FIXED_MTIME = new Date(1000);
/** Modes after normalisation: only "executable by its owner" survives from the file system. */
const FILE_MODE = 0o644;
const EXECUTABLE_MODE = 0o755;
/** gzip level of the `gzip` packing; the header carries no name and mtime 0 (Node's zlib). */
const GZIP_LEVEL = 9;

export type Compression = "none" | "gzip";

/** The media type of a packing. */
export function mediaTypeOf(compression: Compression): ArtifactMediaType {
  return compression === "gzip"
    ? "application/vnd.almanac.model.layer.v1.tar+gzip"
    : "application/vnd.almanac.model.layer.v1.tar";
}

interface FoundFile {
  path: string;
  absolute: string;
  size: number;
  executable: boolean;
}

/**
 * The regular files under `dir`, sorted by path (code-unit order, '/' separated). A symbolic link,
 * socket or device is refused: the artifact must be the same bytes wherever it is unpacked.
 */
export async function listModelFiles(dir: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  async function walk(relative: string): Promise<void> {
    const names = (await readdir(join(dir, relative))).sort();
    for (const name of names) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const absolute = join(dir, path);
      const stat = await lstat(absolute);
      if (stat.isDirectory()) await walk(path);
      else if (stat.isFile()) found.push({ path, absolute, size: stat.size, executable: (stat.mode & 0o100) !== 0 });
      else
        throw findingError(
          `ALMANAC_MODEL_DIR/${path} is ${stat.isSymbolicLink() ? "a symbolic link" : "not a regular file"}`,
          "write the model as regular files (copy what a link points to): the artifact must unpack the same everywhere",
        );
    }
  }
  await walk("");
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A pass-through that hashes and counts what flows through it. */
export function hashingTap(): Transform & { sha256: () => string; bytes: () => number } {
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return Object.assign(tap, { sha256: () => hash.digest("hex"), bytes: () => bytes });
}

async function writeEntry(pack: Pack, file: FoundFile): Promise<string> {
  const hash = createHash("sha256");
  let written = 0;
  const entry = pack.entry({
    name: file.path,
    size: file.size,
    mode: file.executable ? EXECUTABLE_MODE : FILE_MODE,
    mtime: FIXED_MTIME,
    uid: 0,
    gid: 0,
    uname: "",
    gname: "",
    type: "file",
  });
  for await (const chunk of createReadStream(file.absolute, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    // A file that grows while packing would corrupt the tar: keep to the size in the header.
    const part = buffer.subarray(0, Math.max(0, file.size - written));
    hash.update(part);
    written += part.length;
    if (!entry.write(part)) await once(entry, "drain");
  }
  if (written !== file.size)
    throw findingError(`ALMANAC_MODEL_DIR/${file.path} changed size while it was packed`, "pack after training ends");
  entry.end(null);
  await once(entry, "finish");
  return hash.digest("hex");
}

/**
 * Packs a model folder reproducibly into `target`: a POSIX tar with the regular files sorted by
 * path, every time fixed (FIXED_MTIME), owner and group 0 without names, modes normalised to 0644
 * or 0755 — so the same files give the same bytes on any machine — optionally gzipped (level 9,
 * no name, mtime 0). Streams: memory stays flat whatever the size. Written to a temp file and
 * renamed. Returns the record committed in evaluation.json.
 */
export async function packModelDir(dir: string, target: string, compression: Compression): Promise<ArtifactRecord> {
  const files = await listModelFiles(dir);
  const pack = createPack();
  const tap = hashingTap();
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(dirname(target), { recursive: true });
  const hashes: string[] = [];
  const produce = async () => {
    try {
      for (const file of files) hashes.push(await writeEntry(pack, file));
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
      throw error;
    }
  };
  const source = Readable.from(pack as unknown as AsyncIterable<Buffer>);
  const sink = createWriteStream(temp, { highWaterMark: 1 << 20 });
  try {
    await Promise.all([
      produce(),
      compression === "gzip"
        ? pipeline(source, createGzip({ level: GZIP_LEVEL }), tap, sink)
        : pipeline(source, tap, sink),
    ]);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return {
    sha256: tap.sha256(),
    size: tap.bytes(),
    media_type: mediaTypeOf(compression),
    files: files.map((file, index) => ({ path: file.path, size: file.size, sha256: hashes[index] as string })),
  };
}
