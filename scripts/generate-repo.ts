/**
 * Writes a synthetic Almanac repository: N model cards and M dataset manifests with small real
 * CSV data, deterministically (a seeded PRNG: the same options give the same bytes everywhere).
 *
 *   node scripts/generate-repo.ts <dir> [--models 1000] [--datasets 100] [--rows 200] [--seed 1] [--no-train]
 *
 * Other generators (git history, evaluations, drift reports) call {@link generateRepository}
 * and add their own files. Options are documented in docs/generator.md.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Task } from "../core/schemas/metrics.ts";
import type { Stage } from "../core/schemas/model-card.ts";
import { type GeneratedDataset, generateDataset } from "./generator/dataset.ts";
import { generateModel } from "./generator/model.ts";

/** What to generate. Every field has a default. */
export interface GenerateOptions {
  /** Number of model cards (default 1000). */
  models?: number;
  /** Number of datasets (default 100); models are spread round-robin over them. */
  datasets?: number;
  /** Data rows per dataset CSV (default 200, at least 20). */
  rows?: number;
  /** Seed of the PRNG (default 1). */
  seed?: number;
  /** Write a runnable baseline train.mts beside each card (default true). */
  trainScripts?: boolean;
}

/** What was generated, for callers that add history, evaluations or drift reports on top. */
export interface GeneratedRepository {
  root: string;
  datasets: Omit<GeneratedDataset, "files">[];
  models: { id: string; datasetId: string; task: Task; stage: Stage }[];
  /** Every file written, relative to root, sorted. */
  files: string[];
}

export const DEFAULT_GENERATE_OPTIONS = {
  models: 1000,
  datasets: 100,
  rows: 200,
  seed: 1,
  trainScripts: true,
} as const;
const MIN_ROWS = 20;
const WRITE_CONCURRENCY = 32;

/**
 * Generates a repository under `dir` (created when missing). Refuses a folder that already
 * has models/ or datasets/, so it never overwrites a real repository.
 */
export async function generateRepository(dir: string, options: GenerateOptions = {}): Promise<GeneratedRepository> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: Required<GenerateOptions> = { ...DEFAULT_GENERATE_OPTIONS, ...given };
  checkSettings(settings);
  const root = resolve(dir);
  const existing = await readdir(root).catch(() => [] as string[]);
  if (existing.includes("models") || existing.includes("datasets"))
    throw new Error(`${root} already has models/ or datasets/: generate into an empty folder`);
  // train.mts imports its CSV and scoring code from baseline.mts: both go beside each card.
  const trainScripts = settings.trainScripts
    ? Object.fromEntries(
        await Promise.all(
          ["train.mts", "baseline.mts"].map(
            async (file) =>
              [file, await readFile(new URL(`../core/new/templates/${file}`, import.meta.url), "utf8")] as const,
          ),
        ),
      )
    : undefined;
  const datasets: GeneratedDataset[] = Array.from({ length: settings.datasets }, (_, index) =>
    generateDataset(index, settings),
  );
  const models = Array.from({ length: settings.models }, (_, index) =>
    generateModel(index, datasets[index % datasets.length] as GeneratedDataset, { seed: settings.seed, trainScripts }),
  );
  const files = new Map<string, string>();
  for (const part of [...datasets, ...models]) for (const [path, text] of part.files) files.set(path, text);
  await writeAll(root, files);
  return {
    root,
    datasets: datasets.map(({ files: _files, ...rest }) => rest),
    models: models.map(({ files: _files, ...rest }) => rest),
    files: [...files.keys()].sort(),
  };
}

function checkSettings(settings: Required<GenerateOptions>): void {
  for (const name of ["models", "datasets", "rows", "seed"] as const) {
    if (!Number.isInteger(settings[name]) || settings[name] < 0)
      throw new Error(`--${name} must be a whole number ≥ 0, received ${settings[name]}`);
  }
  if (settings.datasets < 1) throw new Error("--datasets must be at least 1");
  if (settings.rows < MIN_ROWS) throw new Error(`--rows must be at least ${MIN_ROWS}`);
}

async function writeAll(root: string, files: Map<string, string>): Promise<void> {
  const folders = new Set([...files.keys()].map((path) => dirname(join(root, path))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  const entries = [...files];
  for (let start = 0; start < entries.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      entries.slice(start, start + WRITE_CONCURRENCY).map(([path, text]) => writeFile(join(root, path), text)),
    );
  }
}

async function cli(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      models: { type: "string" },
      datasets: { type: "string" },
      rows: { type: "string" },
      seed: { type: "string" },
      "no-train": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const dir = positionals[0];
  if (values.help || dir === undefined) {
    console.log(
      "usage: node scripts/generate-repo.ts <dir> [--models 1000] [--datasets 100] [--rows 200] [--seed 1] [--no-train]",
    );
    if (dir === undefined && !values.help) process.exitCode = 2;
    return;
  }
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const started = performance.now();
  const result = await generateRepository(dir, {
    models: number(values.models),
    datasets: number(values.datasets),
    rows: number(values.rows),
    seed: number(values.seed),
    trainScripts: !values["no-train"],
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${result.models.length} models, ${result.datasets.length} datasets (${result.files.length} files) to ${result.root} in ${seconds} s`,
  );
}

if (import.meta.main) {
  await cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
}
