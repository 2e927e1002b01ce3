import {
  calledWorkflow,
  effectiveTriggers,
  readWorkflows,
  triggers,
  type WorkflowFile,
  type Yaml,
} from "./workflows.ts";

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
function pullRequestFindings(w: WorkflowFile, all: readonly WorkflowFile[]): string[] {
  if (!effectiveTriggers(w, all).some((t) => PR_TRIGGERS.includes(t))) return [];
  const found: string[] = [];
  for (const [name, job] of jobsOf(w)) {
    for (const scope of writeScopes(job)) found.push(`jobs.${name} runs pull request code with ${scope}: write`);
    for (const step of stepsOf(job)) {
      if (usesAction(step, "actions/checkout") && step.with?.["persist-credentials"] !== false) {
        found.push(`jobs.${name} leaves the token in the checkout (persist-credentials is not false)`);
      }
    }
  }
  // A reusable workflow's runs are grouped by its caller.
  if (triggers(w.workflow).includes("workflow_call")) return found;
  const group = String(w.workflow.concurrency?.group ?? "");
  if (!group.includes("github.event.pull_request.number") || !w.workflow.concurrency?.["cancel-in-progress"]) {
    found.push("superseded pull request runs are not cancelled");
  }
  return found;
}

/** The only checkout a privileged job may make: Almanac's actions at the ref its caller pins. */
const PINNED_ALMANAC = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
  repository: "${{ inputs.almanac-repository }}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
  ref: "${{ inputs.almanac-ref }}",
};

function privilegedStepFindings(name: string, step: Step): string[] {
  const found: string[] = [];
  if (step.run !== undefined) found.push(`jobs.${name} runs a script in a privileged workflow`);
  if (usesAction(step, "actions/checkout")) {
    const pinned =
      step.with?.repository === PINNED_ALMANAC.repository &&
      step.with?.ref === PINNED_ALMANAC.ref &&
      String(step.with?.["sparse-checkout"] ?? "").startsWith("actions/");
    if (!pinned) {
      found.push(
        `jobs.${name} checks out something other than Almanac's actions at the caller's pinned ref (${step.with?.ref ?? step.with?.repository ?? "the workspace"})`,
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

/**
 * Workflows that run with a write token on pull request data: `pull_request_target`, or
 * `workflow_run` after a workflow that pull requests trigger (after a scheduled one it is not). A
 * reusable workflow is privileged when a workflow that calls it is.
 */
function isPrivileged(w: WorkflowFile, all: readonly WorkflowFile[]): boolean {
  const name = w.file.split("/").at(-1);
  const starters = triggers(w.workflow).includes("workflow_call")
    ? all.filter((caller) => Object.values<Job>(caller.workflow.jobs ?? {}).some((job) => calledWorkflow(job) === name))
    : [w];
  return starters.some((starter) => {
    const events = triggers(starter.workflow);
    if (events.includes("pull_request_target")) return true;
    if (!events.includes("workflow_run")) return false;
    const followed = (starter.workflow.on.workflow_run?.workflows ?? []) as string[];
    return all.some(
      (other) =>
        followed.includes(other.workflow.name) && effectiveTriggers(other, all).some((t) => PR_TRIGGERS.includes(t)),
    );
  });
}

/** Privileged workflows never run pull request code and may write comments only. */
function privilegedFindings(w: WorkflowFile, all: readonly WorkflowFile[]): string[] {
  if (!isPrivileged(w, all)) return [];
  const found: string[] = [];
  for (const [name, job] of jobsOf(w)) {
    for (const step of stepsOf(job)) found.push(...privilegedStepFindings(name, step));
    for (const [key, value] of Object.entries<unknown>(job.with ?? {})) {
      if (/github\.event/.test(String(value))) found.push(`jobs.${name} passes event data to ${key}`);
    }
    for (const scope of writeScopes(job)) {
      if (scope !== "issues" && scope !== "pull-requests") found.push(`jobs.${name} may write ${scope}`);
    }
  }
  return found;
}

/**
 * Every way a workflow departs from the security shape; [] when it keeps it. `all` is the set it
 * belongs to (a reusable workflow is judged by the events of its callers); `w` replaces its namesake.
 */
export function securityFindings(w: WorkflowFile, all: readonly WorkflowFile[] = readWorkflows()): string[] {
  const set = [...all.filter((other) => other.file !== w.file), w];
  return [
    ...permissionFindings(w),
    ...pinningFindings(w),
    ...pullRequestFindings(w, set),
    ...privilegedFindings(w, set),
  ];
}
