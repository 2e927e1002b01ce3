import { resolve } from "node:path";
import type { Command } from "commander";
import { resolveSource } from "../../data/source.ts";
import { databaseOptions } from "../../data/spill.ts";
import type { DataFormat } from "../../schemas/common.ts";
import type { Profile } from "../../schemas/profile.ts";
import { writeJsonAtomic } from "../../util/atomic-write.ts";
import { EXIT_OK, usageError } from "../../util/errors.ts";
import { settledInOrder } from "../../util/settled.ts";
import { preflightDataset } from "../../validate/preflight.ts";
import type { Runner } from "../main.ts";
import { startProgress } from "../progress.ts";

interface ProfileFlags {
  version?: string;
  datasetVersion?: string;
  file?: string;
  format?: string;
  merge?: string[];
  shard?: string;
  out?: string;
  memoryLimit?: string;
  json?: boolean;
}

async function datasetProfile(
  root: string,
  spec: string,
  flags: ProfileFlags,
): Promise<{ profile: Profile; path: string }> {
  const [id, atVersion] = spec.split("@") as [string, string | undefined];
  const version = flags.datasetVersion ?? flags.version ?? atVersion;
  const { dataset } = await preflightDataset(root, id, { verb: "profile" });
  const { profileDataset, profilePath } = await import("../../profile/profile-source.ts");
  const { parseShard } = await import("../../profile/shard.ts");
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const profile = await profileDataset(root, dataset, version, databaseOptions(flags.memoryLimit), shard);
  return { profile, path: flags.out ?? profilePath(profile.dataset as string, profile.version as string) };
}

/**
 * `almanac profile <dataset>`, `almanac profile --file PATH_OR_GLOB [--shard i/n]`,
 * `almanac profile --merge a.json b.json …`.
 */
export function registerProfile(program: Command, run: Runner): void {
  program
    .command("profile")
    .description(
      "profile a dataset (or files): counts, nulls, distinct values, range, moments, quantiles, histograms, top values",
    )
    .argument("[dataset]", "dataset id (or id@version): writes reports/profiles/<dataset>/<version>.json")
    .option(
      "--version <version>",
      "dataset version (must be the manifest's); write --version=V (a bare --version prints Almanac's)",
    )
    .option("--dataset-version <version>", "the same as --version=<version>")
    .option("--file <path-or-glob>", "profile a file or a glob of shards instead of a dataset")
    .option("--format <format>", "format when the extension does not say (csv, parquet, json, ndjson)")
    .option(
      "--shard <i/n>",
      "profile shard i of n (1 ≤ i ≤ n): by files when there are at least n, else Parquet rows by row number mod n",
    )
    .option("--merge <profiles...>", "merge profile JSON files of disjoint shards into one (exact; checks shards 1…n)")
    .option("--out <file>", "write the profile here (datasets: instead of reports/profiles/…)")
    .option("--memory-limit <size>", "DuckDB memory limit, e.g. 1GB")
    .option("--json", "print the profile as JSON")
    .action(
      run(async (context, dataset: string | undefined, flags: ProfileFlags) => {
        const modes = [dataset !== undefined, flags.file !== undefined, flags.merge !== undefined].filter(
          Boolean,
        ).length;
        if (modes !== 1)
          throw usageError(
            "give one of: a dataset id, --file PATH_OR_GLOB, or --merge a.json b.json …",
            "e.g. almanac profile penguins",
          );
        if (flags.shard !== undefined && flags.merge !== undefined)
          throw usageError("--shard profiles one shard; --merge adds profiles up", "use one of them per run");
        if (flags.format !== undefined && !["csv", "parquet", "json", "ndjson"].includes(flags.format))
          throw usageError(`--format ${flags.format} is not a format`, "expected one of: csv, parquet, json, ndjson");
        // Loaded when the verb runs, so other verbs do not pay for the profile modules at startup.
        const { profileSource } = await import("../../profile/profile-source.ts");
        const { mergeProfiles } = await import("../../profile/merge.ts");
        const { renderProfile } = await import("../../profile/render.ts");
        const { readProfileFile } = await import("../../profile/read-profile.ts");
        const progress = startProgress("profiling", { json: flags.json });
        let profile: Profile;
        let path: string | undefined;
        try {
          if (dataset !== undefined) ({ profile, path } = await datasetProfile(context.root, dataset, flags));
          else if (flags.file !== undefined) {
            const source = await resolveSource(flags.file, {
              base: process.cwd(),
              ...(flags.format ? { format: flags.format as DataFormat } : {}),
            });
            const { parseShard } = await import("../../profile/shard.ts");
            profile = await profileSource(source, {
              database: databaseOptions(flags.memoryLimit),
              ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
            });
            path = flags.out;
          } else {
            // Read in parallel, but report the first bad file in argument order, every run alike.
            const profiles = await settledInOrder<Profile[]>(
              (flags.merge ?? []).map((file) => readProfileFile(resolve(process.cwd(), file))),
            );
            profile = mergeProfiles(profiles, flags.merge);
            path = flags.out;
          }
        } finally {
          progress.stop();
        }
        if (path !== undefined)
          await writeJsonAtomic(
            dataset !== undefined && flags.out === undefined ? `${context.root}/${path}` : resolve(process.cwd(), path),
            profile,
          );
        context.stdout(flags.json ? JSON.stringify(profile, null, 2) : renderProfile(profile));
        if (path !== undefined && !flags.json) context.stdout(`wrote ${path}`);
        return EXIT_OK;
      }),
    );
}
