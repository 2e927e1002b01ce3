import { readFile } from "node:fs/promises";
import { type Profile, ProfileSchema } from "../schemas/profile.ts";
import { findingError, usageError } from "../util/errors.ts";

/** Reads a profile JSON file written by `almanac profile`; a missing, non-JSON or invalid file is an error naming it. */
export async function readProfileFile(path: string, label = path): Promise<Profile> {
  const text = await readFile(path, "utf8").catch(() => {
    throw usageError(`cannot read ${label}`, "give profile JSON files written by almanac profile");
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw findingError(`${label} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ProfileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw findingError(
      `${label} is not an Almanac profile: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
      "see schemas/profile.schema.json",
    );
  }
  return parsed.data;
}
