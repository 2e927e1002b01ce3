import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

/** Read size for hashing: large enough to keep syscalls few, small enough to keep memory flat. */
const HASH_CHUNK_BYTES = 1 << 20;

/** A file's content hash and size. */
export interface FileDigest {
  /** SHA-256 as 64 lowercase hex digits. */
  sha256: string;
  bytes: number;
}

/**
 * SHA-256 and size of a file, streamed through one reused 1 MiB buffer: memory stays flat
 * whatever the file size (a 100 MB file never sits in memory, and no garbage piles up).
 * Rejects with the fs error (ENOENT, EISDIR, …).
 */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  const handle = await open(path, "r");
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, HASH_CHUNK_BYTES, bytes);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest("hex"), bytes };
}
