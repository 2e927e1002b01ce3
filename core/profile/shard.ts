import type { DataFormat } from "../schemas/common.ts";
import type { Profile } from "../schemas/profile.ts";
import { usageError } from "../util/errors.ts";

/**
 * Shards of a source for `almanac profile --shard i/n`: a partition every shard computes from
 * the file list alone, without reading the other shards, so n runners can profile a dataset none
 * of them could hold, and `--merge` adds the n profiles up to the profile of the whole.
 *
 * - At least n files: by files. The sorted file list is cut into n contiguous blocks of
 *   ⌊F/n⌋ or ⌈F/n⌉ files; shard i reads block i only.
 * - Fewer files than shards (one big file): by rows, Parquet only. Shard i keeps the rows whose
 *   row number within their file is ≡ i − 1 (mod n); every shard scans the files' metadata and
 *   columns but holds and aggregates a 1/n share of the rows. A CSV or JSON file cannot be cut
 *   without parsing all of it: split it into files (or convert it to Parquet) first.
 */

/** A shard: its 1-based index and the number of shards. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n), e.g. `3/10`, or throws a usage error naming the flag. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count))
    throw usageError(
      `--shard ${text} is not a shard`,
      "expected i/n with 1 ≤ i ≤ n, e.g. --shard 1/10 … --shard 10/10 (a GitHub Actions matrix over i)",
    );
  return { index, count };
}

/** Indexes (into the sorted file list) of shard i's block: [⌊(i−1)F/n⌋, ⌊iF/n⌋). */
export function shardFileIndexes(fileCount: number, shard: Shard): number[] {
  const start = Math.floor(((shard.index - 1) * fileCount) / shard.count);
  const end = Math.floor((shard.index * fileCount) / shard.count);
  return Array.from({ length: end - start }, (_, k) => start + k);
}

/** How a source of `fileCount` files in `format` is split into `shard.count` shards; throws when it cannot be. */
export function shardPlan(fileCount: number, format: DataFormat, shard: Shard, label: string): Profile["shard"] & {} {
  if (fileCount >= shard.count) return { ...shard, by: "files" };
  if (format === "parquet") return { ...shard, by: "rows" };
  throw usageError(
    `${label} has ${fileCount} ${format.toUpperCase()} file${fileCount === 1 ? "" : "s"}, fewer than the ${shard.count} shards, and a ${format.toUpperCase()} file cannot be split by rows without parsing all of it`,
    `split it into at least ${shard.count} files (almanac profile --file 'part-*.${format}' --shard i/${shard.count}), or convert it to Parquet, which is split by row numbers`,
  );
}

/**
 * Checks the shards being merged: when every profile is a shard of one split, each of 1 … n must
 * appear exactly once (a missing or repeated shard would silently change the whole).
 */
export function checkShards(profiles: readonly Profile[], labels: readonly string[]): void {
  const shards = profiles.map((profile) => profile.shard);
  if (shards.every((shard) => shard === undefined)) return;
  const counts = new Set(shards.map((shard) => shard?.count));
  if (counts.size > 1 || shards.some((shard) => shard === undefined)) {
    const described = profiles.map(
      (profile, i) =>
        `${labels[i]} (${profile.shard ? `shard ${profile.shard.index}/${profile.shard.count}` : "not a shard"})`,
    );
    throw usageError(
      `the profiles are not the shards of one split: ${described.join(", ")}`,
      "merge the n profiles of one `almanac profile --shard i/n` run",
    );
  }
  const count = shards[0]?.count as number;
  const seen = new Map<number, string>();
  shards.forEach((shard, i) => {
    const index = (shard as NonNullable<Profile["shard"]>).index;
    const before = seen.get(index);
    if (before !== undefined)
      throw usageError(
        `shard ${index}/${count} is given twice: ${before} and ${labels[i]}`,
        "give each shard's profile once",
      );
    seen.set(index, labels[i] as string);
  });
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((index) => !seen.has(index));
  if (missing.length > 0)
    throw usageError(
      `shard${missing.length === 1 ? "" : "s"} ${missing.map((index) => `${index}/${count}`).join(", ")} missing from the merge`,
      `give the profiles of all ${count} shards (e.g. the artifacts of every matrix job)`,
    );
}
