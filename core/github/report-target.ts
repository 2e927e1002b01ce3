import { AlmanacError, usageError } from "../util/errors.ts";
import { apiError, type GitHubClient, type RepositoryRef, statusOf } from "./client.ts";

/** The parts of a `workflow_run` event payload the comment poster trusts (they come from GitHub). */
interface WorkflowRunPayload {
  workflow_run?: {
    event?: string;
    head_sha?: string;
    head_branch?: string | null;
    head_repository?: { full_name?: string } | null;
    pull_requests?: Array<ListedPullRequest>;
  };
  pull_request?: { number: number; head?: { sha?: string } };
  /** This repository (where the workflow runs). */
  repository?: { id?: number };
}

/** An entry of `workflow_run.pull_requests`: GitHub lists pull requests of any repository whose head matches. */
interface ListedPullRequest {
  number: number;
  head?: { sha?: string };
  base?: { repo?: { id?: number } };
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
  // A deleted fork has no name on either side: "" === "" proves nothing.
  if (!headRepo || !runRepo || headRepo !== runRepo) {
    throw mismatch(claimed, `its head is in ${headRepo || "a deleted repository"}, the run's in ${runRepo || "?"}`);
  }
  if (pr.head.sha === run.head_sha) return { kind: "post", issueNumber: claimed, headSha: run.head_sha };
  if (pr.head.ref === run.head_branch) {
    return { kind: "skip", reason: `#${claimed} has moved on to ${pr.head.sha.slice(0, 7)}; a newer run will report` };
  }
  throw mismatch(claimed, `its head commit ${pr.head.sha.slice(0, 7)} is not the run's ${run.head_sha.slice(0, 7)}`);
}

function isThisRepository(entry: ListedPullRequest, repositoryId: number | undefined): boolean {
  return typeof repositoryId === "number" && entry.base?.repo?.id === repositoryId;
}

/** The workflow_run case: the claimed number must be the run's pull request at the run's head commit. */
async function resolveFromWorkflowRun(
  client: GitHubClient,
  repository: RepositoryRef,
  payload: WorkflowRunPayload,
  claimed: number,
): Promise<ReportTarget> {
  const run = payload.workflow_run;
  if (!run?.head_sha) throw usageError("the workflow_run event has no workflow_run.head_sha", "");
  if (run.event !== "pull_request" && run.event !== "pull_request_target") {
    return {
      kind: "skip",
      reason: `the triggering run came from a ${run.event ?? "unknown"} event, not a pull request`,
    };
  }
  const listed = run.pull_requests ?? [];
  const match = listed.find((pr) => pr.number === claimed);
  // Only an entry whose base is this repository (by id) vouches for the number; any other claim is
  // checked against the pull request itself (head repository and head commit).
  if (!match || !isThisRepository(match, payload.repository?.id)) {
    return checkUnlistedPullRequest(client, repository, run as WorkflowRun, claimed);
  }
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
 * `workflow_run` it must be one of the run's pull requests whose base is this repository (by id), at
 * the run's head commit; otherwise (fork pull requests, which GitHub leaves out of `pull_requests`, or
 * an entry of another repository) the pull request is read and its head repository (named, not empty)
 * and head commit must be the run's. A pull request that moved on to a newer commit is skipped:
 * the newer run posts its own report. Any other mismatch fails.
 */
export async function resolveReportTarget(
  client: GitHubClient,
  repository: RepositoryRef,
  eventName: string,
  payload: WorkflowRunPayload,
  claimed: number,
): Promise<ReportTarget> {
  if (eventName === "workflow_run") return resolveFromWorkflowRun(client, repository, payload, claimed);
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
