import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { securityFindings, writeScopes } from "../support/workflow-security.ts";
import { effectiveTriggers, readWorkflows, triggers, type WorkflowFile, type Yaml } from "../support/workflows.ts";

const workflows = readWorkflows();
const byFile = (name: string) => workflows.find((w) => w.file === `.github/workflows/${name}`)!;

/** A copy of a workflow with its text edited, re-parsed. */
function edited(w: WorkflowFile, from: string | RegExp, to: string): WorkflowFile {
  const text = w.text.replace(from, to);
  if (text === w.text) throw new Error(`edit of ${w.file} matched nothing: ${from}`);
  return { file: w.file, text, workflow: parse(text) };
}

describe("security shape", () => {
  it.each(workflows.map((w) => [w.file, w] as const))("%s keeps it", (_, w) => {
    expect(securityFindings(w)).toEqual([]);
  });

  it("has the workflows the project needs, triggered as intended", () => {
    expect(Object.fromEntries(workflows.map((w) => [w.file.split("/").at(-1), triggers(w.workflow).sort()]))).toEqual({
      "almanac-drift.yml": ["workflow_call"],
      "almanac-pages.yml": ["workflow_call"],
      "almanac-publish.yml": ["workflow_call"],
      "almanac-pull-request-comment.yml": ["workflow_call"],
      "almanac-pull-request.yml": ["workflow_call"],
      "ci.yml": ["pull_request", "push"],
      "drift.yml": ["schedule", "workflow_dispatch"],
      "pages.yml": ["push", "workflow_dispatch", "workflow_run"],
      "publish.yml": ["push", "workflow_dispatch"],
      "pull-request-comment.yml": ["workflow_run"],
      "pull-request.yml": ["pull_request"],
    });
    expect(byFile("pull-request-comment.yml").workflow.on.workflow_run.workflows).toEqual([
      byFile("pull-request.yml").workflow.name,
    ]);
    expect(byFile("pages.yml").workflow.on.workflow_run.workflows).toEqual([byFile("drift.yml").workflow.name]);
  });

  it("grants write scopes only where they are needed", () => {
    const grants = workflows.flatMap((w) =>
      Object.entries<Record<string, unknown>>(w.workflow.jobs).flatMap(([job, spec]) =>
        writeScopes(spec).map((scope) => `${w.file.split("/").at(-1)} ${job} ${scope}`),
      ),
    );
    expect(grants.sort()).toEqual([
      "almanac-drift.yml commit contents",
      "almanac-drift.yml drift issues",
      "almanac-drift.yml retraining-pr contents",
      "almanac-drift.yml retraining-pr pull-requests",
      "almanac-pages.yml deploy id-token",
      "almanac-pages.yml deploy pages",
      "almanac-publish.yml publish contents",
      "almanac-publish.yml publish packages",
      "almanac-pull-request-comment.yml comment pull-requests",
      "drift.yml almanac contents",
      "drift.yml almanac issues",
      "drift.yml almanac pull-requests",
      "pages.yml almanac id-token",
      "pages.yml almanac pages",
      "publish.yml almanac contents",
      "publish.yml almanac packages",
      "pull-request-comment.yml almanac pull-requests",
    ]);
  });

  it("judges the reusable workflows by the events of their callers", () => {
    expect(effectiveTriggers(byFile("almanac-pull-request.yml"), workflows)).toEqual(["pull_request"]);
    expect(effectiveTriggers(byFile("almanac-pull-request-comment.yml"), workflows)).toEqual(["workflow_run"]);
    expect(effectiveTriggers(byFile("almanac-drift.yml"), workflows)).toEqual(["schedule", "workflow_dispatch"]);
  });
});

describe("the checks catch", () => {
  const pr = byFile("almanac-pull-request.yml");
  const prCaller = byFile("pull-request.yml");
  const comment = byFile("almanac-pull-request-comment.yml");

  it("a write token in a job that runs pull request code", () => {
    const bad = edited(
      pr,
      "  validate:\n    name: Validate\n    runs-on: ubuntu-latest\n    timeout-minutes: 15\n    permissions:\n      contents: read",
      "  validate:\n    name: Validate\n    runs-on: ubuntu-latest\n    timeout-minutes: 15\n    permissions:\n      contents: read\n      pull-requests: write",
    );
    expect(securityFindings(bad)).toEqual(["jobs.validate runs pull request code with pull-requests: write"]);
  });

  it("a secret read by pull request code", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    const bad = edited(pr, "BASE_REF: origin/${{ github.base_ref }}", "BASE_REF: ${{ secrets.DEPLOY_KEY }}");
    expect(securityFindings(bad)).toEqual(["reads secrets"]);
  });

  it("a checkout of the pull request head in the privileged workflow (a pwn request)", () => {
    const bad = edited(
      comment,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "          ref: ${{ inputs.almanac-ref }}",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "          ref: ${{ github.event.workflow_run.head_sha }}",
    );
    expect(securityFindings(bad)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "jobs.comment checks out something other than Almanac's actions at the caller's pinned ref (${{ github.event.workflow_run.head_sha }})",
    ]);
    const caller = edited(
      byFile("pull-request-comment.yml"),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "almanac-ref: ${{ github.sha }}",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "almanac-ref: ${{ github.event.workflow_run.head_sha }}",
    );
    expect(securityFindings(caller)).toEqual(["jobs.almanac passes event data to almanac-ref"]);
  });

  it("a script step or an artifact in the workspace of the privileged workflow", () => {
    const script = edited(comment, "      - id: download", "      - run: npm ci\n      - id: download");
    expect(securityFindings(script)).toEqual(["jobs.comment runs a script in a privileged workflow"]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    const workspace = edited(comment, "path: ${{ runner.temp }}/almanac-report", "path: almanac-report");
    expect(securityFindings(workspace)).toEqual([
      "jobs.comment downloads an artifact into the workspace, where it could replace ./actions code",
    ]);
  });

  it("missing permissions, an unpinned action, and uncancelled superseded runs", () => {
    expect(securityFindings(edited(pr, "permissions: {}\n", ""))).toEqual(["workflow permissions are not {}"]);
    expect(
      securityFindings(
        edited(
          pr,
          "actions/upload-artifact@330a01c490aca151604b8cf639adc76d48f6c5d4 # v5.0.0",
          "actions/upload-artifact@v5",
        ),
      ),
    ).toEqual(["not pinned to a commit: uses: actions/upload-artifact@v5"]);
    expect(securityFindings(edited(prCaller, "cancel-in-progress: true", "cancel-in-progress: false"))).toEqual([
      "superseded pull request runs are not cancelled",
    ]);
  });
});

describe("every job", () => {
  it("sets up Node from the node version file (.node-version unless the caller says otherwise) with npm caching", () => {
    for (const w of workflows) {
      for (const [name, job] of Object.entries<Yaml>(w.workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (!String(step.uses ?? "").startsWith("actions/setup-node@")) continue;
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
          const file = w.file.endsWith("ci.yml") ? ".node-version" : "${{ inputs.node-version-file }}";
          expect(step.with, `${w.file} jobs.${name}`).toEqual({ "node-version-file": file, cache: "npm" });
        }
      }
      const input = w.workflow.on?.workflow_call?.inputs?.["node-version-file"];
      if (input) expect(input.default).toBe(".node-version");
    }
  });
});
