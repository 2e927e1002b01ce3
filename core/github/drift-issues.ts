import type { DriftReport } from "../schemas/drift-report.ts";
import { apiError, type GitHubClient, type RepositoryRef, statusOf } from "./client.ts";
import { prepareCommentBody, truncationNote } from "./comment-body.ts";
import { type DriftLinks, driftIssueTitle, renderDriftIssueBody, renderDriftUpdate } from "./drift-issue-body.ts";
import { upsertStickyComment } from "./sticky-comment.ts";

/** Label every drift issue carries; open issues with it are the ones Almanac manages. */
export const DRIFT_LABEL = "drift";
const LABEL_COLOR = "d93f0b";
const ISSUE_BODY_LIMIT = 65_536;

/** Hidden first line of a drift issue: one open issue per model. */
export function driftIssueMarker(model: string): string {
  return `<!-- almanac-drift model=${model} -->`;
}

/** Hidden first line of a run's comment: a rerun on the same date updates it instead of adding one. */
export function driftUpdateMarker(model: string, date: string): string {
  return `<!-- almanac-drift-update model=${model} date=${date} -->`;
}

export interface DriftIssueOptions {
  model: string;
  report: DriftReport;
  links?: DriftLinks;
  label?: string;
  /** Login whose comments are Almanac's (e.g. `github-actions[bot]`); empty: any. */
  author?: string;
  log?: (line: string) => void;
}

export type DriftIssueAction = "opened" | "commented" | "closed" | "none";

export interface DriftIssueResult {
  action: DriftIssueAction;
  issueNumber?: number;
  url?: string;
}

interface Issue {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
}

/** Open issues with the drift label that belong to this model (by marker, or by title), oldest first. */
export async function findDriftIssues(
  client: GitHubClient,
  repository: RepositoryRef,
  model: string,
  label = DRIFT_LABEL,
): Promise<Issue[]> {
  const issues = (await client.paginate(client.rest.issues.listForRepo, {
    ...repository,
    state: "open",
    labels: label,
    per_page: 100,
  })) as Issue[];
  const marker = driftIssueMarker(model);
  return issues
    .filter((issue) => !issue.pull_request)
    .filter((issue) => (issue.body ?? "").startsWith(marker) || issue.title === driftIssueTitle(model))
    .sort((a, b) => a.number - b.number);
}

/** Creates the label when the repository lacks it (a concurrent run creating it too is fine). */
async function ensureLabel(client: GitHubClient, repository: RepositoryRef, label: string): Promise<void> {
  try {
    await client.rest.issues.getLabel({ ...repository, name: label });
    return;
  } catch (error) {
    if (statusOf(error) !== 404) throw apiError(`reading label ${label}`, error);
  }
  try {
    await client.rest.issues.createLabel({
      ...repository,
      name: label,
      color: LABEL_COLOR,
      description: "Production data drifted from the model's reference (opened by Almanac)",
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw apiError(`creating label ${label}`, error, "the job needs `issues: write`");
  }
}

async function closeIssue(
  client: GitHubClient,
  repository: RepositoryRef,
  issue: Issue,
  reason: "completed" | "not_planned",
) {
  try {
    await client.rest.issues.update({
      ...repository,
      issue_number: issue.number,
      state: "closed",
      state_reason: reason,
    });
  } catch (error) {
    throw apiError(`closing issue #${issue.number}`, error, "the job needs `issues: write`");
  }
}

async function openIssue(client: GitHubClient, repository: RepositoryRef, options: DriftIssueOptions, label: string) {
  await ensureLabel(client, repository, label);
  const marker = driftIssueMarker(options.model);
  const text = renderDriftIssueBody(options.model, options.report, options.links ?? {});
  const body = `${marker}\n${prepareCommentBody(text, ISSUE_BODY_LIMIT - marker.length - 1, truncationNote("See the report file."))}`;
  try {
    const { data } = await client.rest.issues.create({
      ...repository,
      title: driftIssueTitle(options.model),
      body,
      labels: [label],
    });
    return data;
  } catch (error) {
    throw apiError(
      `opening a drift issue for ${options.model}`,
      error,
      "the job needs `issues: write`, and issues must be enabled",
    );
  }
}

/** Comments on the issue with this run's result (one comment per report date, updated on reruns). */
async function commentOnIssue(
  client: GitHubClient,
  repository: RepositoryRef,
  issue: Issue,
  options: DriftIssueOptions,
) {
  await upsertStickyComment(
    client,
    { ...repository, issueNumber: issue.number },
    {
      marker: driftUpdateMarker(options.model, options.report.date),
      body: renderDriftUpdate(options.report, options.links ?? {}),
      author: options.author,
      log: options.log,
    },
  );
}

/** The oldest open drift issue of the model; newer ones (from concurrent runs) are closed as duplicates. */
async function oneDriftIssue(
  client: GitHubClient,
  repository: RepositoryRef,
  options: DriftIssueOptions,
  label: string,
): Promise<Issue | undefined> {
  const [issue, ...duplicates] = await findDriftIssues(client, repository, options.model, label);
  for (const duplicate of duplicates) {
    options.log?.(`closing #${duplicate.number}: duplicate of #${issue?.number}`);
    await closeIssue(client, repository, duplicate, "not_planned");
  }
  return issue;
}

/**
 * Keeps one issue per drifting model in step with the latest drift report: opens it (label `drift`)
 * when the model drifts, comments on it on later runs while the drift persists, and comments and
 * closes it when the drift clears. Extra open issues for the same model are closed as duplicates.
 */
export async function syncDriftIssue(
  client: GitHubClient,
  repository: RepositoryRef,
  options: DriftIssueOptions,
): Promise<DriftIssueResult> {
  const label = options.label ?? DRIFT_LABEL;
  const issue = await oneDriftIssue(client, repository, options, label);
  if (options.report.dataset_drift) {
    if (!issue) {
      const created = await openIssue(client, repository, options, label);
      const keeper = await oneDriftIssue(client, repository, options, label);
      if (keeper && keeper.number !== created.number) {
        await commentOnIssue(client, repository, keeper, options);
        return { action: "commented", issueNumber: keeper.number, url: keeper.html_url };
      }
      return { action: "opened", issueNumber: created.number, url: created.html_url };
    }
    await commentOnIssue(client, repository, issue, options);
    return { action: "commented", issueNumber: issue.number, url: issue.html_url };
  }
  if (!issue) return { action: "none" };
  await commentOnIssue(client, repository, issue, options);
  await closeIssue(client, repository, issue, "completed");
  return { action: "closed", issueNumber: issue.number, url: issue.html_url };
}
