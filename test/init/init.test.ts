import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { almanacSpec, initRegistry } from "../../core/init/init.ts";
import { githubSlug } from "../../core/init/workflows.ts";
import { VERSION } from "../../core/version.ts";
import { runCli } from "../support/tiny-repo.ts";

const PROJECT = resolve(import.meta.dirname, "../..");
const NODE_VERSION = (await readFile(join(PROJECT, ".node-version"), "utf8")).trim();

/** What `npm init -y` writes (npm 11), the usual starting point of a team's repository. */
const NPM_INIT = {
  name: "churn-models",
  version: "1.0.0",
  description: "",
  main: "index.js",
  scripts: { test: 'echo "Error: no test specified" && exit 1' },
  keywords: [],
  author: "",
  license: "ISC",
  type: "commonjs",
};

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), "almanac-init-"));
}

/** Every entry under `root` (folders too) with a digest of each file, to prove nothing was written. */
async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      if (entry.isDirectory()) return `${path.slice(root.length)}/`;
      const digest = createHash("sha256")
        .update(await readFile(path))
        .digest("hex")
        .slice(0, 12);
      return `${path.slice(root.length)} ${digest}`;
    }),
  ).then((list) => list.sort());
}

/** Caller workflow templates as the github engineer writes them, with both placeholders. */
async function templates(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "almanac-templates-"));
  await writeFile(
    join(dir, "pull-request.yml"),
    "name: Pull request\non: pull_request\njobs:\n  almanac:\n    uses: __ALMANAC_REPO__/.github/workflows/pull-request.yml@__ALMANAC_REF__\n",
  );
  await writeFile(
    join(dir, "pages.yml"),
    "name: Pages\non: push\njobs:\n  pages:\n    uses: __ALMANAC_REPO__/.github/workflows/pages.yml@__ALMANAC_REF__\n",
  );
  await writeFile(join(dir, "notes.txt"), "not a workflow");
  return dir;
}

function init(dir: string, ...flags: string[]) {
  return runCli(["init", dir, "--no-install", ...flags]);
}

describe("almanac init in an empty folder", () => {
  it("writes the registry's files, initialises git, and refuses to run twice", async () => {
    const dir = await folder();
    const run = await init(dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const written = (await tree(dir)).filter((entry) => !entry.startsWith("/.git/") && entry !== "/.git/");
    expect(written.map((entry) => entry.split(" ")[0])).toEqual([
      "/.github/",
      "/.github/workflows/",
      "/.github/workflows/drift.yml",
      "/.github/workflows/pages.yml",
      "/.github/workflows/publish.yml",
      "/.github/workflows/pull-request-comment.yml",
      "/.github/workflows/pull-request.yml",
      "/.gitignore",
      "/.node-version",
      "/.vscode/",
      "/.vscode/extensions.json",
      "/.vscode/settings.json",
      "/README.md",
      "/datasets/",
      "/datasets/.gitkeep",
      "/models/",
      "/models/.gitkeep",
      "/package.json",
      "/reports/",
      "/reports/.gitkeep",
    ]);
    expect(run.stdout).toMatch(/^✓ set up an Almanac registry in .*\n {2}\+ package\.json\n {2}\+ \.node-version\n/);
    expect(run.stdout).toContain("  initialised a git repository\n");
    expect(run.stdout).toContain("  next: npm install, then npx almanac new dataset");
    expect(execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir, encoding: "utf8" }).trim()).toBe(
      "true",
    );
    const name = dir.split("/").at(-1)?.toLowerCase();
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toEqual({
      name,
      version: "0.0.0",
      private: true,
      description: "Models, datasets and their reports (Almanac)",
      scripts: { build: "almanac validate && almanac site build", test: "almanac validate" },
      devDependencies: { almanac: VERSION },
      allowScripts: { almanac: true, esbuild: true },
    });
    expect(await readFile(join(dir, ".node-version"), "utf8")).toBe(`${NODE_VERSION}\n`);
    expect(await readFile(join(dir, ".gitignore"), "utf8")).toBe("node_modules/\ndist-site/\n.almanac-tmp/\n");
    const readme = await readFile(join(dir, "README.md"), "utf8");
    expect(readme).toContain("npx almanac new dataset <id> --from <file> --target <column>");

    const before = await tree(dir);
    const again = await runCli(["init", dir, "--no-install"]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe(
      "error this repository is already set up for Almanac: init has nothing to write\n  hint: to take newer caller workflows, delete them from .github/workflows/ and run almanac init again\n",
    );
    expect(await tree(dir)).toEqual(before);
  });

  it("points the editor at schemas that the installed package holds", async () => {
    const dir = await folder();
    await init(dir);
    const settings = JSON.parse(await readFile(join(dir, ".vscode/settings.json"), "utf8"));
    const urls = [
      ...Object.keys(settings["yaml.schemas"]),
      ...settings["json.schemas"].map((entry: { url: string }) => entry.url),
    ];
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      expect(url).toMatch(/^\.\/node_modules\/almanac\/schemas\/[a-z-]+\.schema\.json$/);
      // The package ships schemas/ as this checkout has it (files in package.json).
      await expect(readFile(join(PROJECT, url.replace("./node_modules/almanac/", "")), "utf8")).resolves.toContain(
        '"$schema"',
      );
    }
    expect(JSON.parse(await readFile(join(dir, ".vscode/extensions.json"), "utf8"))).toEqual({
      recommendations: ["redhat.vscode-yaml"],
    });
  });
});

