import { AlmanacError, usageError } from "../util/errors.ts";
import { apiError, type GitHubClient, type RepositoryRef, statusOf } from "./client.ts";

/** The parts of a `workflow_run` event payload the comment poster trusts (they come from GitHub). */
interface WorkflowRunPayload {
  workflow_run?: {
    event?: string;
    head_sha?: string;
    head_branch?: string | null;
    head_repository?: { full_name?: string } | null;
    pull_requests?: Array<{ number: number; head?: { sha?: string } }>;
  };
  pull_request?: { number: number; head?: { sha?: string } };
}

/** Where a report may be posted, or why it must not be. */
export type ReportTarget = { kind: "post"; issueNumber: number; headSha: string } | { kind: "skip"; reason: string };

/** A pull request number as the artifact states it: digits only, nothing else. */
export function parsePullRequestNumber(text: string): number {
  const trimmed = text.trim();
  if (!/^[1-9][0-9]{0,9}$/.test(trimmed)) {
    throw new AlmanacError(
      `the report's pull request number is not a number: ${JSON.stringify(trimmed.slice(0, 40))}`,
      {
        hint: "the pull_request workflow writes only the number (github.event.pull_request.number) into pr-number",
      },
    );
  }
  return Number(trimmed);
}

function mismatch(claimed: number, detail: string): AlmanacError {
  return new AlmanacError(`refusing to comment: the report claims pull request #${claimed}, but ${detail}`, {
    hint: "the artifact is written by pull request code and cannot be trusted; a report is only posted on the pull request whose run produced it",
  });
}

/** Reads the pull request, failing clearly when it does not exist. */
async function getPullRequest(client: GitHubClient, repository: RepositoryRef, number: number) {
  try {
    return (await client.rest.pulls.get({ ...repository, pull_number: number })).data;
  } catch (error) {
    if (statusOf(error) === 404) throw mismatch(number, "no such pull request exists in this repository");
    throw apiError(`reading pull request #${number}`, error);
  }
}

type WorkflowRun = NonNullable<WorkflowRunPayload["workflow_run"]> & { head_sha: string };

/** Fork pull requests are missing from `workflow_run.pull_requests`: read the pull request and compare heads. */
async function checkUnlistedPullRequest(
  client: GitHubClient,
  repository: RepositoryRef,
  run: WorkflowRun,
  claimed: number,
): Promise<ReportTarget> {
  const pr = await getPullRequest(client, repository, claimed);
  const headRepo = pr.head.repo?.full_name ?? "";
  const runRepo = run.head_repository?.full_name ?? "";
  if (headRepo !== runRepo) {
    throw mismatch(claimed, `its head is in ${headRepo || "a deleted repository"}, the run's in ${runRepo || "?"}`);
  }
  if (pr.head.sha === run.head_sha) return { kind: "post", issueNumber: claimed, headSha: run.head_sha };
  if (pr.head.ref === run.head_branch) {
    return { kind: "skip", reason: `#${claimed} has moved on to ${pr.head.sha.slice(0, 7)}; a newer run will report` };
  }
  throw mismatch(claimed, `its head commit ${pr.head.sha.slice(0, 7)} is not the run's ${run.head_sha.slice(0, 7)}`);
}

/** The workflow_run case: the claimed number must be the run's pull request at the run's head commit. */
async function resolveFromWorkflowRun(
  client: GitHubClient,
  repository: RepositoryRef,
  run: WorkflowRunPayload["workflow_run"],
  claimed: number,
): Promise<ReportTarget> {
  if (!run?.head_sha) throw usageError("the workflow_run event has no workflow_run.head_sha", "");
  if (run.event !== "pull_request" && run.event !== "pull_request_target") {
    return {
      kind: "skip",
      reason: `the triggering run came from a ${run.event ?? "unknown"} event, not a pull request`,
    };
  }
  const listed = run.pull_requests ?? [];
  if (listed.length === 0) return checkUnlistedPullRequest(client, repository, run as WorkflowRun, claimed);
  const match = listed.find((pr) => pr.number === claimed);
  if (!match) throw mismatch(claimed, `the run belongs to ${listed.map((pr) => `#${pr.number}`).join(", ")}`);
  if (match.head?.sha && match.head.sha !== run.head_sha) {
    return {
      kind: "skip",
      reason: `#${claimed} has moved on to ${match.head.sha.slice(0, 7)}; a newer run will report`,
    };
  }
  return { kind: "post", issueNumber: claimed, headSha: run.head_sha };
}

/**
 * Checks the pull request number a report artifact claims against the event GitHub sent. On
 * `workflow_run` it must be one of the run's pull requests at the run's head commit or, for fork pull
 * requests (which GitHub leaves out of `pull_requests`), a pull request whose head is the run's head
 * commit in the run's head repository. A pull request that moved on to a newer commit is skipped:
 * the newer run posts its own report. Any other mismatch fails.
 */
export async function resolveReportTarget(
  client: GitHubClient,
  repository: RepositoryRef,
  eventName: string,
  payload: WorkflowRunPayload,
  claimed: number,
): Promise<ReportTarget> {
  if (eventName === "workflow_run") return resolveFromWorkflowRun(client, repository, payload.workflow_run, claimed);
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const pr = payload.pull_request;
    if (!pr || pr.number !== claimed) throw mismatch(claimed, `this ${eventName} event is for #${pr?.number ?? "?"}`);
    return { kind: "post", issueNumber: claimed, headSha: pr.head?.sha ?? "" };
  }
  throw usageError(
    `cannot tell which pull request a ${eventName || "local"} event is for`,
    "run the comment action on workflow_run (after the pull request workflow) or on pull_request",
  );
}
