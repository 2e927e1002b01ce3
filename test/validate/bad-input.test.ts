import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { rm, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { hashFile } from "../../core/data/hash-file.ts";
import {
  BIRD_CARD,
  BIRDS_CSV,
  birdsManifest,
  type CliRun,
  createTinyRepo,
  runCli,
  snapshotTree,
} from "../support/tiny-repo.ts";

const MANIFEST = "datasets/birds/dataset.yaml";
const CARD = "models/bird-species/model.md";
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** Runs validate on a tiny repo after `mutate`, and checks the habits every bad input must keep. */
async function validateBad(
  mutate: (root: string) => Promise<void>,
  file: string,
  options: Parameters<typeof createTinyRepo>[0] = {},
): Promise<CliRun> {
  const root = await createTinyRepo(options);
  roots.push(root);
  await mutate(root);
  const before = await snapshotTree(root);
  const run = await runCli(["validate", "--root", root]);
  expect([1, 2]).toContain(run.code);
  expect(run.stdout + run.stderr).toContain(file);
  expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  expect(await snapshotTree(root)).toEqual(before);
  return run;
}

const write = (path: string, text: string | Buffer) => (root: string) => writeFile(join(root, path), text);

describe("bad input: documents", () => {
  it("malformed YAML gives line and column", async () => {
    const run = await validateBad(write(MANIFEST, birdsManifest().replace("id: birds", "id: [birds")), MANIFEST);
    expect(run.stdout).toMatch(/datasets\/birds\/dataset\.yaml:\d+:\d+ error invalid YAML: /);
  });

  it("front matter missing", async () => {
    const run = await validateBad(write(CARD, BIRD_CARD.replace(/^---\n/, "")), CARD);
    expect(run.stdout).toContain(`${CARD}:1:1 error front matter missing`);
  });

  it("front matter not closed", async () => {
    const run = await validateBad(write(CARD, BIRD_CARD.replace(/\n---\n\n# Bird/, "\n\n# Bird")), CARD);
    expect(run.stdout).toContain("front matter not closed");
  });

  it("wrong types", async () => {
    const run = await validateBad(write(MANIFEST, birdsManifest().replace("rows: 6", "rows: six")), MANIFEST);
    expect(run.stdout).toContain('files[0].rows: expected number, received string "six"');
  });

  it("unknown keys, with did you mean", async () => {
    const run = await validateBad(write(CARD, BIRD_CARD.replace("license: MIT", "licence: MIT")), CARD);
    expect(run.stdout).toContain('unknown key "licence"');
    expect(run.stdout).toContain('did you mean "license"?');
  });

  it("an empty manifest and an empty card", async () => {
    const run = await validateBad(async (root) => {
      await write(MANIFEST, "")(root);
      await write(CARD, "")(root);
    }, MANIFEST);
    expect(run.stdout).toContain(`${MANIFEST}:1:1 error the file is empty`);
    expect(run.stdout).toContain(`${CARD}:1:1 error the file is empty`);
  });

  it("a UTF-8 BOM and CRLF line endings keep line numbers right", async () => {
    const text = `\uFEFF${birdsManifest().replace("rows: 6", "rows: six")}`.replaceAll("\n", "\r\n");
    const run = await validateBad(write(MANIFEST, text), MANIFEST);
    const line =
      birdsManifest()
        .split("\n")
        .findIndex((l) => l.includes("rows: 6")) + 1;
    expect(run.stdout).toContain(`${MANIFEST}:${line}:11 error files[0].rows`);
  });

  it("a valid card and manifest with a BOM and CRLF pass", async () => {
    const root = await createTinyRepo({
      manifest: `\uFEFF${birdsManifest()}`.replaceAll("\n", "\r\n"),
      card: `\uFEFF${BIRD_CARD}`.replaceAll("\n", "\r\n"),
    });
    roots.push(root);
    const run = await runCli(["validate", "--root", root]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
  });

  it("duplicate keys", async () => {
    const run = await validateBad(
      write(MANIFEST, birdsManifest().replace("kind: Dataset", "kind: Dataset\nkind: Dataset")),
      MANIFEST,
    );
    expect(run.stdout).toContain("duplicate key");
  });

  it("a YAML alias bomb is refused quickly", async () => {
    const levels = Array.from(
      { length: 12 },
      (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(", ")}]`,
    );
    const bomb = `l0: &l0 [lol]\n${levels.join("\n")}\n`;
    const started = performance.now();
    const run = await validateBad(write(MANIFEST, bomb), MANIFEST);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.stdout).toContain("refused");
  });
});

describe("bad input: data", () => {
  it("a missing data file", async () => {
    const run = await validateBad((root) => rm(join(root, "datasets/birds/data/birds.csv")), MANIFEST);
    expect(run.stdout).toContain("data/birds.csv does not exist");
  });

  it("a truncated data file", async () => {
    const run = await validateBad((root) => truncate(join(root, "datasets/birds/data/birds.csv"), 100), MANIFEST);
    expect(run.stdout).toContain("(truncated?)");
  });

  it("a data file that is not what its hash says", async () => {
    const run = await validateBad(write("datasets/birds/data/birds.csv", BIRDS_CSV.replace("80.1", "80.2")), MANIFEST);
    expect(run.stdout).toContain("data/birds.csv does not match its sha256");
  });

  it("a CSV with a ragged row", async () => {
    const csv = BIRDS_CSV.replace("robin,80.1", "robin,80.1,extra");
    const run = await validateBad(async () => {}, MANIFEST, { data: csv });
    expect(run.stdout).toContain("line 3: expected 6 columns, found 7");
  });

  it("a CSV with a stray quote", async () => {
    const run = await validateBad(async () => {}, MANIFEST, { data: BIRDS_CSV.replace("5,robin", '5,"robin') });
    expect(run.stdout).toContain("line 6: a quoted value is never closed");
  });

  it("non-numeric text in a numeric column", async () => {
    const run = await validateBad(async () => {}, MANIFEST, { data: BIRDS_CSV.replace("48.2", "forty") });
    expect(run.stdout).toContain('row 4 (line 5): "forty"');
  });

  it("NaN and Infinity", async () => {
    const run = await validateBad(async () => {}, MANIFEST, {
      data: BIRDS_CSV.replace("48.2", "NaN").replace("47.5", "Infinity"),
    });
    expect(run.stdout).toContain("2 rows hold NaN or an infinite value");
  });

  it.each([
    ["..", "../../secret.csv", "leaves the dataset folder"],
    ["absolute", "/etc/hostname", "is absolute"],
  ])("a path that escapes the dataset folder (%s)", async (_kind, path, message) => {
    const run = await validateBad(async () => {}, MANIFEST, { manifest: birdsManifest(BIRDS_CSV, 6, path) });
    expect(run.stdout).toContain(message);
  });

  it("a symlink that escapes the repository", async () => {
    const run = await validateBad(async (root) => {
      await rm(join(root, "datasets/birds/data/birds.csv"));
      await symlink("/etc/hostname", join(root, "datasets/birds/data/birds.csv"));
    }, MANIFEST);
    expect(run.stdout).toContain("resolves outside the repository");
  });
});

describe("bad input: a 100 MB file is streamed", () => {
  const SIZE = 100 * 1024 * 1024;
  const exec = promisify(execFile);

  async function bigRepo(bytes: number): Promise<string> {
    const root = await createTinyRepo({ card: null });
    roots.push(root);
    const path = join(root, "datasets/birds/data/birds.csv");
    const out = createWriteStream(path);
    out.write("row_id,species,wing_mm,mass_g,seen_on,ringed\n");
    let rows = 0;
    let written = 0;
    while (written < bytes) {
      const block: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        rows++;
        block.push(
          `${rows},wren,${(40 + (rows % 600) / 10).toFixed(1)},${5 + (rows % 40)},2024-03-0${1 + (rows % 9)},true`,
        );
      }
      const text = `${block.join("\n")}\n`;
      written += text.length;
      if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const digest = await hashFile(path);
    const manifest = birdsManifest("", rows)
      .replace(/sha256: [0-9a-f]+/, `sha256: ${digest.sha256}`)
      .replace(/bytes: \d+/, `bytes: ${digest.bytes}`)
      .replace("    unique: true\n", "")
      .replace("    min: 3\n    max: 100\n", "    min: 3\n");
    await writeFile(join(root, "datasets/birds/dataset.yaml"), manifest);
    return root;
  }

  async function measure(root: string): Promise<{ code: number; maxRssKb: number }> {
    const { stdout } = await exec(process.execPath, ["test/support/measure-validate.ts", root]);
    return JSON.parse(stdout);
  }

  it("validates a 100 MB CSV with memory growth well below its size", async () => {
    const small = await measure(await bigRepo(1024));
    const big = await measure(await bigRepo(SIZE));
    expect(small.code).toBe(0);
    expect(big.code).toBe(0);
    const growthBytes = (big.maxRssKb - small.maxRssKb) * 1024;
    console.log(`peak RSS: ${small.maxRssKb} KB on 1 KB of data, ${big.maxRssKb} KB on 100 MB`);
    expect(growthBytes).toBeLessThan(SIZE / 2);
  });

  it("reports a wrong hash of a 100 MB file, naming it, without a stack trace", async () => {
    const root = await bigRepo(SIZE);
    const manifest = join(root, "datasets/birds/dataset.yaml");
    const { readFile } = await import("node:fs/promises");
    await writeFile(manifest, (await readFile(manifest, "utf8")).replace(/sha256: [0-9a-f]{4}/, "sha256: 0000"));
    const before = await snapshotTree(root);
    const run = await runCli(["validate", "--root", root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("data/birds.csv does not match its sha256");
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    expect(await snapshotTree(root)).toEqual(before);
  });
});
