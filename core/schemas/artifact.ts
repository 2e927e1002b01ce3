import { z } from "zod";

/** SHA-256 as 64 lowercase hex digits. */
export const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits")
  .describe("SHA-256 digest as 64 lowercase hex digits (no `sha256:` prefix).");

/** Media types of the packed artifact: a plain tar (default) or a gzipped tar. */
export const ARTIFACT_MEDIA_TYPES = [
  "application/vnd.almanac.model.layer.v1.tar",
  "application/vnd.almanac.model.layer.v1.tar+gzip",
] as const;
export type ArtifactMediaType = (typeof ARTIFACT_MEDIA_TYPES)[number];

export const ArtifactFileSchema = z
  .strictObject({
    path: z.string().min(1).describe("Path inside the model folder, with forward slashes."),
    size: z.number().int().nonnegative().describe("Size in bytes."),
    sha256: Sha256Schema.describe("SHA-256 of the file's content."),
  })
  .describe("One file of the model folder (ALMANAC_MODEL_DIR).");

/**
 * `evaluation.artifact`: the packed model folder a training run wrote to ALMANAC_MODEL_DIR.
 * The artifact that was evaluated is the one that gets published: `almanac publish` checks this
 * digest, and `almanac pull` verifies it.
 */
export const ArtifactRecordSchema = z
  .strictObject({
    sha256: Sha256Schema.describe("SHA-256 of the packed artifact (the tar file), which is also its OCI blob digest."),
    size: z.number().int().nonnegative().describe("Size of the packed artifact in bytes."),
    media_type: z
      .enum(ARTIFACT_MEDIA_TYPES)
      .describe("How it is packed: a reproducible tar (sorted entries, fixed times and owners), optionally gzipped."),
    files: z.array(ArtifactFileSchema).describe("Every regular file of the model folder, sorted by path."),
  })
  .describe("The model artifact this evaluation evaluated, content-addressed.");
export type ArtifactRecord = z.infer<typeof ArtifactRecordSchema>;
