import { triggers, type WorkflowFile, type Yaml } from "./workflows.ts";

/**
 * The security shape Almanac's workflows must keep (GitHub Security Lab, "preventing pwn requests"),
 * as findings: pull request code runs only with a read-only token and no secrets; privileged
 * workflows (workflow_run, pull_request_target) never check out or run pull request code and keep
 * artifacts out of the workspace; every workflow and job declares permissions; third-party actions
 * are pinned to commits.
 */
type Job = Record<string, Yaml>;
type Step = Record<string, Yaml>;

export const PR_TRIGGERS = ["pull_request"];
export const PRIVILEGED_TRIGGERS = ["workflow_run", "pull_request_target"];

const jobsOf = (w: WorkflowFile) => Object.entries<Job>(w.workflow.jobs ?? {});
const stepsOf = (job: Job): Step[] => job.steps ?? [];
const usesAction = (step: Step, action: string) => String(step.uses ?? "").startsWith(`${action}@`);

/** Scopes a job may write. */
export function writeScopes(job: Job): string[] {
  return Object.entries<string>(job.permissions ?? {})
    .filter(([, level]) => level === "write")
    .map(([scope]) => scope);
}

function permissionFindings(w: WorkflowFile): string[] {
  const found: string[] = [];
  const top = w.workflow.permissions;
  if (typeof top !== "object" || top === null || Object.keys(top).length > 0)
    found.push("workflow permissions are not {}");
  for (const [name, job] of jobsOf(w)) {
    if (typeof job.permissions !== "object" || job.permissions === null)
      found.push(`jobs.${name} declares no permissions`);
  }
  return found;
}

function pinningFindings(w: WorkflowFile): string[] {
  const found: string[] = [];
  for (const [line, ref, comment] of w.text.matchAll(/uses:\s*([^\s#]+)(.*)$/gm)) {
    if (ref!.startsWith("./")) continue;
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref!)) found.push(`not pinned to a commit: ${line.trim()}`);
    else if (!/^ # v\d+\.\d+\.\d+$/.test(comment!)) found.push(`no version comment: ${line.trim()}`);
  }
  if (/secrets\./.test(w.text)) found.push("reads secrets");
  return found;
}

/** Jobs of workflows that pull requests trigger run pull request code: read-only, no token left on disk. */
function pullRequestFindings(w: WorkflowFile): string[] {
  if (!triggers(w.workflow).some((t) => PR_TRIGGERS.includes(t))) return [];
  const found: string[] = [];
  for (const [name, job] of jobsOf(w)) {
    for (const scope of writeScopes(job)) found.push(`jobs.${name} runs pull request code with ${scope}: write`);
    for (const step of stepsOf(job)) {
      if (usesAction(step, "actions/checkout") && step.with?.["persist-credentials"] !== false) {
        found.push(`jobs.${name} leaves the token in the checkout (persist-credentials is not false)`);
      }
    }
  }
  const group = String(w.workflow.concurrency?.group ?? "");
  if (!group.includes("github.event.pull_request.number") || !w.workflow.concurrency?.["cancel-in-progress"]) {
    found.push("superseded pull request runs are not cancelled");
  }
  return found;
}

function privilegedStepFindings(name: string, step: Step): string[] {
  const found: string[] = [];
  if (step.run !== undefined) found.push(`jobs.${name} runs a script in a privileged workflow`);
  if (usesAction(step, "actions/checkout")) {
    if (step.with?.ref !== undefined || step.with?.repository !== undefined) {
      found.push(
        `jobs.${name} checks out something other than the default branch (${step.with?.ref ?? step.with?.repository})`,
      );
    }
    if (step.with?.["persist-credentials"] !== false) found.push(`jobs.${name} leaves the token in the checkout`);
  }
  if (
    usesAction(step, "actions/download-artifact") &&
    !/^\$\{\{ runner\.temp \}\}\//.test(String(step.with?.path ?? ""))
  ) {
    found.push(`jobs.${name} downloads an artifact into the workspace, where it could replace ./actions code`);
  }
  return found;
}

/** Privileged workflows never run pull request code and may write comments only. */
function privilegedFindings(w: WorkflowFile): string[] {
  if (!triggers(w.workflow).some((t) => PRIVILEGED_TRIGGERS.includes(t))) return [];
  const found: string[] = [];
  for (const [name, job] of jobsOf(w)) {
    for (const step of stepsOf(job)) found.push(...privilegedStepFindings(name, step));
    for (const scope of writeScopes(job)) {
      if (scope !== "issues" && scope !== "pull-requests") found.push(`jobs.${name} may write ${scope}`);
    }
  }
  return found;
}

/** Every way a workflow departs from the security shape; [] when it keeps it. */
export function securityFindings(w: WorkflowFile): string[] {
  return [...permissionFindings(w), ...pinningFindings(w), ...pullRequestFindings(w), ...privilegedFindings(w)];
}
