import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../site/support/browser.ts";
import { type StaticServer, serveStatic } from "../site/support/static-server.ts";
import { fileStamps, installTarball, PROJECT, packAlmanac, type Run, runCommand, tarballFiles } from "./support.ts";

// A team adopting Almanac the way the README says, in a fresh repository nobody here set up:
// `npm init -y` (a "type": "commonjs" package), Almanac installed from the tarball `npm pack`
// makes, `almanac init`, a dataset from a real CSV (vega-datasets' la-riots.csv: nullable ages,
// free-text names and addresses), a Python model trained in a virtual environment, a Node model,
// and the catalogue built from the installed package, then checked in Chromium.

const DATA = join(PROJECT, "node_modules/vega-datasets/data/la-riots.csv");

let tarball: string;
let team: string;
let venv: string;
let install: Run;

/** `npx almanac …` in the team's repository: the installed package's bin. */
function almanac(...args: string[]): Promise<Run> {
  return runCommand(join(team, "node_modules/.bin/almanac"), args, team, {
    VIRTUAL_ENV: venv,
    PATH: `${join(venv, "bin")}:${process.env.PATH ?? ""}`,
  });
}

function npm(...args: string[]): Promise<Run> {
  return runCommand("npm", args, team);
}

beforeAll(async () => {
  tarball = await packAlmanac();
  team = join(await mkdtemp(join(tmpdir(), "almanac-adopter-")), "riot-models");
  execFileSync("mkdir", [team]);
  execFileSync("npm", ["init", "-y"], { cwd: team, stdio: "ignore" });
  install = await installTarball(team, tarball);
  // The team's Python: a virtual environment over Debian's, which has pandas and scikit-learn.
  venv = join(dirname(team), "venv");
  execFileSync("/usr/bin/python3", ["-m", "venv", "--system-site-packages", "--without-pip", venv]);
}, 300_000);

