import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleAction, bundledActions, distPath } from "../../scripts/bundle-actions.ts";
import { readManifest } from "../support/action-runner.ts";
import type { Yaml } from "../support/workflows.ts";
import { ALMANAC_ROOT } from "../support/workspace.ts";

const ACTIONS = readdirSync(join(ALMANAC_ROOT, "actions"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ALMANAC_ROOT, "actions", entry.name, "action.yml")))
  .map((entry) => entry.name)
  .sort();

describe("actions/", () => {
  it("has the actions the workflows need", () => {
    expect(ACTIONS).toEqual([
      "comment",
      "commit-reports",
      "drift",
      "drift-issue",
      "report",
      "retraining-pr",
      "train",
      "validate",
    ]);
    expect(bundledActions()).toEqual(["comment", "commit-reports", "drift-issue", "retraining-pr"]);
  });

  describe.each(ACTIONS)("actions/%s/action.yml", (name) => {
    const dir = join(ALMANAC_ROOT, "actions", name);
    const manifest = readManifest(dir) as ReturnType<typeof readManifest> & Record<string, Yaml>;

    it("has a name, description, author and branding", () => {
      expect(manifest.name).toMatch(/^Almanac /);
      expect(String(manifest.description).length).toBeGreaterThan(40);
      expect(manifest.author).toBe("Almanac");
      expect(manifest.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
    });

    it("documents every input and output", () => {
      for (const [input, spec] of Object.entries<Record<string, unknown>>(manifest.inputs ?? {})) {
        expect(String(spec.description ?? ""), `input ${input}`).not.toBe("");
        expect(typeof spec.required, `input ${input} says whether it is required`).toBe("boolean");
      }
      expect(Object.keys(manifest.outputs ?? {}).length).toBeGreaterThan(0);
      for (const [output, spec] of Object.entries<Record<string, unknown>>(manifest.outputs ?? {})) {
        expect(String(spec.description ?? ""), `output ${output}`).not.toBe("");
        if (manifest.runs.using === "composite")
          expect(String(spec.value), `output ${output}`).toMatch(/^\$\{\{ steps\./);
      }
    });

    it("is documented in docs/github.md, every input and output by name", () => {
      const docs = readFileSync(join(ALMANAC_ROOT, "docs", "github.md"), "utf8");
      const section = docs.split(/^### /m).find((part) => part.startsWith(`\`actions/${name}\``)) ?? "";
      expect(section, `a section for actions/${name}`).not.toBe("");
      for (const input of Object.keys(manifest.inputs ?? {}))
        expect(section, `input ${input}`).toContain(`| \`${input}\` |`);
      for (const output of Object.keys(manifest.outputs ?? {}))
        expect(section, `output ${output}`).toContain(`\`${output}\``);
    });

    it("runs on node24 from a committed bundle, or as a composite of bash steps that never inline inputs", () => {
      if (manifest.runs.using === "node24") {
        expect(manifest.runs.main).toBe("dist/index.js");
        expect(readFileSync(join(dir, "src", "index.ts"), "utf8")).toBe(
          'import { run } from "./main.ts";\n\nawait run();\n',
        );
        expect(readFileSync(join(dir, "src", "main.ts"), "utf8")).toMatch(
          /export async function run\(\): Promise<void>/,
        );
        expect(readFileSync(join(dir, "src", "main.ts"), "utf8")).not.toMatch(/process\.exit/);
        return;
      }
      expect(manifest.runs.using).toBe("composite");
      for (const step of manifest.runs.steps ?? []) {
        expect(step.shell).toBe("bash");
        expect(step.run, "inputs reach scripts through env, never inlined (script injection)").not.toMatch(/\$\{\{/);
      }
    });
  });
});

describe("bundled dist/", () => {
  it.each(bundledActions())(
    "actions/%s/dist/index.js is what scripts/bundle-actions.ts builds from src/",
    async (name) => {
      const committed = readFileSync(distPath(name), "utf8");
      const fresh = await bundleAction(name);
      expect(committed === fresh, `actions/${name}/dist is stale: run node scripts/bundle-actions.ts`).toBe(true);
    },
  );
});
