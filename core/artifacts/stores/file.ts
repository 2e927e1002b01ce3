import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { z } from "zod";
import { ARTIFACT_MEDIA_TYPES, Sha256Schema } from "../../schemas/artifact.ts";
import { writeJsonAtomic } from "../../util/atomic-write.ts";
import { findingError } from "../../util/errors.ts";
import { type ArtifactRef, type ArtifactStore, artifactFileName, type StoredArtifact } from "./store.ts";

/** `<folder>/<model>/<version>/artifact.json`: what a file store holds under a version. */
const FileEntrySchema = z.strictObject({
  sha256: Sha256Schema,
  size: z.number().int().nonnegative(),
  media_type: z.enum(ARTIFACT_MEDIA_TYPES),
  file: z.string().min(1),
});

/**
 * A folder as a store (`file://path`), for development and tests: `<model>/<version>/` holds the
 * packed file and `artifact.json` (digest, size, media type). Files are written to a temp name
 * and renamed, the record last, so a half-copied version is never visible.
 */
export class FileStore implements ArtifactStore {
  readonly url: string;
  private readonly folder: string;

  constructor(url: string, folder: string) {
    this.url = url;
    this.folder = folder;
  }

  private versionFolder(model: string, version: string): string {
    return join(this.folder, model, version);
  }

  async find(model: string, version: string): Promise<StoredArtifact | undefined> {
    const record = join(this.versionFolder(model, version), "artifact.json");
    if (!existsSync(record)) return undefined;
    const parsed = FileEntrySchema.safeParse(JSON.parse(await readFile(record, "utf8").catch(() => "null")));
    if (!parsed.success)
      throw findingError(`${record} is not a valid artifact record`, "remove the folder and publish again");
    const { sha256, size, file } = parsed.data;
    return { sha256, size, location: join(this.versionFolder(model, version), file) };
  }

  async put(ref: ArtifactRef, file: string): Promise<StoredArtifact> {
    const folder = this.versionFolder(ref.model, ref.version);
    await mkdir(folder, { recursive: true });
    const name = artifactFileName(ref);
    const target = join(folder, name);
    const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
    try {
      await copyFile(file, temp);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    await writeJsonAtomic(join(folder, "artifact.json"), {
      sha256: ref.sha256,
      size: ref.size,
      media_type: ref.mediaType,
      file: name,
    });
    return { sha256: ref.sha256, size: ref.size, location: target };
  }

  async open(ref: ArtifactRef): Promise<Readable> {
    const found = await this.find(ref.model, ref.version);
    if (!found) throw findingError(`${this.url} holds no artifact for ${ref.model}@${ref.version}`);
    return createReadStream(found.location, { highWaterMark: 1 << 20 });
  }
}
