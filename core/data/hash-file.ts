import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Read size for hashing: large enough to keep syscalls few, small enough to keep memory flat. */
const HASH_CHUNK_BYTES = 1 << 20;

/** A file's content hash and size. */
export interface FileDigest {
  /** SHA-256 as 64 lowercase hex digits. */
  sha256: string;
  bytes: number;
}

/**
 * SHA-256 and size of a file, streamed in 1 MiB chunks: memory stays flat whatever the file
 * size (a 100 MB file never sits in memory). Rejects with the fs error (ENOENT, EISDIR, …).
 */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: HASH_CHUNK_BYTES })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
