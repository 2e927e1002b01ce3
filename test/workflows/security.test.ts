import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { securityFindings, writeScopes } from "../support/workflow-security.ts";
import { readWorkflows, triggers, type WorkflowFile, type Yaml } from "../support/workflows.ts";

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
      "ci.yml": ["pull_request", "push"],
      "drift.yml": ["schedule", "workflow_dispatch"],
      "pages.yml": ["push", "workflow_dispatch"],
      "pull-request-comment.yml": ["workflow_run"],
      "pull-request.yml": ["pull_request"],
    });
    expect(byFile("pull-request-comment.yml").workflow.on.workflow_run.workflows).toEqual([
      byFile("pull-request.yml").workflow.name,
    ]);
  });

  it("grants write scopes only where they are needed", () => {
    const grants = workflows.flatMap((w) =>
      Object.entries<Record<string, unknown>>(w.workflow.jobs).flatMap(([job, spec]) =>
        writeScopes(spec).map((scope) => `${w.file.split("/").at(-1)} ${job} ${scope}`),
      ),
    );
    expect(grants.sort()).toEqual([
      "drift.yml commit contents",
      "drift.yml drift issues",
      "pages.yml deploy id-token",
      "pages.yml deploy pages",
      "pull-request-comment.yml comment pull-requests",
    ]);
  });
});

describe("the checks catch", () => {
  const pr = byFile("pull-request.yml");
  const comment = byFile("pull-request-comment.yml");

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
      "          sparse-checkout: actions/comment",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "          ref: ${{ github.event.workflow_run.head_sha }}",
    );
    expect(securityFindings(bad)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "jobs.comment checks out something other than the default branch (${{ github.event.workflow_run.head_sha }})",
    ]);
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
    expect(securityFindings(edited(pr, "cancel-in-progress: true", "cancel-in-progress: false"))).toEqual([
      "superseded pull request runs are not cancelled",
    ]);
  });
});

describe("every job", () => {
  it("sets up Node from .node-version with npm caching", () => {
    for (const w of workflows) {
      for (const [name, job] of Object.entries<Yaml>(w.workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (!String(step.uses ?? "").startsWith("actions/setup-node@")) continue;
          expect(step.with, `${w.file} jobs.${name}`).toEqual({ "node-version-file": ".node-version", cache: "npm" });
        }
      }
    }
  });
});
