import { AlmanacError } from "../util/errors.ts";
import { apiError, type GitHubClient, type RepositoryRef, statusOf } from "./client.ts";
import { GITHUB_COMMENT_LIMIT, prepareCommentBody, truncationNote } from "./comment-body.ts";

/** The hidden first line that identifies Almanac's pull request report comment. */
export const REPORT_MARKER = "<!-- almanac-report -->";
/** Bounded so a comment deleted again and again cannot loop forever. */
const MAX_ATTEMPTS = 3;
const PAGE_SIZE = 100;

/** Where the comment goes: an issue or pull request (they share comment numbers). */
export interface CommentTarget extends RepositoryRef {
  issueNumber: number;
}

export interface StickyCommentOptions {
  /** Hidden marker (an HTML comment) that the comment starts with; one sticky comment per marker. */
  marker: string;
  /** Markdown; untrusted: it is sanitised and size-limited here. */
  body: string;
  /**
   * Only comments by this login count as the sticky one (e.g. `github-actions[bot]`), so a comment
   * someone else writes with the marker is never edited. Empty: any author.
   */
  author?: string;
  /** Limit of the whole body, marker included. */
  maxLength?: number;
  /** Said in the truncation note: where the full report is. */
  fullReportHint?: string;
  log?: (line: string) => void;
}

export type StickyAction = "created" | "updated" | "unchanged" | "recreated";

export interface StickyCommentResult {
  action: StickyAction;
  commentId: number;
  url: string;
  /** Duplicate sticky comments (from concurrent runs) removed. */
  removed: number[];
  /** The body as posted. */
  body: string;
}

interface Comment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user: { login: string } | null;
}

/** Drops a copy of the marker the body itself starts with (the report carries it), before sanitising. */
function stripLeadingMarker(body: string, marker: string): string {
  const trimmed = body.replace(/^\uFEFF/, "").trimStart();
  return trimmed.startsWith(marker) ? trimmed.slice(marker.length).replace(/^\r?\n/, "") : body;
}

/** The exact body posted: the marker, then the sanitised, size-limited Markdown. */
export function composeStickyBody(options: StickyCommentOptions): string {
  const limit = (options.maxLength ?? GITHUB_COMMENT_LIMIT) - options.marker.length - 1;
  const note = truncationNote(options.fullReportHint ?? "The full report is in the workflow run's job summary.");
  return `${options.marker}\n${prepareCommentBody(stripLeadingMarker(options.body, options.marker), limit, note)}`;
}

/**
 * The sticky comments on the first page of comments that holds any, oldest first: pages are read in
 * order and reading stops there, so a long conversation costs one request per page only up to the
 * sticky comment (which the first report creates early), not every page on every run.
 */
export async function findStickyComments(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  author = "",
): Promise<Comment[]> {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: PAGE_SIZE,
  });
  for await (const page of pages) {
    const found = (page.data as Comment[]).filter(
      (comment) => (comment.body ?? "").startsWith(marker) && (!author || comment.user?.login === author),
    );
    if (found.length > 0) return found.sort((a, b) => a.id - b.id);
  }
  return [];
}

/** Explains a refusal to comment: locked conversation, read-only token, or issues disabled. */
function commentRefused(target: CommentTarget, error: unknown): AlmanacError {
  return apiError(
    `commenting on ${target.owner}/${target.repo}#${target.issueNumber}`,
    error,
    "the job needs `permissions: pull-requests: write` (on an issue: `issues: write`), the conversation must not be locked, " +
      "and a token from a fork's pull_request run is always read-only: post from a workflow_run workflow instead",
  );
}

async function createComment(client: GitHubClient, target: CommentTarget, body: string): Promise<Comment> {
  try {
    const { data } = await client.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body,
    });
    return data as Comment;
  } catch (error) {
    throw commentRefused(target, error);
  }
}

/** Deletes duplicates; one already gone (another run removed it) is fine. */
async function deleteComments(client: GitHubClient, target: CommentTarget, comments: readonly Comment[]) {
  for (const comment of comments) {
    try {
      await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id });
    } catch (error) {
      if (statusOf(error) !== 404) throw commentRefused(target, error);
    }
  }
}

/**
 * The sticky comments after making sure one exists: when none does, creates it and reads the comments
 * again (a concurrent run may have created one too), oldest first.
 */
async function ensureSticky(
  client: GitHubClient,
  target: CommentTarget,
  options: StickyCommentOptions,
  body: string,
): Promise<{ stickies: [Comment, ...Comment[]]; created: Comment | undefined }> {
  const found = await findStickyComments(client, target, options.marker, options.author);
  if (found.length > 0) return { stickies: found as [Comment, ...Comment[]], created: undefined };
  const created = await createComment(client, target, body);
  options.log?.(`created comment ${created.id} on #${target.issueNumber}`);
  const again = await findStickyComments(client, target, options.marker, options.author);
  if (!again.some((comment) => comment.id === created.id)) again.push(created);
  again.sort((a, b) => a.id - b.id);
  return { stickies: again as [Comment, ...Comment[]], created };
}

/**
 * Posts or updates the one sticky comment on an issue or pull request. Finds it by the hidden marker
 * (reading pages only up to the first that holds it); updates it in place (or leaves it when unchanged); creates it when
 * missing, or again when the update answers 404 (deleted meanwhile). After creating it re-reads the
 * comments and keeps only the oldest sticky one, so concurrent reruns never leave two.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  options: StickyCommentOptions,
): Promise<StickyCommentResult> {
  const body = composeStickyBody(options);
  const removed: number[] = [];
  let recreating = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { stickies, created } = await ensureSticky(client, target, options, body);
    const [keeper, ...duplicates] = stickies;
    if (duplicates.length > 0) options.log?.(`removing ${duplicates.length} duplicate comment(s) from concurrent runs`);
    await deleteComments(client, target, duplicates);
    removed.push(...duplicates.map((comment) => comment.id));
    // "created" when the kept comment is ours, or already carries our body (a create GitHub applied
    // before answering 5xx); "updated" when a concurrent run's comment is kept and gets our body.
    const ours = created !== undefined && (created.id === keeper.id || keeper.body === body);
    const action: StickyAction = recreating ? "recreated" : ours ? "created" : "updated";
    if (keeper.body === body) {
      return {
        action: action === "updated" ? "unchanged" : action,
        commentId: keeper.id,
        url: keeper.html_url,
        removed,
        body,
      };
    }
    try {
      const { owner, repo } = target;
      const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: keeper.id, body });
      return { action, commentId: data.id, url: data.html_url, removed, body };
    } catch (error) {
      if (statusOf(error) !== 404) throw commentRefused(target, error);
      options.log?.(`comment ${keeper.id} was deleted meanwhile; posting it again`);
      recreating = true;
    }
  }
  throw new AlmanacError(`the sticky comment on #${target.issueNumber} kept disappearing (${MAX_ATTEMPTS} attempts)`, {
    hint: "something deletes it as soon as it is written; rerun the workflow",
  });
}