describe("almanac init in an existing repository", () => {
  it("merges package.json (npm init -y's placeholder test is replaced), .gitignore and editor settings, keeps README.md", async () => {
    const dir = await folder();
    execFileSync("git", ["init", "-q", dir]);
    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ ...NPM_INIT, devDependencies: { almanac: "^0.1.0", typescript: "5.9.3" } }, null, 2)}\n`,
    );
    await writeFile(join(dir, ".gitignore"), "/node_modules\n*.log");
    await mkdir(join(dir, ".vscode"));
    await writeFile(join(dir, ".vscode/settings.json"), '{\n  "editor.tabSize": 2\n}\n');
    await writeFile(join(dir, "README.md"), "# Churn models\n");
    await mkdir(join(dir, "models", "churn"), { recursive: true });
    await writeFile(join(dir, "models", "churn", "notes.txt"), "kept\n");

    const run = await init(dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "  ~ package.json (scripts: build, test; devDependencies: almanac pinned to 0.1.0 (was ^0.1.0); allowScripts: almanac, esbuild)\n",
    );
    expect(run.stdout).toContain("  ~ .gitignore (added dist-site/, .almanac-tmp/)\n");
    expect(run.stdout).toContain("  = README.md (yours, kept; the next steps are below)\n");
    expect(run.stdout).not.toContain("initialised a git repository");
    expect(run.stdout).not.toContain("models/.gitkeep");

    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toEqual({
      ...NPM_INIT,
      scripts: { test: "almanac validate", build: "almanac validate && almanac site build" },
      devDependencies: { almanac: VERSION, typescript: "5.9.3" },
      allowScripts: { almanac: true, esbuild: true },
    });
    expect(await readFile(join(dir, ".gitignore"), "utf8")).toBe(
      "/node_modules\n*.log\n\n# Almanac\ndist-site/\n.almanac-tmp/\n",
    );
    expect(JSON.parse(await readFile(join(dir, ".vscode/settings.json"), "utf8"))["editor.tabSize"]).toBe(2);
    expect(await readFile(join(dir, "README.md"), "utf8")).toBe("# Churn models\n");
    expect(await readdir(join(dir, "models"))).toEqual(["churn"]);
  });

  it("refuses listing every conflict, and writes nothing", async () => {
    const dir = await folder();
    const workflows = await templates();
    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "models", scripts: { test: "jest", build: "tsc" }, allowScripts: { esbuild: false } })}\n`,
    );
    await writeFile(join(dir, ".node-version"), "20\n");
    await mkdir(join(dir, ".vscode"));
    await writeFile(join(dir, ".vscode/settings.json"), '{\n  // tabs\n  "editor.tabSize": 4\n}\n');
    await writeFile(join(dir, ".vscode/extensions.json"), '{ "recommendations": ["redhat.vscode-yaml"] }\n');
    await mkdir(join(dir, ".github/workflows"), { recursive: true });
    await writeFile(join(dir, ".github/workflows/pages.yml"), "name: Our pages\n");
    const before = await tree(dir);

    const error = await initRegistry({ dir, install: false, templatesDir: workflows }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      exitCode: 2,
      hint: "rename, move or merge these by hand, then run almanac init again",
    });
    expect((error as Error).message).toBe(
      [
        "init refused: 6 conflicts with what is here, nothing was written",
        '  package.json scripts.build: is "tsc"; init would set "almanac validate && almanac site build"',
        '  package.json scripts.test: is "jest"; init would set "almanac validate"',
        "  package.json allowScripts.esbuild: is false; init would set true",
        `  .node-version: exists with other content ("20"); init would write "${NODE_VERSION}"`,
        "  .vscode/settings.json: is not plain JSON (comments?): add yaml.schemas and json.schemas to it by hand",
        '  .github/workflows/pages.yml: exists with other content ("name: Our pages"); init would write "name: Pages"',
      ].join("\n"),
    );
    expect(await tree(dir)).toEqual(before);

    const run = await runCli(["init", dir, "--no-install"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error init refused: \d+ conflicts with what is here, nothing was written\n/);
    expect(await tree(dir)).toEqual(before);
  });
});