describe("the package", () => {
  it("holds the CLI, the catalogue, schemas, actions and templates, and no tests or examples", () => {
    const files = tarballFiles(tarball);
    for (const file of [
      "bin/almanac.js",
      "bin/node-version.cjs",
      "dist/cli/almanac.js",
      "dist/cli/render-worker.js",
      "dist/cli/sort-worker.js",
      "dist/cli/site-logger.js",
      "dist/cli/templates/train.py",
      "site/content.config.ts",
      "site/pages/index.astro",
      "core/site/config.ts",
      "schemas/model-card.schema.json",
      "actions/train/action.yml",
      ".node-version",
      "package.json",
      "README.md",
    ])
      expect(files, file).toContain(file);
    const templates = existsSync(join(PROJECT, "templates"))
      ? execFileSync("git", ["ls-files", "templates"], { cwd: PROJECT, encoding: "utf8" }).split("\n").filter(Boolean)
      : [];
    for (const file of templates) expect(files).toContain(file);
    expect(files.filter((file) => /^(test|models|datasets|reports|scripts|docs)\//.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith(".test.ts"))).toEqual([]);
  });

  it("installs into a fresh repository from the tarball", async () => {
    expect(install.code, install.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(team, "package.json"), "utf8"));
    expect(manifest.devDependencies.almanac).toMatch(/^file:.*almanac-\d+\.\d+\.\d+\.tgz$/);
    expect(existsSync(join(team, "node_modules/almanac/dist/cli/almanac.js"))).toBe(true);
    // Only runtime dependencies come along: the examples' and the tests' libraries do not.
    for (const devOnly of ["vitest", "ml-random-forest", "vega-datasets", "@biomejs/biome", "typescript"])
      expect(existsSync(join(team, "node_modules", devOnly)), devOnly).toBe(false);
  });
});

describe("a team's registry, from init to the catalogue", () => {
  it("init merges npm init's package.json and writes the registry's files", async () => {
    const run = await almanac("init");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  ~ package.json (scripts: build, test; allowScripts: almanac, esbuild)\n");
    expect(run.stdout).toContain("  initialised a git repository\n");
    const manifest = JSON.parse(await readFile(join(team, "package.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "riot-models",
      type: "commonjs",
      scripts: { test: "almanac validate", build: "almanac validate && almanac site build" },
    });
    const templates = await readdir(join(PROJECT, "templates/workflows")).catch((): string[] => []);
    const written = await readdir(join(team, ".github/workflows")).catch((): string[] => []);
    expect(written).toEqual(templates.filter((name) => /\.ya?ml$/.test(name)).sort());
    for (const name of written)
      expect(await readFile(join(team, ".github/workflows", name), "utf8")).not.toContain("__ALMANAC_");
  });

  it("scaffolds a dataset from a real CSV and a Python model, each naming a schema file that exists", async () => {
    const source = join(dirname(team), "la-riots.csv");
    await copyFile(DATA, source);
    const dataset = await almanac("new", "dataset", "la-riots", "--from", source, "--target", "gender");
    expect(dataset.code, dataset.stderr).toBe(0);
    expect(dataset.stdout).toContain("✓ wrote datasets/la-riots/dataset.yaml");
    const model = await almanac(
      "new",
      "model",
      "riot-gender",
      "--dataset",
      "la-riots",
      "--task",
      "binary-classification",
      "--target",
      "gender",
      "--language",
      "python",
    );
    expect(model.code, model.stderr).toBe(0);
    expect((await readdir(join(team, "models/riot-gender"))).sort()).toEqual([
      "model.md",
      "predict.py",
      "requirements.txt",
      "train.py",
    ]);
    for (const file of ["datasets/la-riots/dataset.yaml", "models/riot-gender/model.md"]) {
      const text = await readFile(join(team, file), "utf8");
      const schema = /# yaml-language-server: \$schema=(\S+)/.exec(text)?.[1] ?? "";
      expect(schema, file).toMatch(/^\.\.\/\.\.\/node_modules\/almanac\/schemas\//);
      expect(existsSync(resolve(team, dirname(file), schema)), `${file} → ${schema}`).toBe(true);
    }
  });

  it("trains the Python model in the team's virtual environment", async () => {
    const run = await almanac("train", "riot-gender");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[riot-gender\] LogisticRegression \(binary-classification\) trained on \d+ rows/);
    const evaluation = JSON.parse(await readFile(join(team, "reports/models/riot-gender/evaluation.json"), "utf8"));
    expect(evaluation.model).toMatchObject({ id: "riot-gender", version: "0.1.0" });
  }, 120_000);

  it("trains the Node scaffold in this commonjs package", async () => {
    const scaffold = await almanac(
      "new",
      "model",
      "riot-gender-node",
      "--dataset",
      "la-riots",
      "--task",
      "binary-classification",
      "--target",
      "gender",
      "--language",
      "node",
    );
    expect(scaffold.code, scaffold.stderr).toBe(0);
    const run = await almanac("train", "riot-gender-node");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(existsSync(join(team, "reports/models/riot-gender-node/evaluation.json"))).toBe(true);
  }, 120_000);

  it("npm test validates; npm run build writes the catalogue and nothing into the installed package", async () => {
    const before = await fileStamps(join(team, "node_modules/almanac"));
    const test = await npm("test");
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toContain("✓ 2 models, 1 dataset: valid");
    const build = await npm("run", "build");
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(
      /✓ built the catalogue into dist-site\/: 2 model pages, 1 dataset page, \d+ pages in all/,
    );
    for (const page of [
      "models/riot-gender/index.html",
      "models/riot-gender-node/index.html",
      "datasets/la-riots/index.html",
    ])
      expect(existsSync(join(team, "dist-site", page)), page).toBe(true);
    expect(await fileStamps(join(team, "node_modules/almanac"))).toEqual(before);
    const status = execFileSync("git", ["status", "--porcelain", "--ignored"], { cwd: team, encoding: "utf8" });
    expect(status).toContain("!! dist-site/");
    expect(status).toContain("!! node_modules/");
  }, 180_000);
});

describe("the team's catalogue in Chromium", () => {
  let server: StaticServer;
  let browser: BrowserContext;

  beforeAll(async () => {
    execFileSync("flock", ["/tmp/almanac-apt.lock", "true"]);
    server = await serveStatic(join(team, "dist-site"), "/");
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(["models/riot-gender/", "datasets/la-riots/", ""])(
    "/%s: no console error, no axe-core violation",
    async (path) => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      const response = await page.goto(`${server.origin}/${path}`);
      expect(response?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => violation.id)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("the model page shows the trained model with its metric", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/models/riot-gender/`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Riot gender");
    await expect(page.locator("main").textContent()).resolves.toContain("roc_auc");
    await page.close();
  });
});
