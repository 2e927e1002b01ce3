import { retrainingMarker } from "../retrain/titles.ts";
import { apiError, type GitHubClient, type RepositoryRef } from "./client.ts";
import { GITHUB_COMMENT_LIMIT, prepareCommentBody, truncationNote } from "./comment-body.ts";

/** The branch a model's retraining is pushed to: one per model, force-pushed by each run. */
export function retrainingBranch(model: string): string {
  return `almanac/retrain/${model}`;
}

/** What one run knows about a production model with a retraining policy. */
export interface RetrainingPullRequestOptions {
  model: string;
  /** The branch the retraining was pushed to, and the branch the pull request targets. */
  branch: string;
  base: string;
  /** Present when this run retrained the model: the pull request's title and body (retraining.md). */
  retrained?: { title: string; body: string };
  /** Whether the model's newest drift report still drifts; false closes an open retraining pull request. */
  drifted: boolean;
  /** Said in the closing comment, e.g. "the drift report of 2016-04-01 found no drift". */
  clearedBecause?: string;
  /** Link to the model's drift issue, added to the body. */
  driftIssueUrl?: string;
  /**
   * A workflow file (e.g. `pull-request.yml`) to start on the branch with `workflow_dispatch`: a pull
   * request opened or pushed with GITHUB_TOKEN starts no workflow by itself (docs/github.md).
   */
  dispatchWorkflow?: string;
  log?: (line: string) => void;
}

export type RetrainingPullRequestAction = "opened" | "updated" | "closed" | "none";

export interface RetrainingPullRequestResult {
  action: RetrainingPullRequestAction;
  number?: number;
  url?: string;
  /** True when the pull-request workflow was dispatched on the branch. */
  dispatched?: boolean;
}

interface PullRequest {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  head: { ref: string };
}

/** Open pull requests that are this model's retraining (by the body's marker, or by the branch), oldest first. */
export async function findRetrainingPullRequests(
  client: GitHubClient,
  repository: RepositoryRef,
  model: string,
  branch: string,
): Promise<PullRequest[]> {
  let pulls: PullRequest[];
  try {
    pulls = (await client.paginate(client.rest.pulls.list, {
      ...repository,
      state: "open",
      per_page: 100,
    })) as PullRequest[];
  } catch (error) {
    throw apiError("listing open pull requests", error, "the job needs `pull-requests: read`");
  }
  const marker = retrainingMarker(model);
  return pulls
    .filter((pull) => (pull.body ?? "").startsWith(marker) || pull.head.ref === branch)
    .sort((a, b) => a.number - b.number);
}

/**
 * The body: the marker, then the report (sanitised as every comment Almanac posts, its own marker
 * line dropped) and a link to the drift issue, cut to GitHub's limit.
 */
export function retrainingBody(model: string, report: string, driftIssueUrl: string | undefined): string {
  const marker = retrainingMarker(model);
  const text = report.startsWith(`${marker}\n`) ? report.slice(marker.length + 1) : report;
  const link = driftIssueUrl ? `\n\nDrift issue: ${driftIssueUrl}\n` : "";
  const body = prepareCommentBody(
    `${text.trimEnd()}${link}`,
    GITHUB_COMMENT_LIMIT - marker.length - 1,
    truncationNote(`The whole report is reports/models/${model}/retraining.md on the branch.`),
  );
  return `${marker}\n${body}`;
}

/**
 * Keeps at most one open retraining pull request per model in step with the scheduled run: opens it
 * when the run retrained a drifting model, updates its title and body on later runs (the branch
 * was force-pushed), comments and closes it when the drift clears, and closes duplicates (from
 * concurrent runs) as such. Optionally dispatches the pull-request workflow on the branch.
 */
export async function syncRetrainingPullRequest(
  client: GitHubClient,
  repository: RepositoryRef,
  options: RetrainingPullRequestOptions,
): Promise<RetrainingPullRequestResult> {
  const [pull, ...duplicates] = await findRetrainingPullRequests(client, repository, options.model, options.branch);
  for (const duplicate of duplicates) {
    options.log?.(`closing #${duplicate.number}: duplicate of #${pull?.number}`);
    await comment(client, repository, duplicate.number, `Superseded by #${pull?.number}.`);
    await close(client, repository, duplicate.number);
  }
  if (!options.drifted) {
    if (!pull) return { action: "none" };
    const why = options.clearedBecause ? `: ${options.clearedBecause}` : "";
    await comment(client, repository, pull.number, `Drift cleared${why}. Closing this retraining pull request.`);
    await close(client, repository, pull.number);
    return { action: "closed", number: pull.number, url: pull.html_url };
  }
  if (!options.retrained)
    return pull ? { action: "none", number: pull.number, url: pull.html_url } : { action: "none" };
  const body = retrainingBody(options.model, options.retrained.body, options.driftIssueUrl);
  const result = pull
    ? await update(client, repository, pull, options.retrained.title, body)
    : await open(client, repository, options, body);
  if (!options.dispatchWorkflow) return result;
  await dispatch(client, repository, options.dispatchWorkflow, options.branch);
  return { ...result, dispatched: true };
}

async function open(
  client: GitHubClient,
  repository: RepositoryRef,
  options: RetrainingPullRequestOptions,
  body: string,
): Promise<RetrainingPullRequestResult> {
  try {
    const { data } = await client.rest.pulls.create({
      ...repository,
      title: options.retrained?.title ?? `Retrain ${options.model}`,
      head: options.branch,
      base: options.base,
      body,
    });
    return { action: "opened", number: data.number, url: data.html_url };
  } catch (error) {
    throw apiError(
      `opening the retraining pull request of ${options.model}`,
      error,
      "the job needs `pull-requests: write`, and the repository must allow GitHub Actions to create pull requests (Settings → Actions → General)",
    );
  }
}

async function update(
  client: GitHubClient,
  repository: RepositoryRef,
  pull: PullRequest,
  title: string,
  body: string,
): Promise<RetrainingPullRequestResult> {
  try {
    await client.rest.pulls.update({ ...repository, pull_number: pull.number, title, body });
    return { action: "updated", number: pull.number, url: pull.html_url };
  } catch (error) {
    throw apiError(`updating pull request #${pull.number}`, error, "the job needs `pull-requests: write`");
  }
}

async function close(client: GitHubClient, repository: RepositoryRef, number: number): Promise<void> {
  try {
    await client.rest.pulls.update({ ...repository, pull_number: number, state: "closed" });
  } catch (error) {
    throw apiError(`closing pull request #${number}`, error, "the job needs `pull-requests: write`");
  }
}

async function comment(client: GitHubClient, repository: RepositoryRef, number: number, body: string): Promise<void> {
  try {
    await client.rest.issues.createComment({ ...repository, issue_number: number, body });
  } catch (error) {
    throw apiError(`commenting on pull request #${number}`, error, "the job needs `pull-requests: write`");
  }
}

async function dispatch(client: GitHubClient, repository: RepositoryRef, workflow: string, ref: string): Promise<void> {
  try {
    await client.rest.actions.createWorkflowDispatch({ ...repository, workflow_id: workflow, ref });
  } catch (error) {
    throw apiError(
      `starting ${workflow} on ${ref}`,
      error,
      `the job needs \`actions: write\`, and ${workflow} needs an \`on: workflow_dispatch\` trigger`,
    );
  }
}