describe("the caller workflows", () => {
  it("are every template with Almanac's repository and ref filled in (flags override both)", async () => {
    const dir = await folder();
    const result = await initRegistry({
      dir,
      install: false,
      templatesDir: await templates(),
      almanacRepo: "acme/almanac",
      almanacRef: "v9.9.9",
    });
    expect(result.plan.changes.map((change) => change.path)).toContain(".github/workflows/pull-request.yml");
    expect(await readdir(join(dir, ".github/workflows"))).toEqual(["pages.yml", "pull-request.yml"]);
    expect(await readFile(join(dir, ".github/workflows/pull-request.yml"), "utf8")).toBe(
      "name: Pull request\non: pull_request\njobs:\n  almanac:\n    uses: acme/almanac/.github/workflows/pull-request.yml@v9.9.9\n",
    );
  });

  it("default to the package's repository at v<version>", async () => {
    const dir = await folder();
    await initRegistry({ dir, install: false, templatesDir: await templates() });
    const { repository } = JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8"));
    expect(await readFile(join(dir, ".github/workflows/pages.yml"), "utf8")).toContain(
      `uses: ${githubSlug(repository.url)}/.github/workflows/pages.yml@v${VERSION}\n`,
    );
  });

  it("refuse a repository or ref that is not one", async () => {
    const dir = await folder();
    const run = await runCli(["init", dir, "--no-install", "--almanac-repo", "acme"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error --almanac-repo "acme" is not owner/name\n  hint: e.g. --almanac-repo my-org/almanac\n',
    );
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("how init names Almanac in package.json", () => {
  it("reads GitHub repository URLs", () => {
    expect(githubSlug("git+https://github.com/acme/almanac.git")).toBe("acme/almanac");
    expect(githubSlug("https://github.com/acme/almanac")).toBe("acme/almanac");
    expect(githubSlug("git@github.com:acme/almanac.git")).toBe("acme/almanac");
    expect(githubSlug("github:acme/almanac")).toBe("acme/almanac");
    expect(githubSlug("https://gitlab.com/acme/almanac")).toBeUndefined();
  });

  it("pins what npx ran: a tarball as file:, a git URL as given, the registry as the exact version", () => {
    const exec = (spec: string) => ({ npm_command: "exec", npm_config_package: spec });
    expect(almanacSpec(exec("../dist/almanac-0.1.0.tgz"), "/work/team", "/work/team/models")).toBe(
      "file:../../dist/almanac-0.1.0.tgz",
    );
    expect(almanacSpec(exec("github:acme/almanac#v0.1.0"), "/w", "/w")).toBe("github:acme/almanac#v0.1.0");
    expect(almanacSpec(exec("almanac@latest"), "/w", "/w")).toBe(VERSION);
    expect(almanacSpec({ npm_command: "run-script", npm_config_package: "x.tgz" }, "/w", "/w")).toBe(VERSION);
    expect(almanacSpec({}, "/w", "/w")).toBe(VERSION);
  });
});
