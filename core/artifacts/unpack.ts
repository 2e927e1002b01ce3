import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract as createExtract } from "tar-stream";
import type { ArtifactMediaType } from "../schemas/artifact.ts";
import { findingError, usageError } from "../util/errors.ts";

/** A tar entry name that stays inside the folder: relative, no `..`, no empty or odd segments. */
export function isSafeEntryName(name: string): boolean {
  if (name === "" || name.startsWith("/") || name.includes("\\") || name.includes("\0")) return false;
  return name
    .replace(/\/$/, "")
    .split("/")
    .every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/** Extracts a tar stream (gzipped for a `+gzip` media type) into `dir`, safely. Returns the paths written. */
export async function extractInto(input: Readable, mediaType: ArtifactMediaType, dir: string): Promise<string[]> {
  const extract = createExtract();
  const written: string[] = [];
  const consume = async () => {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (!isSafeEntryName(name))
        throw findingError(`the artifact holds an unsafe path ${JSON.stringify(name)}`, "it was not packed by Almanac");
      if (type === "directory") {
        await mkdir(join(dir, name), { recursive: true });
        entry.resume();
        continue;
      }
      if (type !== "file")
        throw findingError(`the artifact holds a ${type} entry (${name})`, "Almanac artifacts hold regular files only");
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      const out = createWriteStream(path, { mode: (entry.header.mode ?? 0o644) & 0o755 });
      for await (const chunk of entry) if (!out.write(chunk)) await once(out, "drain");
      out.end();
      await once(out, "finish");
      written.push(name);
    }
  };
  // tar-stream's streams are streamx streams: feed the extractor by hand, with backpressure.
  const feed = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) if (!extract.write(chunk)) await once(extract, "drain");
    extract.end(null);
  };
  await Promise.all([
    consume(),
    mediaType.endsWith("+gzip") ? pipeline(input, createGunzip(), feed) : pipeline(input, feed),
  ]);
  return written;
}

/** A tar extractor fed chunk by chunk: `write` waits for room, `end` returns the paths written. */
export interface TarSink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<string[]>;
}

/** Starts extracting into `dir`; the first extraction error rejects the next `write` or `end`. */
export function tarSink(mediaType: ArtifactMediaType, dir: string): TarSink {
  const input = new PassThrough({ highWaterMark: 1 << 20 });
  let failure: unknown;
  const done = extractInto(input, mediaType, dir);
  const failed = done.then(
    () => new Promise<never>(() => {}),
    (error: unknown) => {
      failure = error;
      throw error;
    },
  );
  failed.catch(() => {});
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!input.write(chunk)) await Promise.race([once(input, "drain"), failed]);
    },
    async end() {
      if (failure) throw failure;
      input.end();
      return done;
    },
  };
}

/** Refuses an --out folder with something in it: pull never mixes files of two artifacts. */
async function assertEmptyOrMissing(out: string): Promise<void> {
  const names = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    if (error.code === "ENOTDIR") throw usageError(`--out ${out} is a file`, "name a folder");
    throw error;
  });
  if (names.length > 0)
    throw usageError(`--out ${out} is not empty`, "name a new or empty folder; pull never overwrites files");
}

/**
 * Unpacks a verified artifact into `out` (new or empty): into a temp folder beside it first,
 * renamed into place only when every entry was written, so a failure leaves nothing in `out`.
 * Returns the paths written, in archive order.
 */
export async function unpackArtifact(file: string, mediaType: ArtifactMediaType, out: string): Promise<string[]> {
  return intoFolder(out, (temp) => extractInto(createReadStream(file, { highWaterMark: 1 << 20 }), mediaType, temp));
}

/**
 * Fills a temp folder beside `out` (new or empty) and renames it into place only when `fill`
 * succeeds; on any failure the temp folder is removed and `out` is left as it was.
 */
export async function intoFolder<T>(out: string, fill: (temp: string) => Promise<T>): Promise<T> {
  await assertEmptyOrMissing(out);
  const temp = `${out.replace(/\/+$/, "")}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(temp, { recursive: true });
  try {
    const result = await fill(temp);
    await rmdir(out).catch(() => {});
    await rename(temp, out);
    return result;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
