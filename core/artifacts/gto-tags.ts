import { runGit } from "../git/process.ts";

/**
 * DVC GTO's tag grammar (gto/constants.py `tag_re`, simplified to Almanac's ids): registration
 * `<name>@v<semver>`, stage assignment `<name>#<stage>`, each optionally cancelled with `!` and
 * numbered `#<n>`.
 */
export const GTO_TAG_RE =
  /^(?<artifact>[a-z0-9][a-z0-9-]*)(?:(?:#(?<stage>[a-z0-9][a-z0-9-]*)|@(?<version>v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?))(?<cancel>!?)|@(?:deprecated|created))(?:#(?<counter>\d+))?$/;

/** GTO's registration tag of a version: `<model>@v<version>`. Pure. */
export function registrationTag(model: string, version: string): string {
  return `${model}@v${version}`;
}

/** The next stage tag `<model>#<stage>#<n>`: n is one more than the largest counter of the model's tags (as GTO counts). Pure. */
export function nextStageTag(model: string, stage: string, existing: readonly string[]): string {
  let counter = 0;
  for (const tag of existing) {
    const match = GTO_TAG_RE.exec(tag);
    if (match?.groups?.artifact === model && match.groups.counter)
      counter = Math.max(counter, Number(match.groups.counter));
  }
  return `${model}#${stage}#${counter + 1}`;
}

/** The tags a promotion wrote. */
export interface GtoTags {
  registration: string;
  /** False when the registration tag was already there (on the same commit). */
  registrationCreated: boolean;
  stage: string;
}

/**
 * Writes GTO-compatible annotated tags on the commit whose evaluation records the version: the
 * registration `<model>@v<version>` (once; GTO's message "Registering artifact …") and the stage
 * assignment `<model>#<stage>#<n>` ("Assigning stage …"), so `gto show` and DVC's tooling read
 * Almanac's registry. Push them with `git push --tags` (the publish workflow does).
 */
export async function writeGtoTags(
  root: string,
  model: string,
  version: string,
  stage: string,
  commit: string,
): Promise<GtoTags> {
  const tags = (await runGit(root, ["tag", "--list"])).stdout.toString("utf8").split("\n").filter(Boolean);
  const registration = registrationTag(model, version);
  const registrationCreated = !tags.includes(registration);
  if (registrationCreated)
    await runGit(root, ["tag", "-a", registration, "-m", `Registering artifact ${model} version v${version}`, commit]);
  const stageTag = nextStageTag(model, stage, tags);
  await runGit(root, [
    "tag",
    "-a",
    stageTag,
    "-m",
    `Assigning stage ${stage} to artifact ${model} version v${version}`,
    commit,
  ]);
  return { registration, registrationCreated, stage: stageTag };
}
