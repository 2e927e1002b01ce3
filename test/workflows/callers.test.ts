import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  calledWorkflow,
  readTemplates,
  readWorkflows,
  TEMPLATE_DIR,
  WORKFLOW_DIR,
  type WorkflowFile,
  type Yaml,
} from "../support/workflows.ts";

const workflows = readWorkflows();
const templates = readTemplates();
const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };

/** The permissions a reusable workflow's jobs need together: per scope, the highest any job asks for. */
function neededPermissions(reusable: WorkflowFile): Record<string, string> {
  const needed: Record<string, string> = {};
  for (const job of Object.values<Yaml>(reusable.workflow.jobs)) {
    for (const [scope, level] of Object.entries<string>(job.permissions ?? {})) {
      if ((LEVEL[level] ?? 0) > (LEVEL[needed[scope] ?? "none"] ?? 0)) needed[scope] = level;
    }
  }
  return needed;
}

/** Every job of every caller that calls a reusable workflow, with the workflow it calls. */
const calls = [...workflows, ...templates].flatMap((caller) =>
  Object.entries<Yaml>(caller.workflow.jobs)
    .filter(([, job]) => calledWorkflow(job))
    .map(([name, job]) => ({ where: `${caller.file} jobs.${name}`, job, called: calledWorkflow(job) })),
);

describe("caller workflows", () => {
  it("every template and every Almanac workflow but CI is a thin caller of a reusable workflow", () => {
    expect(calls.map((c) => c.where).sort()).toEqual([
      ".github/workflows/drift.yml jobs.almanac",
      ".github/workflows/pages.yml jobs.almanac",
      ".github/workflows/publish.yml jobs.almanac",
      ".github/workflows/pull-request-comment.yml jobs.almanac",
      ".github/workflows/pull-request.yml jobs.almanac",
      "templates/workflows/drift.yml jobs.almanac",
      "templates/workflows/pages.yml jobs.almanac",
      "templates/workflows/publish.yml jobs.almanac",
      "templates/workflows/pull-request-comment.yml jobs.almanac",
      "templates/workflows/pull-request.yml jobs.almanac",
    ]);
  });

  it.each(calls.map((c) => [c.where, c] as const))(
    "%s grants exactly the permissions its reusable workflow's jobs need",
    (_, { job, called }) => {
      const reusable = workflows.find((w) => w.file === `.github/workflows/${called}`);
      expect(reusable, called).toBeDefined();
      expect(job.permissions).toEqual(neededPermissions(reusable!));
    },
  );

  it.each(calls.map((c) => [c.where, c] as const))(
    "%s passes only declared inputs, and no secrets",
    (_, { job, called }) => {
      const reusable = workflows.find((w) => w.file === `.github/workflows/${called}`)!;
      const declared = reusable.workflow.on.workflow_call.inputs ?? {};
      for (const name of Object.keys(job.with ?? {})) expect(Object.keys(declared)).toContain(name);
      for (const [name, spec] of Object.entries<Yaml>(declared)) {
        if (spec.required) expect(Object.keys(job.with ?? {}), `required input ${name}`).toContain(name);
      }
      expect(job.secrets).toBeUndefined();
    },
  );

  it.each(templates.map((t) => [t.file.split("/").at(-1)!] as const))(
    "Almanac's own %s is the template, calling the reusable workflow in this repository",
    (name) => {
      const template = readFileSync(join(TEMPLATE_DIR, name), "utf8");
      const own = template
        .replace(
          /uses: __ALMANAC_REPO__\/\.github\/workflows\/([\w.-]+)@__ALMANAC_REF__/g,
          "uses: ./.github/workflows/$1",
        )
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
        .replaceAll("almanac-repository: __ALMANAC_REPO__", "almanac-repository: ${{ github.repository }}")
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
        .replaceAll("almanac-ref: __ALMANAC_REF__", "almanac-ref: ${{ github.sha }}");
      expect(readFileSync(join(WORKFLOW_DIR, name), "utf8")).toBe(own);
      expect(own).not.toMatch(/__ALMANAC_/);
    },
  );

  it("drift runs by hand have their own concurrency group, so they never displace the scheduled run", () => {
    const drift = templates.find((t) => t.file.endsWith("/drift.yml"))!;
    const group = String(drift.workflow.concurrency.group);
    const evaluate = (event: string, model: string) =>
      group
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
        .replace("${{ github.event_name }}", event)
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
        .replace("${{ inputs.model || 'all' }}", model || "all");
    expect(evaluate("schedule", "")).toBe("drift-schedule-all");
    expect(evaluate("workflow_dispatch", "churn")).toBe("drift-workflow_dispatch-churn");
    expect(evaluate("workflow_dispatch", "")).not.toBe(evaluate("schedule", ""));
    expect(drift.workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("the Pages site is rebuilt after each successful drift run, whose push starts no workflow", () => {
    const pages = templates.find((t) => t.file.endsWith("/pages.yml"))!;
    expect(pages.workflow.on.workflow_run).toEqual({ workflows: ["Drift"], types: ["completed"] });
    expect(pages.workflow.jobs.almanac.if).toBe(
      "github.event_name != 'workflow_run' || github.event.workflow_run.conclusion == 'success'",
    );
  });

  it("docs/github.md asks adopters to require approval for all outside collaborators' runs", () => {
    const docs = readFileSync(join(WORKFLOW_DIR, "..", "..", "docs", "github.md"), "utf8").replace(/\s+/g, " ");
    expect(docs).toContain("**Require approval for all outside collaborators**");
    expect(docs).toContain("a fork's pull request can name one of your self-hosted or larger runners");
  });

  it("reusable workflows take Almanac from the workspace's installed package, never from ./actions", () => {
    for (const w of workflows) {
      expect(w.text, w.file).not.toMatch(/uses: \.\/actions\//);
    }
  });
});
