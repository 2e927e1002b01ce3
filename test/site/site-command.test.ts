import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanEnvironment, PROJECT_ROOT } from "./support/build-site.ts";

// `almanac site build|dev|preview` as a user runs them: the CLI in a child process, on
// repositories in temp folders (a fresh `git init` with nothing in it, and the examples).

const CLI = join(PROJECT_ROOT, "bin", "almanac.js");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

function almanac(args: string[], cwd: string) {
  return spawnCollect(args, cwd);
}

function spawnCollect(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...cleanEnvironment(), NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

/** Starts a long-running verb and resolves with its first line on stdout (the server's URL). */
function startServer(args: string[], cwd: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...cleanEnvironment(), NO_COLOR: "1" } });
    children.push(child);
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving .* at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolvePromise({ child, url, output: () => output });
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`exited ${code} before serving:\n${output}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePromise(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function emptyRepository(): Promise<string> {
  const repository = await mkdtemp(join(tmpdir(), "almanac-site-verb-"));
  execFileSync("git", ["init", "-q", repository]);
  return repository;
}

/** The text of a page, tags stripped and whitespace collapsed. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("almanac site build", () => {
  it("builds a catalogue of a repository with no models that says so, writing only dist-site/", async () => {
    const repository = await emptyRepository();
    const result = await almanac(["site", "build"], repository);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^✓ built the catalogue into .*dist-site\/: 0 model pages, 0 dataset pages, \d+ pages in all \(\d+\.\d s\)\n$/,
    );
    expect((await readdir(repository)).sort()).toEqual([".git", "dist-site"]);
    const home = text(await readFile(join(repository, "dist-site", "index.html"), "utf8"));
    expect(home).toContain("No models yet. Add a dataset with npx almanac new dataset and a model trained on it");
    const datasets = text(await readFile(join(repository, "dist-site", "datasets", "index.html"), "utf8"));
    expect(datasets).toContain("No datasets yet. Add one from a data file with npx almanac new dataset");
    const drift = text(await readFile(join(repository, "dist-site", "drift", "index.html"), "utf8"));
    expect(drift).toContain("No drift reports yet");
  }, 120_000);

  it("writes to --out under --base, for --root given from elsewhere", async () => {
    const repository = await emptyRepository();
    const elsewhere = await mkdtemp(join(tmpdir(), "almanac-site-cwd-"));
    const result = await almanac(
      ["site", "build", "--root", repository, "--out", "public", "--base", "/models/"],
      elsewhere,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/built the catalogue into public\//);
    const html = await readFile(join(elsewhere, "public", "index.html"), "utf8");
    expect(html).toContain('href="/models/datasets/"');
    expect(html).not.toContain('href="/datasets/"');
    expect(await readdir(repository)).toEqual([".git"]);
  }, 120_000);

  it("fails with exit 1 listing the findings when the repository does not validate", async () => {
    const repository = await emptyRepository();
    await cp(join(PROJECT_ROOT, "datasets"), join(repository, "datasets"), { recursive: true });
    await cp(join(PROJECT_ROOT, "models", "car-mpg"), join(repository, "models", "car-mpg"), { recursive: true });
    const card = join(repository, "models", "car-mpg", "model.md");
    await writeFile(card, (await readFile(card, "utf8")).replace(/^stage: .*$/m, "stage: shipped"));
    const result = await almanac(["site", "build"], repository);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error the repository does not validate: 1 error in 1 file\nmodels\/car-mpg\/model\.md:\d+:\d+ stage: expected one of "proposed", "staging", "production", "archived", received string "shipped"\n/,
    );
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  }, 120_000);
});

describe("almanac site dev and preview", () => {
  it("dev serves the catalogue and reloads it when a card changes", async () => {
    const repository = await emptyRepository();
    for (const folder of ["models", "datasets"])
      await cp(join(PROJECT_ROOT, folder), join(repository, folder), { recursive: true });
    const port = await freePort();
    const server = await startServer(["site", "dev", "--port", String(port)], repository);
    expect(server.url).toBe(`http://127.0.0.1:${port}/`);
    const page = async () => text(await (await fetch(`${server.url}models/car-mpg/`)).text());
    expect(await page()).toContain("Car fuel economy regressor");
    const card = join(repository, "models", "car-mpg", "model.md");
    await writeFile(card, (await readFile(card, "utf8")).replace(/^name: .*$/m, "name: Car mileage regressor"));
    await poll(async () => (await page()).includes("Car mileage regressor"), "the renamed model on the page");
    expect(server.output()).toContain("↻ models/car-mpg/model.md changed: catalogue reloaded");
  }, 120_000);

  it("preview serves a built catalogue from --out", async () => {
    const repository = await emptyRepository();
    const built = await almanac(["site", "build", "--out", "site-out"], repository);
    expect(built.code, built.stderr).toBe(0);
    const port = await freePort();
    const server = await startServer(["site", "preview", "--out", "site-out", "--port", String(port)], repository);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(text(await response.text())).toContain("No models yet.");
  }, 120_000);
});
