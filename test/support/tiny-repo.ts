import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../core/cli/main.ts";

/** Six birds: a small CSV whose every column exercises one data check. */
export const BIRDS_CSV = `row_id,species,wing_mm,mass_g,seen_on,ringed
1,sparrow,76.5,28,2024-03-01,true
2,robin,80.1,18,2024-03-02,false
3,sparrow,74.0,,2024-03-02,true
4,wren,48.2,10,2024-03-05,false
5,robin,79.9,19,2024-03-07,true
6,wren,47.5,9,2024-03-09,true
`;

/** The manifest of the birds dataset, pinned to `data` (sha256, bytes and rows computed from it). */
export function birdsManifest(data: string | Buffer = BIRDS_CSV, rows = 6, path = "data/birds.csv"): string {
  return `# yaml-language-server: $schema=../../schemas/dataset-manifest.schema.json
apiVersion: almanac/v1
kind: Dataset
id: birds
version: 1.0.0
description: Garden birds measured at a ringing station.
license: CC0-1.0
source:
  name: Almanac test fixtures
format: csv
files:
  - path: ${path}
    sha256: ${sha256(data)}
    bytes: ${Buffer.byteLength(data)}
    rows: ${rows}
columns:
  - name: row_id
    type: integer
    role: id
    unique: true
    min: 1
  - name: species
    type: category
    role: target
    values: [robin, sparrow, wren]
  - name: wing_mm
    type: number
    min: 40
    max: 100
  - name: mass_g
    type: integer
    nullable: true
    min: 5
    max: 50
    max_null_fraction: 0.5
  - name: seen_on
    type: datetime
    min: "2024-01-01"
    max: "2024-12-31"
  - name: ringed
    type: boolean
    role: sensitive
split:
  method: hash
  key: row_id
  seed: 1
  test_fraction: 0.3
checks:
  rows:
    min: 3
    max: 100
`;
}

/** A card for the birds dataset. */
export const BIRD_CARD = `---
apiVersion: almanac/v1
kind: Model
id: bird-species
name: Bird species
version: 1.0.0
stage: proposed
owners: ["@almanac/birds"]
task: multiclass-classification
license: MIT
dataset:
  id: birds
  version: 1.0.0
  target: species
  features: [wing_mm, mass_g]
  sensitive: [ringed]
training:
  command: node train.ts
evaluation:
  primary_metric: macro_f1
  gates:
    accuracy: { min: 0.5 }
---

# Bird species

## Intended use

Tests.
`;

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** 1-based line of the first line of `text` containing `needle` (for asserting diagnostic lines). */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" not found`);
  return index + 1;
}

export interface TinyRepoOptions {
  /** The data file's bytes (default BIRDS_CSV). */
  data?: string | Buffer;
  /** Manifest text (default: birdsManifest(data) with 6 rows). */
  manifest?: string;
  /** Card text (default BIRD_CARD); undefined writes no card. */
  card?: string | null;
  /** Data file path inside the dataset folder. */
  dataPath?: string;
}

/** Writes a one-dataset, one-model repository into a fresh temp folder and returns its root. */
export async function createTinyRepo(options: TinyRepoOptions = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "almanac-tiny-"));
  const data = options.data ?? BIRDS_CSV;
  const dataPath = options.dataPath ?? "data/birds.csv";
  await mkdir(join(root, "datasets/birds", dataPath, ".."), { recursive: true });
  await writeFile(join(root, "datasets/birds", dataPath), data);
  await writeFile(join(root, "datasets/birds/dataset.yaml"), options.manifest ?? birdsManifest(data, 6, dataPath));
  if (options.card !== null) {
    await mkdir(join(root, "models/bird-species"), { recursive: true });
    await writeFile(join(root, "models/bird-species/model.md"), options.card ?? BIRD_CARD);
  }
  return root;
}

/** The CLI's exit code and captured output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `almanac <args>` in-process with captured output. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => {
      stdout += text.endsWith("\n") ? text : `${text}\n`;
    },
    stderr: (text) => {
      stderr += text.endsWith("\n") ? text : `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

/** Every file under `root` with its size and mtime, to assert that a command wrote nothing. */
export async function snapshotTree(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path).catch(() => undefined);
        out.push(`${path.slice(root.length)} ${info?.size} ${info?.mtimeMs}`);
      }
    }
  };
  await walk(root);
  return out.sort();
}
